import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { assertTimeZone, parseCronExpression, parseScheduleSpec } from "../../src/core/schedules/index.js";

function invalidMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    return (error as AppError).message;
  }
  throw new Error("expected an invalid_input AppError");
}

describe("parseScheduleSpec: cron expressions", () => {
  it("normalises names, Sunday 7, *\u002F1 and spacing", () => {
    expect(parseScheduleSpec("0 8 * * MON")).toEqual({ cron: "0 8 * * 1", preset: null, everyWeeks: 1, anchorDate: null });
    expect(parseScheduleSpec("  0   9 * JAN,jul mon-fri ").cron).toBe("0 9 * 1,7 1-5");
    expect(parseScheduleSpec("*/15 9-17/2 1,15 * 7").cron).toBe("*/15 9-17/2 1,15 * 0");
    expect(parseScheduleSpec("*/1 * * * *").cron).toBe("* * * * *");
    expect(parseScheduleSpec("05 08 * * 1").cron).toBe("5 8 * * 1");
  });

  it("accepts the day-of-week extensions D#k and DL", () => {
    expect(parseScheduleSpec("0 9 * * fri#2").cron).toBe("0 9 * * 5#2");
    expect(parseScheduleSpec("0 9 * * 5l").cron).toBe("0 9 * * 5L");
    expect(parseScheduleSpec("0 9 * * 7L").cron).toBe("0 9 * * 0L");
  });

  it("expands lists, ranges and steps into the sets it evaluates", () => {
    const plan = parseCronExpression("*/20 8-12/2 1,15 */3 1-5");
    expect(plan.minutes).toEqual([0, 20, 40]);
    expect(plan.hours).toEqual([8, 10, 12]);
    expect(plan.daysOfMonth.flatMap((on, day) => (on ? [day] : []))).toEqual([1, 15]);
    // */3 over months 1-12: 1, 4, 7, 10 — the calendar quarters.
    expect(plan.months.flatMap((on, month) => (on ? [month] : []))).toEqual([1, 4, 7, 10]);
    expect(plan.weekdays.flatMap((on, day) => (on ? [day] : []))).toEqual([1, 2, 3, 4, 5]);
    expect(plan.dayOfMonthStar).toBe(false);
    expect(plan.dayOfWeekStar).toBe(false);
    // "30/10" = from 30 to the end of the field every 10: 30, 40, 50.
    expect(parseCronExpression("30/10 * * * *").minutes).toEqual([30, 40, 50]);
  });

  it("refuses bad cron input, naming the field and the fault", () => {
    expect(invalidMessage(() => parseScheduleSpec("0 25 * * *"))).toBe("hour 25 is out of range (0-23).");
    expect(invalidMessage(() => parseScheduleSpec("60 8 * * *"))).toBe("minute 60 is out of range (0-59).");
    expect(invalidMessage(() => parseScheduleSpec("0 8 0 * *"))).toBe("day-of-month 0 is out of range (1-31).");
    expect(invalidMessage(() => parseScheduleSpec("0 8 * 13 *"))).toBe("month 13 is out of range (1-12).");
    expect(invalidMessage(() => parseScheduleSpec("0 8 * * 8"))).toBe("day-of-week 8 is out of range (0-7, Sunday is 0 or 7).");
    expect(invalidMessage(() => parseScheduleSpec("0 0 8 * * 1"))).toBe(
      '"0 0 8 * * 1" has 6 fields; seconds are not supported. Use 5 fields: minute hour day-of-month month day-of-week.',
    );
    expect(invalidMessage(() => parseScheduleSpec("0 8 * *"))).toBe(
      '"0 8 * *" has 4 fields; a cron expression has 5: minute hour day-of-month month day-of-week.',
    );
    expect(invalidMessage(() => parseScheduleSpec("0 8 * * FUNDAY"))).toBe(
      'day-of-week "FUNDAY" is not a number or a name (SUN, MON, TUE…).',
    );
    expect(invalidMessage(() => parseScheduleSpec("*/0 * * * *"))).toBe('minute step "0" is out of range (1-59).');
    expect(invalidMessage(() => parseScheduleSpec("0 17-9 * * *"))).toBe("hour range 17-9 runs backwards; split it (e.g. 17-23,0-9).");
    expect(invalidMessage(() => parseScheduleSpec("0 8 1,,2 * *"))).toBe('day-of-month "1,,2" has an empty list item.');
    expect(invalidMessage(() => parseScheduleSpec("0 8 L * *"))).toBe(
      'day-of-month "L" is not supported: "L" and "#" work in day-of-week only (5L = last Friday, 2#1 = first Tuesday).',
    );
    expect(invalidMessage(() => parseScheduleSpec("0 8 ? * 1"))).toMatch(/^day-of-month "\?" is not supported/);
    expect(invalidMessage(() => parseScheduleSpec("0 8 * * 2#6"))).toBe('day-of-week "2#6": occurrence 6 is out of range (1-5).');
    // 31 February never comes: a schedule that can never fire is refused, not stored.
    expect(invalidMessage(() => parseScheduleSpec("0 8 30,31 2 *"))).toBe(
      "day-of-month 30,31 never occurs in month 2, so the schedule would never fire.",
    );
    expect(invalidMessage(() => parseScheduleSpec("@daily"))).toMatch(/^"@daily" has 1 field; a cron expression has 5/);
  });
});

describe("parseScheduleSpec: presets", () => {
  it("turns each English preset into its cron and keeps the admin's words", () => {
    expect(parseScheduleSpec("daily 08:00")).toEqual({ cron: "0 8 * * *", preset: "daily 08:00", everyWeeks: 1, anchorDate: null });
    expect(parseScheduleSpec("weekdays 08:30").cron).toBe("30 8 * * 1-5");
    expect(parseScheduleSpec("weekly Mon 08:00")).toEqual({ cron: "0 8 * * 1", preset: "weekly Mon 08:00", everyWeeks: 1, anchorDate: null });
    expect(parseScheduleSpec("Weekly  on Thursday at 8:05")).toEqual({
      cron: "5 8 * * 4",
      preset: "Weekly on Thursday at 8:05",
      everyWeeks: 1,
      anchorDate: null,
    });
    expect(parseScheduleSpec("weekly sun 23:59").cron).toBe("59 23 * * 0");
    expect(parseScheduleSpec("monthly on the first Tuesday 09:00").cron).toBe("0 9 * * 2#1");
    expect(parseScheduleSpec("monthly on the 3rd wed 09:00").cron).toBe("0 9 * * 3#3");
    expect(parseScheduleSpec("monthly on the last Friday 17:00").cron).toBe("0 17 * * 5L");
    expect(parseScheduleSpec("monthly on day 1 09:00").cron).toBe("0 9 1 * *");
    // Quarterly = the first month of each calendar quarter: January, April, July, October.
    expect(parseScheduleSpec("quarterly on day 1 09:00").cron).toBe("0 9 1 1,4,7,10 *");
  });

  it("anchors every N weeks on the Monday of the given date's week", () => {
    // 2026-03-04 is a Wednesday; the Monday of its week is 2026-03-02.
    expect(parseScheduleSpec("every 2 weeks Mon 08:00", { anchorDate: "2026-03-04" })).toEqual({
      cron: "0 8 * * 1",
      preset: "every 2 weeks Mon 08:00",
      everyWeeks: 2,
      anchorDate: "2026-03-02",
    });
    // A Sunday belongs to the week that began six days earlier: 2026-03-08 -> 2026-03-02.
    expect(parseScheduleSpec("every 8 weeks on Fri at 16:00", { anchorDate: "2026-03-08" })).toMatchObject({
      cron: "0 16 * * 5",
      everyWeeks: 8,
      anchorDate: "2026-03-02",
    });
  });

  it("refuses bad presets with a message saying what is wrong", () => {
    expect(invalidMessage(() => parseScheduleSpec("daily 25:00"))).toBe("hour 25 is out of range (0-23).");
    expect(invalidMessage(() => parseScheduleSpec("daily 08:75"))).toBe("minute 75 is out of range (0-59).");
    expect(invalidMessage(() => parseScheduleSpec("daily 8am"))).toBe('The time "8am" is not HH:MM (24-hour, e.g. 08:00).');
    expect(invalidMessage(() => parseScheduleSpec("weekly Funday 08:00"))).toBe(
      '"funday" is not a day of the week (Monday … Sunday, or Mon … Sun).',
    );
    expect(invalidMessage(() => parseScheduleSpec("every 9 weeks Mon 08:00", { anchorDate: "2026-03-02" }))).toBe(
      "every 9 weeks: 9 is out of range (2-8).",
    );
    expect(invalidMessage(() => parseScheduleSpec("every 1 week Mon 08:00", { anchorDate: "2026-03-02" }))).toBe(
      'For every week, write "weekly mon 08:00".',
    );
    expect(invalidMessage(() => parseScheduleSpec("every 2 weeks Mon 08:00"))).toBe(
      '"every 2 weeks Mon 08:00" needs an anchor date: the Monday of the week the schedule starts.',
    );
    expect(invalidMessage(() => parseScheduleSpec("every 2 weeks Mon 08:00", { anchorDate: "2026-02-30" }))).toBe(
      '"2026-02-30" is not a date in the calendar.',
    );
    expect(invalidMessage(() => parseScheduleSpec("monthly on day 31 09:00"))).toBe(
      "day 31 is out of range (1-28); days 29-31 are missing from some months.",
    );
    expect(invalidMessage(() => parseScheduleSpec("monthly on the fifth Monday 09:00"))).toBe(
      '"fifth" is not first, second, third, fourth or last.',
    );
    expect(invalidMessage(() => parseScheduleSpec("quarterly on the first Monday 09:00"))).toMatch(
      /^"quarterly on the first Monday 09:00" is not a schedule I know\. Try "daily 08:00"/,
    );
    expect(invalidMessage(() => parseScheduleSpec("hourly"))).toMatch(/^"hourly" is not a schedule I know/);
    expect(invalidMessage(() => parseScheduleSpec("   "))).toMatch(/^The schedule is empty/);
  });
});

describe("assertTimeZone", () => {
  it("accepts IANA zone names", () => {
    expect(() => assertTimeZone("Asia/Kuala_Lumpur")).not.toThrow();
    expect(() => assertTimeZone("America/Argentina/Buenos_Aires")).not.toThrow();
    expect(() => assertTimeZone("UTC")).not.toThrow();
  });

  it("refuses unknown zones, offsets and abbreviations, naming them", () => {
    expect(invalidMessage(() => assertTimeZone("Mars/Olympus_Mons"))).toBe(
      '"Mars/Olympus_Mons" is not a known IANA time zone; use a name such as "Asia/Kuala_Lumpur" or "Europe/London".',
    );
    expect(invalidMessage(() => assertTimeZone("+08:00"))).toMatch(/^"\+08:00" is not a known IANA time zone/);
    expect(invalidMessage(() => assertTimeZone("MYT"))).toMatch(/^"MYT" is not a known IANA time zone/);
    expect(invalidMessage(() => assertTimeZone(""))).toMatch(/^"" is not a known IANA time zone/);
  });
});
