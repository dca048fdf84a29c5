import { describe, expect, it } from "vitest";
import { addDays, daysBetween, epochDayOf, isoWeekday } from "../../src/core/dates.js";
import { AppError } from "../../src/core/errors.js";
import {
  countWorkingDays,
  currentQuarter,
  dateAtOffset,
  dayOffsetInPeriod,
  fiscalPeriod,
  fiscalYearOf,
  localDateOf,
  periodContaining,
  quartersBefore,
  resolvePeriod,
} from "../../src/core/periods.js";

describe("calendar dates", () => {
  it("does day arithmetic across month, leap-day and year ends", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29"); // 2028 is a leap year
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-05-31", "2026-06-30")).toBe(30);
  });

  it("knows weekdays: 2026-01-01 was a Thursday, 2026-03-01 a Sunday", () => {
    expect(isoWeekday("2026-01-01")).toBe(4);
    expect(isoWeekday("2026-03-01")).toBe(7);
    expect(isoWeekday("2026-03-02")).toBe(1);
  });

  it("rejects malformed and impossible dates", () => {
    expect(() => epochDayOf("2026-2-01")).toThrow(AppError);
    expect(() => epochDayOf("2026-02-30")).toThrow(/not a date in the calendar/);
  });
});

describe("fiscal calendar", () => {
  it("names a fiscal year by the calendar year it ends in", () => {
    // April start: 2026-04-01 .. 2027-03-31 is FY2027.
    expect(fiscalYearOf("2026-04-01", 4)).toBe(2027);
    expect(fiscalYearOf("2027-03-31", 4)).toBe(2027);
    expect(fiscalYearOf("2026-03-31", 4)).toBe(2026);
    // January start: the fiscal year is the calendar year.
    expect(fiscalYearOf("2026-01-01", 1)).toBe(2026);
    expect(fiscalYearOf("2026-12-31", 1)).toBe(2026);
    // February start: 2026-02-01 .. 2027-01-31 is FY2027.
    expect(fiscalYearOf("2027-01-31", 2)).toBe(2027);
  });

  it("builds quarters, halves, years and months from the start month", () => {
    expect(fiscalPeriod("year", 2027, 1, 4)).toEqual({
      start: "2026-04-01",
      end: "2027-03-31",
      kind: "year",
      fiscalYear: 2027,
      label: "FY2027",
    });
    // Q4 FY2027 with April start = Jan..Mar 2027.
    expect(fiscalPeriod("quarter", 2027, 4, 4)).toMatchObject({ start: "2027-01-01", end: "2027-03-31", label: "Q4 FY2027" });
    // H2 FY2027 = Oct 2026 .. Mar 2027.
    expect(fiscalPeriod("half", 2027, 2, 4)).toMatchObject({ start: "2026-10-01", end: "2027-03-31", label: "H2 FY2027" });
    // Fiscal month 11 of FY2028 (April start) = February 2028, a leap month.
    expect(fiscalPeriod("month", 2028, 11, 4)).toMatchObject({ start: "2028-02-01", end: "2028-02-29", label: "Feb 2028", fiscalYear: 2028 });
    // Quarter 0 rolls back into the previous year's Q4.
    expect(fiscalPeriod("quarter", 2026, 0, 1)).toMatchObject({ start: "2025-10-01", end: "2025-12-31", label: "Q4 FY2025" });
  });

  it("finds the current quarter", () => {
    expect(currentQuarter("2026-05-15", 4)).toMatchObject({ start: "2026-04-01", end: "2026-06-30", label: "Q1 FY2027" });
    expect(currentQuarter("2026-05-15", 1)).toMatchObject({ start: "2026-04-01", end: "2026-06-30", label: "Q2 FY2026" });
    // November start: Q1 FY2027 = Nov 2026 .. Jan 2027.
    expect(currentQuarter("2027-01-10", 11)).toMatchObject({ start: "2026-11-01", end: "2027-01-31", label: "Q1 FY2027" });
    expect(periodContaining("half", "2027-01-10", 11)).toMatchObject({ start: "2026-11-01", end: "2027-04-30" });
  });

  it("resolves what the asker said against their local today", () => {
    const today = "2026-05-15"; // April start: in Q1 FY2027
    expect(resolvePeriod({ kind: "relative", unit: "quarter", offset: 0 }, today, 4).label).toBe("Q1 FY2027");
    expect(resolvePeriod({ kind: "relative", unit: "quarter", offset: -1 }, today, 4)).toMatchObject({
      start: "2026-01-01",
      end: "2026-03-31",
      label: "Q4 FY2026",
    });
    expect(resolvePeriod({ kind: "relative", unit: "quarter", offset: 4 }, today, 4).label).toBe("Q1 FY2028");
    expect(resolvePeriod({ kind: "relative", unit: "month", offset: -5 }, today, 4)).toMatchObject({ label: "Dec 2025", fiscalYear: 2026 });
    expect(resolvePeriod({ kind: "relative", unit: "half", offset: 1 }, today, 4)).toMatchObject({ start: "2026-10-01", label: "H2 FY2027" });
    expect(resolvePeriod({ kind: "relative", unit: "year", offset: -1 }, today, 4)).toMatchObject({ start: "2025-04-01", label: "FY2026" });
    // "Q3" with no year = Q3 of the fiscal year containing today.
    expect(resolvePeriod({ kind: "quarter", quarter: 3 }, today, 4)).toMatchObject({ start: "2026-10-01", end: "2026-12-31" });
    expect(resolvePeriod({ kind: "quarter", quarter: 2, fiscalYear: 2026 }, today, 4)).toMatchObject({ start: "2025-07-01" });
    expect(resolvePeriod({ kind: "half", half: 1 }, today, 1)).toMatchObject({ start: "2026-01-01", end: "2026-06-30", label: "H1 FY2026" });
    expect(resolvePeriod({ kind: "year", fiscalYear: 2026 }, today, 1)).toMatchObject({ start: "2026-01-01", end: "2026-12-31" });
    // "March" in May 2026 with an April start: March inside FY2027, i.e. March 2027.
    expect(resolvePeriod({ kind: "month", month: 3 }, today, 4)).toMatchObject({ start: "2027-03-01", end: "2027-03-31", label: "Mar 2027" });
    // With a January start the same question means March 2026.
    expect(resolvePeriod({ kind: "month", month: 3 }, today, 1)).toMatchObject({ start: "2026-03-01", label: "Mar 2026" });
    expect(resolvePeriod({ kind: "month", month: 3, calendarYear: 2026 }, today, 4)).toMatchObject({ label: "Mar 2026", fiscalYear: 2026 });
  });

  it("refuses a bad start month or month", () => {
    expect(() => resolvePeriod({ kind: "year", fiscalYear: 2026 }, "2026-01-01", 13)).toThrow(AppError);
    expect(() => resolvePeriod({ kind: "month", month: 0 }, "2026-01-01", 1)).toThrow(/month/);
  });

  it("lists the quarters before a period, oldest first, across a fiscal-year edge", () => {
    const q = quartersBefore({ start: "2026-04-01" }, 4, 1);
    expect(q.map((p) => p.label)).toEqual(["Q2 FY2025", "Q3 FY2025", "Q4 FY2025", "Q1 FY2026"]);
    expect(q[0]).toMatchObject({ start: "2025-04-01", end: "2025-06-30" });
  });

  it("replays the same point of a past period, clamped to its end", () => {
    const q2 = { start: "2026-04-01", end: "2026-06-30" };
    expect(dayOffsetInPeriod(q2, "2026-05-31")).toBe(60); // 29 days to Apr 30, +31 in May
    expect(dateAtOffset({ start: "2026-01-01", end: "2026-03-31" }, 60)).toBe("2026-03-02"); // Jan 1 +30 = Jan 31, +28 = Feb 28 (58), Mar 1 (59), Mar 2 (60)
    expect(dateAtOffset({ start: "2026-02-01", end: "2026-02-28" }, 60)).toBe("2026-02-28");
  });
});

describe("localDateOf", () => {
  it("puts period edges in the asker's zone", () => {
    // 2026-03-31T20:00Z: Kuala Lumpur (UTC+8) is already 04:00 on 1 April (Q2 has begun there),
    // New York (EDT, UTC-4) is still 16:00 on 31 March (Q1).
    const instant = new Date("2026-03-31T20:00:00Z");
    expect(localDateOf(instant, "Asia/Kuala_Lumpur")).toBe("2026-04-01");
    expect(localDateOf(instant, "America/New_York")).toBe("2026-03-31");
    expect(localDateOf(instant, "UTC")).toBe("2026-03-31");
    expect(currentQuarter(localDateOf(instant, "Asia/Kuala_Lumpur"), 1).label).toBe("Q2 FY2026");
    expect(currentQuarter(localDateOf(instant, "America/New_York"), 1).label).toBe("Q1 FY2026");
  });

  it("follows DST: New York springs forward on 2026-03-08 at 07:00Z", () => {
    // Before the change New York is UTC-5: 04:59Z = 23:59 on the 7th; 05:00Z = midnight on the 8th.
    expect(localDateOf(new Date("2026-03-08T04:59:00Z"), "America/New_York")).toBe("2026-03-07");
    expect(localDateOf(new Date("2026-03-08T05:00:00Z"), "America/New_York")).toBe("2026-03-08");
    // After it, UTC-4: 03:59Z on the 9th is 23:59 on the 8th.
    expect(localDateOf(new Date("2026-03-09T03:59:00Z"), "America/New_York")).toBe("2026-03-08");
  });

  it("handles a half-hour zone and refuses unknown zones", () => {
    // India is UTC+5:30: 18:29Z is 23:59, 18:30Z is midnight of the next day.
    expect(localDateOf(new Date("2026-06-30T18:29:00Z"), "Asia/Kolkata")).toBe("2026-06-30");
    expect(localDateOf(new Date("2026-06-30T18:30:00Z"), "Asia/Kolkata")).toBe("2026-07-01");
    expect(() => localDateOf(new Date("2026-06-30T00:00:00Z"), "Mars/Olympus")).toThrow(AppError);
  });
});

describe("countWorkingDays", () => {
  it("counts Monday to Friday, both ends inclusive", () => {
    // Q1 2026: Jan 22 (Thu 1st: 1-2, then four full weeks 5-30) + Feb 20 (Sun 1st: 2-27)
    // + Mar 22 (Sun 1st: 2-27 = 20, plus Mon 30, Tue 31) = 64.
    expect(countWorkingDays("2026-01-01", "2026-03-31")).toBe(64);
    // Q2 2026: Apr 22 (Wed 1st: 1-3 = 3, 6-24 = 15, 27-30 = 4) + May 21 (Fri 1st + 4 weeks)
    // + Jun 22 (Mon 1st: four weeks + 29, 30) = 65.
    expect(countWorkingDays("2026-04-01", "2026-06-30")).toBe(65);
    expect(countWorkingDays("2026-03-07", "2026-03-08")).toBe(0); // Sat, Sun
    expect(countWorkingDays("2026-03-06", "2026-03-06")).toBe(1); // a Friday
    expect(countWorkingDays("2026-03-10", "2026-03-09")).toBe(0); // end before start
  });

  it("takes out weekday holidays once, ignoring weekend and out-of-range ones", () => {
    // Q1 2026 = 64; 1 Jan (Thu) and 2 Feb (Mon) are weekdays; 7 Mar is a Saturday;
    // 1 Apr is outside; the duplicate 1 Jan counts once. 64 - 2 = 62.
    expect(countWorkingDays("2026-01-01", "2026-03-31", ["2026-01-01", "2026-02-02", "2026-03-07", "2026-04-01", "2026-01-01"])).toBe(62);
  });
});
