// The demo's public holidays against the published lists (gov.uk bank holidays, OPM federal
// holidays, Malaysia's gazetted federal holidays as observed in Kuala Lumpur).
import { describe, expect, it } from "vitest";
import { easterSunday, englandAndWalesBankHolidays, malaysiaPublicHolidays, usFederalHolidays } from "../../src/db/seed/public-holidays.js";
import { isoDate } from "../../src/db/seed/calendar.js";

const dates = (holidays: Array<{ date: string }>) => holidays.map((holiday) => holiday.date);

describe("England and Wales bank holidays", () => {
  it("finds Easter by the Gregorian computus", () => {
    expect([2024, 2025, 2026, 2027, 2028].map((year) => isoDate(easterSunday(year)))).toEqual([
      "2024-03-31",
      "2025-04-20",
      "2026-04-05",
      "2027-03-28",
      "2028-04-16",
    ]);
  });

  it("lists 2026 and 2027 as gov.uk does, substitute days included", () => {
    // 2026: Boxing Day is a Saturday -> Monday 28 December.
    expect(dates(englandAndWalesBankHolidays(2026))).toEqual([
      "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
    ]);
    // 2027: Christmas on a Saturday and Boxing Day on a Sunday -> Monday 27 and Tuesday 28.
    expect(dates(englandAndWalesBankHolidays(2027))).toEqual([
      "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
    ]);
    // 2028: New Year's Day is a Saturday -> Monday 3 January.
    expect(dates(englandAndWalesBankHolidays(2028))[0]).toBe("2028-01-03");
  });
});

describe("US federal holidays", () => {
  it("lists 2026 with observed dates (Independence Day on a Saturday -> Friday 3 July)", () => {
    expect(dates(usFederalHolidays(2026))).toEqual([
      "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12",
      "2026-11-11", "2026-11-26", "2026-12-25",
    ]);
  });

  it("observes a Saturday New Year's Day on 31 December of the year before", () => {
    // 1 Jan 2028 is a Saturday: observed Friday 31 Dec 2027; 2027's Christmas (Sat) on the 24th.
    expect(dates(usFederalHolidays(2027)).slice(-2)).toEqual(["2027-12-24", "2027-12-31"]);
    expect(dates(usFederalHolidays(2028))).not.toContain("2027-12-31");
    expect(dates(usFederalHolidays(2028))[0]).toBe("2028-01-17"); // MLK day; no New Year's Day in 2028 itself
  });
});

describe("Malaysia's federal holidays in Kuala Lumpur", () => {
  it("lists 2026 as gazetted, with Sunday holidays replaced on the next free working day", () => {
    expect(malaysiaPublicHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "New Year's Day" },
      { date: "2026-02-17", name: "Chinese New Year" },
      { date: "2026-02-18", name: "Chinese New Year (second day)" },
      { date: "2026-03-21", name: "Hari Raya Aidilfitri" },
      { date: "2026-03-22", name: "Hari Raya Aidilfitri (second day)" },
      { date: "2026-03-23", name: "Hari Raya Aidilfitri (second day) (replacement holiday)" },
      { date: "2026-05-01", name: "Labour Day" },
      { date: "2026-05-27", name: "Hari Raya Haji" },
      { date: "2026-05-31", name: "Wesak Day" },
      { date: "2026-06-01", name: "Agong's Birthday" },
      // Wesak on Sunday 31 May; Monday is the Agong's birthday, so Tuesday is the day off.
      { date: "2026-06-02", name: "Wesak Day (replacement holiday)" },
      { date: "2026-06-17", name: "Awal Muharram" },
      { date: "2026-08-25", name: "Maulidur Rasul" },
      { date: "2026-08-31", name: "Merdeka Day" },
      { date: "2026-09-16", name: "Malaysia Day" },
      { date: "2026-11-08", name: "Deepavali" },
      { date: "2026-11-09", name: "Deepavali (replacement holiday)" },
      { date: "2026-12-25", name: "Christmas Day" },
    ]);
  });

  it("gives two holidays on one day a replacement (Malaysia Day and Maulidur Rasul, 16 Sep 2024)", () => {
    const days = dates(malaysiaPublicHolidays(2024));
    expect(days).toContain("2024-09-16");
    expect(days).toContain("2024-09-17");
    // Merdeka on Saturday 31 Aug 2024: Kuala Lumpur does not replace a Saturday holiday.
    expect(days).not.toContain("2024-09-02");
  });

  it("falls back to the fixed-date holidays in a year without lunar dates", () => {
    // 2030: New Year, Labour Day, the Agong's birthday (first Monday of June, the 3rd), Merdeka
    // (a Saturday, not replaced), Malaysia Day, Christmas.
    expect(dates(malaysiaPublicHolidays(2030))).toEqual(["2030-01-01", "2030-05-01", "2030-06-03", "2030-08-31", "2030-09-16", "2030-12-25"]);
  });
});
