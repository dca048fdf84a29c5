import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { catchUpDecision, missedSlots, parseScheduleSpec } from "../../src/core/schedules/index.js";

const at = (iso: string): Date => new Date(iso);
const slot = at("2026-03-02T00:00:00Z");

describe("catchUpDecision for the forecast digest", () => {
  it("fires when within 5 minutes of the slot", () => {
    expect(catchUpDecision("forecast_digest", slot, at("2026-03-02T00:00:00Z"))).toEqual({ action: "fire" });
    expect(catchUpDecision("forecast_digest", slot, at("2026-03-02T00:04:00Z"))).toEqual({ action: "fire" });
    expect(catchUpDecision("forecast_digest", slot, at("2026-03-02T00:05:00Z"))).toEqual({ action: "fire" });
  });

  it("goes out late, with how late, after 5 minutes and under 24 hours", () => {
    // 5 min + 1 ms = 300,001 ms.
    expect(catchUpDecision("forecast_digest", slot, at("2026-03-02T00:05:00.001Z"))).toEqual({ action: "late", lateByMs: 300_001 });
    // 23 h = 23 x 3,600,000 = 82,800,000 ms.
    expect(catchUpDecision("forecast_digest", slot, at("2026-03-02T23:00:00Z"))).toEqual({ action: "late", lateByMs: 82_800_000 });
    // 24 h - 1 ms = 86,399,999 ms: still late.
    expect(catchUpDecision("forecast_digest", slot, at("2026-03-02T23:59:59.999Z"))).toEqual({ action: "late", lateByMs: 86_399_999 });
  });

  it("skips, with a reason to log, from 24 hours on", () => {
    expect(catchUpDecision("forecast_digest", slot, at("2026-03-03T01:00:00Z"))).toEqual({
      action: "skip",
      reason: "The digest for 2026-03-02T00:00:00.000Z was missed by 25 h; a digest more than 24 h late is skipped.",
    });
    expect(catchUpDecision("forecast_digest", slot, at("2026-03-03T00:00:00Z"))).toMatchObject({ action: "skip" });
    expect(catchUpDecision("forecast_digest", slot, at("2026-03-04T02:30:00Z"))).toEqual({
      action: "skip",
      reason: "The digest for 2026-03-02T00:00:00.000Z was missed by 50 h 30 min; a digest more than 24 h late is skipped.",
    });
  });

  it("refuses a slot that is not due yet", () => {
    expect(() => catchUpDecision("forecast_digest", slot, at("2026-03-01T23:59:00Z"))).toThrow(AppError);
    expect(() => catchUpDecision("forecast_digest", slot, at("2026-03-01T23:59:00Z"))).toThrow(/is after now/);
  });
});

describe("missedSlots", () => {
  // 08:00 in Kuala Lumpur = 00:00Z every day.
  const daily = parseScheduleSpec("daily 08:00");
  const tz = "Asia/Kuala_Lumpur";

  it("lists the slots after the last handled one, up to and including now", () => {
    expect(missedSlots(daily, tz, at("2026-03-02T00:00:00Z"), at("2026-02-01T03:00:00Z"), at("2026-03-04T12:00:00Z")).map((d) => d.toISOString())).toEqual([
      "2026-03-03T00:00:00.000Z",
      "2026-03-04T00:00:00.000Z",
    ]);
    // `now` exactly on a slot includes it.
    expect(missedSlots(daily, tz, at("2026-03-03T00:00:00Z"), at("2026-02-01T03:00:00Z"), at("2026-03-04T00:00:00Z")).map((d) => d.toISOString())).toEqual([
      "2026-03-04T00:00:00.000Z",
    ]);
    // Nothing new since the last slot.
    expect(missedSlots(daily, tz, at("2026-03-04T00:00:00Z"), at("2026-02-01T03:00:00Z"), at("2026-03-04T12:00:00Z"))).toEqual([]);
  });

  it("starts after creation when no slot was handled yet", () => {
    // Created 2 March 11:00 KL (03:00Z), after that day's slot: 3 and 4 March.
    expect(missedSlots(daily, tz, null, at("2026-03-02T03:00:00Z"), at("2026-03-04T12:00:00Z")).map((d) => d.toISOString())).toEqual([
      "2026-03-03T00:00:00.000Z",
      "2026-03-04T00:00:00.000Z",
    ]);
  });

  it("keeps only the latest 50 for a schedule dormant for a year", () => {
    // Last handled 2025-03-04; now 2026-03-04 12:00Z: 365 daily slots (5 Mar 2025 .. 4 Mar 2026).
    // The latest 50 end on 4 March 2026 and start 49 days earlier: 4 Mar - 28 d = 4 Feb, - 21 d = 14 Jan.
    const slots = missedSlots(daily, tz, at("2025-03-04T00:00:00Z"), at("2025-01-01T00:00:00Z"), at("2026-03-04T12:00:00Z"));
    expect(slots).toHaveLength(50);
    expect(slots[0]?.toISOString()).toBe("2026-01-14T00:00:00.000Z");
    expect(slots[49]?.toISOString()).toBe("2026-03-04T00:00:00.000Z");
    const three = missedSlots(daily, tz, at("2025-03-04T00:00:00Z"), at("2025-01-01T00:00:00Z"), at("2026-03-04T12:00:00Z"), { limit: 3 });
    expect(three.map((d) => d.toISOString())).toEqual(["2026-03-02T00:00:00.000Z", "2026-03-03T00:00:00.000Z", "2026-03-04T00:00:00.000Z"]);
  });

  it("passes every-N-weeks anchors through", () => {
    // Anchor Monday 2026-03-02; every 2 weeks on Monday 08:00 KL: 2 and 16 March (00:00Z), not 9 March.
    const fortnightly = parseScheduleSpec("every 2 weeks Mon 08:00", { anchorDate: "2026-03-02" });
    expect(missedSlots(fortnightly, tz, null, at("2026-03-01T00:00:00Z"), at("2026-03-20T00:00:00Z")).map((d) => d.toISOString())).toEqual([
      "2026-03-02T00:00:00.000Z",
      "2026-03-16T00:00:00.000Z",
    ]);
  });
});
