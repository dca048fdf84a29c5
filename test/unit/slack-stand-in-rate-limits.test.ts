import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/slack-stand-in/clock.js";
import { METHOD_RATE_LIMITS, RateLimiter, TokenBucket } from "../../src/slack-stand-in/rate-limits.js";
import { formatTs, parseTsMicros } from "../../src/slack-stand-in/workspace.js";

describe("TokenBucket", () => {
  it("starts full, empties, and refills continuously", () => {
    const bucket = new TokenBucket({ burst: 2, perMs: 1 / 1000 }, 0);
    expect(bucket.waitMs(0)).toBe(0);
    bucket.take();
    bucket.take();
    expect(bucket.waitMs(0)).toBe(1000);
    expect(bucket.waitMs(400)).toBe(600);
    expect(bucket.waitMs(1000)).toBe(0);
    expect(bucket.waitMs(60_000)).toBe(0);
    bucket.take();
    bucket.take();
    expect(bucket.waitMs(60_000)).toBe(1000);
  });
});

describe("RateLimiter", () => {
  it("rounds Retry-After up to whole seconds", () => {
    const clock = createManualClock(0);
    const limiter = new RateLimiter({}, clock.now);
    expect(METHOD_RATE_LIMITS["conversations.history"]).toMatchObject({ kind: "tier", tier: 3 });
    // Tier 3: 50 at once, then one every 1.2 s.
    for (let n = 0; n < 50; n += 1) expect(limiter.check("T", "conversations.history").allowed).toBe(true);
    expect(limiter.check("T", "conversations.history")).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it("keeps workspaces apart", () => {
    const clock = createManualClock(0);
    const limiter = new RateLimiter({ postMessage: { burst: 1 } }, clock.now);
    expect(limiter.check("T1", "chat.postMessage", "C1").allowed).toBe(true);
    expect(limiter.check("T1", "chat.postMessage", "C1").allowed).toBe(false);
    expect(limiter.check("T2", "chat.postMessage", "C1").allowed).toBe(true);
  });

  it("does not limit methods it has no tier for", () => {
    const limiter = new RateLimiter({}, createManualClock(0).now);
    for (let n = 0; n < 500; n += 1) expect(limiter.check("T", "api.test").allowed).toBe(true);
  });

  it("refuses a non-positive scale", () => {
    expect(() => new RateLimiter({ scale: 0 }, createManualClock(0).now)).toThrow(RangeError);
  });
});

describe("message ts", () => {
  it("round-trips microseconds and accepts short fractions", () => {
    expect(formatTs(1_741_000_000_000_123)).toBe("1741000000.000123");
    expect(parseTsMicros("1741000000.000123")).toBe(1_741_000_000_000_123);
    expect(parseTsMicros("1741000000.5")).toBe(1_741_000_000_500_000);
    expect(parseTsMicros("1741000000")).toBe(1_741_000_000_000_000);
    expect(parseTsMicros("nope")).toBeUndefined();
  });
});
