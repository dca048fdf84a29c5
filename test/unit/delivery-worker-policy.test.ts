// The worker's decisions after a failure: backoff with jitter, giving up, Retry-After.
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, nextStepAfterFailure, retryDelayMs } from "../../src/jobs/delivery-worker.js";

const fixed = (value: number) => () => value;

describe("retryDelayMs", () => {
  it("doubles from 2 s per attempt, half fixed and half jitter", () => {
    // attempt 1: ceiling 2000 ms; 1000 + 1000 * 0.5 = 1500
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, fixed(0.5))).toBe(1_500);
    // attempt 4: ceiling 2000 * 2^3 = 16000; 8000 + 8000 * 0.5 = 12000
    expect(retryDelayMs(4, DEFAULT_RETRY_POLICY, fixed(0.5))).toBe(12_000);
    // attempt 9: ceiling 2000 * 2^8 = 512000; with no jitter, half: 256000
    expect(retryDelayMs(9, DEFAULT_RETRY_POLICY, fixed(0))).toBe(256_000);
  });

  it("never waits more than ten minutes", () => {
    // attempt 10: 2000 * 2^9 = 1,024,000 capped at 600,000; 300000 + 300000 * 0.999 = 599700
    expect(retryDelayMs(10, DEFAULT_RETRY_POLICY, fixed(0.999))).toBe(599_700);
    expect(retryDelayMs(30, DEFAULT_RETRY_POLICY, fixed(0))).toBe(300_000);
  });
});

describe("nextStepAfterFailure", () => {
  const transient = { kind: "transient" as const, message: "chat.postMessage: HTTP 500" };

  it("retries transient failures until the last allowed attempt, then gives up", () => {
    // attempt 9 of 10: ceiling 512000, no jitter: 256000
    expect(nextStepAfterFailure(transient, 9, DEFAULT_RETRY_POLICY, fixed(0))).toEqual({ action: "retry", delayMs: 256_000, countAttempt: true });
    expect(nextStepAfterFailure(transient, 10, DEFAULT_RETRY_POLICY, fixed(0))).toEqual({ action: "fail", reason: "gave_up" });
  });

  it("waits exactly Retry-After on a rate limit, without counting an attempt or ever giving up", () => {
    const limited = { kind: "rate_limited" as const, method: "chat.postMessage", channel: "C1", retryAfterMs: 30_000, message: "rate limited" };
    expect(nextStepAfterFailure(limited, 1, DEFAULT_RETRY_POLICY, fixed(0.5))).toEqual({ action: "retry", delayMs: 30_000, countAttempt: false });
    expect(nextStepAfterFailure(limited, 50, DEFAULT_RETRY_POLICY, fixed(0.5))).toEqual({ action: "retry", delayMs: 30_000, countAttempt: false });
  });

  it("fails permanent failures at once with the platform's reason", () => {
    const permanent = { kind: "permanent" as const, reason: "account_inactive", message: "chat.postMessage: account_inactive" };
    expect(nextStepAfterFailure(permanent, 1, DEFAULT_RETRY_POLICY, fixed(0.5))).toEqual({ action: "fail", reason: "account_inactive" });
  });
});
