import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import {
  nextOccurrence,
  occurrencesBetween,
  parseScheduleSpec,
  previousOccurrence,
  type ScheduleSpec,
} from "../../src/core/schedules/index.js";

const at = (iso: string): Date => new Date(iso);
const iso = (dates: readonly Date[]): string[] => dates.map((date) => date.toISOString());
const between = (spec: ScheduleSpec, timeZone: string, after: string, until: string): string[] =>
  iso(occurrencesBetween(spec, timeZone, at(after), at(until)));

describe("occurrencesBetween: zones without DST", () => {
  it("weekly Mon 08:00 in Asia/Kuala_Lumpur (+08:00) fires at 00:00Z on Mondays", () => {
    // 2026-03-01 is a Sunday, so the Mondays are 2, 9, 16 March; 08:00 - 8 h = 00:00Z.
    expect(between(parseScheduleSpec("weekly Mon 08:00"), "Asia/Kuala_Lumpur", "2026-03-01T00:00:00Z", "2026-03-20T00:00:00Z")).toEqual([
      "2026-03-02T00:00:00.000Z",
      "2026-03-09T00:00:00.000Z",
      "2026-03-16T00:00:00.000Z",
    ]);
  });

  it("treats the window as (after, until]", () => {
    const spec = parseScheduleSpec("weekly Mon 08:00");
    // The 2 March slot is 00:00Z: excluded as `after`, included as `until`.
    expect(between(spec, "Asia/Kuala_Lumpur", "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z")).toEqual(["2026-03-09T00:00:00.000Z"]);
    expect(between(spec, "Asia/Kuala_Lumpur", "2026-03-09T00:00:00Z", "2026-03-09T00:00:00Z")).toEqual([]);
  });

  it("handles the 45-minute zone Asia/Kathmandu (+05:45): 08:00 local = 02:15Z", () => {
    expect(between(parseScheduleSpec("daily 08:00"), "Asia/Kathmandu", "2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z")).toEqual([
      "2026-03-01T02:15:00.000Z",
      "2026-03-02T02:15:00.000Z",
    ]);
  });

  it("handles the half-hour zone Asia/Kolkata (+05:30): Monday 09:00 local = 03:30Z", () => {
    expect(between(parseScheduleSpec("weekly Mon 09:00"), "Asia/Kolkata", "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z")).toEqual([
      "2026-03-02T03:30:00.000Z",
      "2026-03-09T03:30:00.000Z",
    ]);
  });
});

describe("occurrencesBetween: DST in America/New_York", () => {
  it("spring gap 2026-03-08: a 02:30 daily schedule fires once, at 03:00 EDT = 07:00Z", () => {
    // 7 Mar EST (-5): 02:30 + 5 h = 07:30Z. 8 Mar: 02:00-03:00 is skipped; the first instant
    // after the gap is 03:00 EDT = 07:00Z. 9 Mar EDT (-4): 02:30 + 4 h = 06:30Z.
    expect(between(parseScheduleSpec("daily 02:30"), "America/New_York", "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")).toEqual([
      "2026-03-07T07:30:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T06:30:00.000Z",
    ]);
  });

  it("two wall times inside the gap fire once, and the next real one follows", () => {
    // 02:00 and 02:30 both resolve to 07:00Z (fired once); 03:00 EDT is 07:00Z as well; 03:30 EDT = 07:30Z.
    expect(between(parseScheduleSpec("0,30 2,3 * * *"), "America/New_York", "2026-03-08T05:00:00Z", "2026-03-08T09:00:00Z")).toEqual([
      "2026-03-08T07:00:00.000Z",
      "2026-03-08T07:30:00.000Z",
    ]);
  });

  it("autumn overlap 2026-11-01: a 01:30 daily schedule fires once, at the first 01:30 (EDT) = 05:30Z", () => {
    // 31 Oct EDT: 01:30 + 4 h = 05:30Z. 1 Nov: 01:30 occurs at 05:30Z (EDT) and 06:30Z (EST);
    // only the first. 2 Nov EST: 01:30 + 5 h = 06:30Z.
    expect(between(parseScheduleSpec("daily 01:30"), "America/New_York", "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z")).toEqual([
      "2026-10-31T05:30:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-02T06:30:00.000Z",
    ]);
  });

  it("an hourly schedule does not repeat the doubled hour", () => {
    // 00:00 EDT = 04:00Z, 01:00 EDT = 05:00Z, (01:00 EST = 06:00Z is the repeat), 02:00 EST = 07:00Z.
    expect(between(parseScheduleSpec("0 * * * *"), "America/New_York", "2026-11-01T03:30:00Z", "2026-11-01T07:30:00Z")).toEqual([
      "2026-11-01T04:00:00.000Z",
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T07:00:00.000Z",
    ]);
  });
});

describe("occurrencesBetween: DST in Europe/London", () => {
  it("2026-03-29: 01:30 does not exist and fires at 02:00 BST = 01:00Z", () => {
    // 28 Mar GMT: 01:30Z. 29 Mar: 01:00 GMT jumps to 02:00 BST (= 01:00Z). 30 Mar BST: 01:30 - 1 h = 00:30Z.
    expect(between(parseScheduleSpec("daily 01:30"), "Europe/London", "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z")).toEqual([
      "2026-03-28T01:30:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:30:00.000Z",
    ]);
  });

  it("2026-10-25: 01:30 happens twice and fires at the first (BST) = 00:30Z", () => {
    expect(between(parseScheduleSpec("daily 01:30"), "Europe/London", "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z")).toEqual([
      "2026-10-24T00:30:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
    ]);
  });

  it("a Monday 08:00 digest moves from 08:00Z to 07:00Z across the spring change", () => {
    expect(between(parseScheduleSpec("weekly Mon 08:00"), "Europe/London", "2026-03-20T00:00:00Z", "2026-04-03T00:00:00Z")).toEqual([
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
    ]);
  });
});

describe("occurrencesBetween: 45-minute and 30-minute DST", () => {
  it("Pacific/Chatham: +13:45 until the first Sunday of April (2026-04-05), +12:45 after", () => {
    // Local 4 Apr 08:00 at +13:45 = 3 Apr 18:15Z; DST ends 5 Apr 03:45 -> 02:45, so local
    // 5 Apr 08:00 at +12:45 = 4 Apr 19:15Z.
    expect(between(parseScheduleSpec("daily 08:00"), "Pacific/Chatham", "2026-04-03T00:00:00Z", "2026-04-05T00:00:00Z")).toEqual([
      "2026-04-03T18:15:00.000Z",
      "2026-04-04T19:15:00.000Z",
    ]);
  });

  it("Pacific/Chatham: DST starts on the last Sunday of September (2026-09-27) at 02:45 -> 03:45", () => {
    const daily0800 = parseScheduleSpec("daily 08:00");
    // Local 26 Sep 08:00 at +12:45 = 25 Sep 19:15Z; local 27 Sep 08:00 at +13:45 = 26 Sep 18:15Z.
    expect(between(daily0800, "Pacific/Chatham", "2026-09-25T12:00:00Z", "2026-09-26T23:00:00Z")).toEqual([
      "2026-09-25T19:15:00.000Z",
      "2026-09-26T18:15:00.000Z",
    ]);
    // 03:00 on 27 Sep is in the gap: fires at 03:45 CHADT = 02:45 CHAST = 26 Sep 14:00Z.
    // Local 28 Sep 03:00 at +13:45 = 27 Sep 13:15Z.
    expect(between(parseScheduleSpec("daily 03:00"), "Pacific/Chatham", "2026-09-26T00:00:00Z", "2026-09-28T00:00:00Z")).toEqual([
      "2026-09-26T14:00:00.000Z",
      "2026-09-27T13:15:00.000Z",
    ]);
  });

  it("Australia/Lord_Howe: the 30-minute fall-back overlap fires at the first 01:45", () => {
    // DST ends 2026-04-05 02:00 +11:00 -> 01:30 +10:30. Local 5 Apr 01:45 first at +11 = 4 Apr 14:45Z
    // (not 15:15Z); local 6 Apr 01:45 at +10:30 = 5 Apr 15:15Z.
    expect(between(parseScheduleSpec("daily 01:45"), "Australia/Lord_Howe", "2026-04-04T00:00:00Z", "2026-04-06T00:00:00Z")).toEqual([
      "2026-04-04T14:45:00.000Z",
      "2026-04-05T15:15:00.000Z",
    ]);
  });
});

describe("occurrencesBetween: presets that are not plain cron", () => {
  it("every 2 weeks keeps the anchor week's parity", () => {
    // Anchor week begins Monday 2026-03-02 (created Wednesday 4 March). Europe/London: GMT
    // until 29 March, so 08:00 = 08:00Z on 2 and 16 March, 07:00Z on 30 March and 13 April.
    // Weeks before the anchor follow the same parity: 16 Feb, 2 Feb.
    const spec = parseScheduleSpec("every 2 weeks Mon 08:00", { anchorDate: "2026-03-04" });
    expect(between(spec, "Europe/London", "2026-02-01T00:00:00Z", "2026-04-15T00:00:00Z")).toEqual([
      "2026-02-02T08:00:00.000Z",
      "2026-02-16T08:00:00.000Z",
      "2026-03-02T08:00:00.000Z",
      "2026-03-16T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
      "2026-04-13T07:00:00.000Z",
    ]);
  });

  it("every 3 weeks counts weeks from the anchor, and the anchor may come from the options", () => {
    const spec: ScheduleSpec = { cron: "0 8 * * 5", preset: null, everyWeeks: 3, anchorDate: null };
    // Anchor Monday 2026-03-02: Fridays of weeks 0, 3, 6 are 6 Mar, 27 Mar, 17 Apr; 08:00 KL = 00:00Z.
    expect(
      iso(occurrencesBetween(spec, "Asia/Kuala_Lumpur", at("2026-03-01T00:00:00Z"), at("2026-04-20T00:00:00Z"), { anchorDate: "2026-03-02" })),
    ).toEqual(["2026-03-06T00:00:00.000Z", "2026-03-27T00:00:00.000Z", "2026-04-17T00:00:00.000Z"]);
    expect(() => occurrencesBetween(spec, "UTC", at("2026-03-01T00:00:00Z"), at("2026-04-20T00:00:00Z"))).toThrow(
      "A schedule every 3 weeks needs an anchor date (the Monday of its first week).",
    );
  });

  it("last Friday of February in a leap year (2028) and a non-leap year (2027)", () => {
    const spec = parseScheduleSpec("monthly on the last Friday 09:00");
    // Feb 2027: 1st is a Monday, 28th a Sunday -> Fridays 5, 12, 19, 26; last = 26.
    // Feb 2028: 1st is a Tuesday, 29th a Tuesday -> Fridays 4, 11, 18, 25; last = 25.
    // 09:00 in Kuala Lumpur = 01:00Z.
    expect(between(spec, "Asia/Kuala_Lumpur", "2027-02-01T00:00:00Z", "2027-03-01T00:00:00Z")).toEqual(["2027-02-26T01:00:00.000Z"]);
    expect(between(spec, "Asia/Kuala_Lumpur", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z")).toEqual(["2028-02-25T01:00:00.000Z"]);
    // January 2027 has five Fridays (1, 8, 15, 22, 29): the last is the fifth.
    expect(between(spec, "Asia/Kuala_Lumpur", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z")).toEqual(["2027-01-29T01:00:00.000Z"]);
  });

  it("monthly on the first Tuesday", () => {
    // 2026: 1 Jan Thu -> 6 Jan; 1 Feb Sun -> 3 Feb; 1 Mar Sun -> 3 Mar; 1 Apr Wed -> 7 Apr.
    // Europe/London 09:00 = 09:00Z in GMT, 08:00Z in BST (from 29 March).
    expect(
      between(parseScheduleSpec("monthly on the first Tuesday 09:00"), "Europe/London", "2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z"),
    ).toEqual(["2026-01-06T09:00:00.000Z", "2026-02-03T09:00:00.000Z", "2026-03-03T09:00:00.000Z", "2026-04-07T08:00:00.000Z"]);
  });

  it("quarterly on day 1 fires on 1 January, April, July and October", () => {
    // Kuala Lumpur 09:00 = 01:00Z.
    expect(between(parseScheduleSpec("quarterly on day 1 09:00"), "Asia/Kuala_Lumpur", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")).toEqual([
      "2026-01-01T01:00:00.000Z",
      "2026-04-01T01:00:00.000Z",
      "2026-07-01T01:00:00.000Z",
      "2026-10-01T01:00:00.000Z",
    ]);
  });
});

describe("occurrencesBetween: day-of-month and day-of-week together", () => {
  it("uses OR when both are restricted, as cron does", () => {
    // April 2026: the 1st is a Wednesday, so the Fridays are 3, 10, 17, 24; the 13th is a Monday.
    expect(between(parseScheduleSpec("0 9 13 * FRI"), "UTC", "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z")).toEqual([
      "2026-04-03T09:00:00.000Z",
      "2026-04-10T09:00:00.000Z",
      "2026-04-13T09:00:00.000Z",
      "2026-04-17T09:00:00.000Z",
      "2026-04-24T09:00:00.000Z",
    ]);
  });

  it("uses AND when one field starts with * (Vixie cron): */10 with Friday", () => {
    // */10 = days 1, 11, 21, 31. April: none is a Friday. May: 1 May 2026 is a Friday (11th Mon,
    // 21st Thu, 31st Sun).
    expect(between(parseScheduleSpec("0 9 */10 * 5"), "UTC", "2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z")).toEqual([
      "2026-05-01T09:00:00.000Z",
    ]);
  });
});

describe("nextOccurrence and previousOccurrence", () => {
  const weekly = parseScheduleSpec("weekly Mon 08:00");

  it("next is strictly after; previous is at or before", () => {
    // Monday 2026-03-09 08:00 KL = 00:00Z.
    expect(nextOccurrence(weekly, "Asia/Kuala_Lumpur", at("2026-03-09T00:00:00Z"))?.toISOString()).toBe("2026-03-16T00:00:00.000Z");
    expect(nextOccurrence(weekly, "Asia/Kuala_Lumpur", at("2026-03-08T23:59:59.999Z"))?.toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(previousOccurrence(weekly, "Asia/Kuala_Lumpur", at("2026-03-09T00:00:00Z"))?.toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(previousOccurrence(weekly, "Asia/Kuala_Lumpur", at("2026-03-08T23:59:59.999Z"))?.toISOString()).toBe(
      "2026-03-02T00:00:00.000Z",
    );
  });

  it("finds the gap and overlap instants in both directions", () => {
    const daily0230 = parseScheduleSpec("daily 02:30");
    expect(nextOccurrence(daily0230, "America/New_York", at("2026-03-07T08:00:00Z"))?.toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(previousOccurrence(daily0230, "America/New_York", at("2026-03-08T08:00:00Z"))?.toISOString()).toBe("2026-03-08T07:00:00.000Z");
    const daily0130 = parseScheduleSpec("daily 01:30");
    // After the first 01:30 of 1 Nov (05:30Z), the next is 2 Nov 01:30 EST = 06:30Z, not the repeat at 06:30Z on 1 Nov.
    expect(nextOccurrence(daily0130, "America/New_York", at("2026-11-01T05:30:00Z"))?.toISOString()).toBe("2026-11-02T06:30:00.000Z");
    expect(previousOccurrence(daily0130, "America/New_York", at("2026-11-01T07:00:00Z"))?.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("crosses years for a leap-day schedule (2100 is not a leap year)", () => {
    const leapDay = parseScheduleSpec("0 0 29 2 *");
    expect(nextOccurrence(leapDay, "UTC", at("2096-03-01T00:00:00Z"))?.toISOString()).toBe("2104-02-29T00:00:00.000Z");
    expect(previousOccurrence(leapDay, "UTC", at("2104-02-28T00:00:00Z"))?.toISOString()).toBe("2096-02-29T00:00:00.000Z");
  });
});

describe("occurrencesBetween: inputs and cost", () => {
  it("refuses an unknown zone and an invalid instant", () => {
    const spec = parseScheduleSpec("daily 08:00");
    expect(() => occurrencesBetween(spec, "Europe/Atlantis", at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z"))).toThrow(
      /"Europe\/Atlantis" is not a known IANA time zone/,
    );
    expect(() => nextOccurrence(spec, "UTC", new Date(Number.NaN))).toThrow(AppError);
  });

  it("a two-week window costs about a millisecond at most, and a quarter-hourly year stays exact", () => {
    const spec = parseScheduleSpec("weekly Mon 08:00");
    const started = performance.now();
    for (let run = 0; run < 200; run += 1) {
      occurrencesBetween(spec, "Europe/London", at("2026-03-20T00:00:00Z"), at("2026-04-03T00:00:00Z"));
    }
    // Generous bound for a busy CI machine: 200 runs in under a second (~0.2 ms each here).
    expect(performance.now() - started).toBeLessThan(1000);
    // Every 15 minutes through local 2026 in New York (00:00 EST = 05:00Z to 23:45 EST):
    // 365 days x 96 = 35,040 wall times; the spring
    // gap's 02:00, 02:15, 02:30, 02:45 collapse with 03:00 into one (-4) and the autumn repeat
    // of 01:00-01:45 is not fired (it was never a separate wall time): 35,036.
    const quarterHours = occurrencesBetween(parseScheduleSpec("*/15 * * * *"), "America/New_York", at("2026-01-01T04:59:59Z"), at("2027-01-01T04:59:59Z"));
    expect(quarterHours.length).toBe(35_036);
  });
});
