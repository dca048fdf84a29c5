import { addDays, epochDayOf, isoWeekday } from "../dates.js";
import { AppError } from "../errors.js";
import { parseCronExpression } from "./parse-cron-expression.js";
import type { ScheduleSpec } from "./schedule-spec.js";

/**
 * Turns what an admin typed into a `ScheduleSpec`: either a five-field cron expression or one
 * of these English presets (case-insensitive, 24-hour times, "at" and "on" optional):
 *
 * | preset                                   | cron                  | notes |
 * |------------------------------------------|-----------------------|-------|
 * | daily 08:00                              | `0 8 * * *`           | |
 * | weekdays 08:30                           | `30 8 * * 1-5`        | Monday to Friday |
 * | weekly Mon 08:00                         | `0 8 * * 1`           | any day name or abbreviation |
 * | every 2 weeks Mon 08:00                  | `0 8 * * 1`           | everyWeeks 2 (2-8), anchorDate = Monday of `options.anchorDate`'s week |
 * | monthly on the first Tuesday 09:00       | `0 9 * * 2#1`         | first/second/third/fourth |
 * | monthly on the last Friday 09:00         | `0 9 * * 5L`          | |
 * | monthly on day 1 09:00                   | `0 9 1 * *`           | day 1-28 (every month has it) |
 * | quarterly on day 1 09:00                 | `0 9 1 1,4,7,10 *`    | calendar quarters (Jan, Apr, Jul, Oct), not the fiscal calendar |
 *
 * Throws `invalid_input` naming what is wrong.
 */
export interface ParseScheduleSpecOptions {
  /**
   * For "every N weeks": a date in the schedule's first week (normally the day it is created,
   * local to its zone); the anchor stored is the Monday of that week.
   */
  anchorDate?: string;
}

const PRESET_WORDS = new Set(["daily", "weekdays", "weekly", "every", "monthly", "quarterly"]);

const PRESET_EXAMPLES =
  '"daily 08:00", "weekdays 08:30", "weekly Mon 08:00", "every 2 weeks Mon 08:00", ' +
  '"monthly on the first Tuesday 09:00", "monthly on day 1 09:00" or "quarterly on day 1 09:00"';

const WEEKDAYS: Record<string, number> = {
  sun: 0, sunday: 0,
  mon: 1, monday: 1,
  tue: 2, tues: 2, tuesday: 2,
  wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5,
  sat: 6, saturday: 6,
};

const ORDINALS: Record<string, 1 | 2 | 3 | 4 | "last"> = {
  first: 1, "1st": 1,
  second: 2, "2nd": 2,
  third: 3, "3rd": 3,
  fourth: 4, "4th": 4,
  last: "last",
};

function invalid(message: string, params: Record<string, string | number> = {}): AppError {
  return new AppError("invalid_input", message, params);
}

function parseTime(token: string): { hour: number; minute: number } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(token);
  if (!match) throw invalid(`The time "${token}" is not HH:MM (24-hour, e.g. 08:00).`, { field: "time", value: token });
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23) throw invalid(`hour ${hour} is out of range (0-23).`, { field: "hour", value: hour });
  if (minute > 59) throw invalid(`minute ${minute} is out of range (0-59).`, { field: "minute", value: minute });
  return { hour, minute };
}

function parseWeekday(token: string): number {
  const weekday = WEEKDAYS[token];
  if (weekday === undefined) {
    throw invalid(`"${token}" is not a day of the week (Monday … Sunday, or Mon … Sun).`, { field: "weekday", value: token });
  }
  return weekday;
}

function parseDayOfMonth(token: string): number {
  const day = /^\d{1,2}$/.test(token) ? Number(token) : Number.NaN;
  if (!(day >= 1 && day <= 28)) {
    throw invalid(`day ${token} is out of range (1-28); days 29-31 are missing from some months.`, {
      field: "day-of-month",
      value: token,
    });
  }
  return day;
}

function mondayOf(date: string): string {
  epochDayOf(date);
  return addDays(date, 1 - isoWeekday(date));
}

function presetSpec(words: string[], original: string, options: ParseScheduleSpecOptions): ScheduleSpec {
  const notPreset = (): AppError =>
    invalid(`"${original}" is not a schedule I know. Try ${PRESET_EXAMPLES}, or a 5-field cron expression.`, { value: original });
  const timeToken = words.at(-1) ?? "";
  const { hour, minute } = parseTime(timeToken);
  const body = words.slice(1, -1).filter((word, index, all) => !(word === "at" && index === all.length - 1));
  const at = `${minute} ${hour}`;
  const spec = (cron: string, everyWeeks = 1, anchorDate: string | null = null): ScheduleSpec => ({
    cron: parseCronExpression(cron).normalised,
    preset: original,
    everyWeeks,
    anchorDate,
  });
  const withoutOn = body[0] === "on" ? body.slice(1) : body;
  switch (words[0]) {
    case "daily":
      if (body.length !== 0) throw notPreset();
      return spec(`${at} * * *`);
    case "weekdays":
      if (body.length !== 0) throw notPreset();
      return spec(`${at} * * 1-5`);
    case "weekly":
      if (withoutOn.length !== 1) throw notPreset();
      return spec(`${at} * * ${parseWeekday(withoutOn[0] ?? "")}`);
    case "every": {
      const [count = "", unit, ...rest] = body;
      const day = rest[0] === "on" ? rest.slice(1) : rest;
      if ((unit !== "weeks" && unit !== "week") || day.length !== 1 || !/^\d+$/.test(count)) throw notPreset();
      const everyWeeks = Number(count);
      if (everyWeeks === 1) throw invalid(`For every week, write "weekly ${day[0]} ${timeToken}".`, { field: "everyWeeks", value: 1 });
      if (everyWeeks < 2 || everyWeeks > 8) {
        throw invalid(`every ${everyWeeks} weeks: ${everyWeeks} is out of range (2-8).`, { field: "everyWeeks", value: everyWeeks });
      }
      const weekday = parseWeekday(day[0] ?? "");
      if (options.anchorDate === undefined) {
        throw invalid(`"${original}" needs an anchor date: the Monday of the week the schedule starts.`, { field: "anchorDate" });
      }
      return spec(`${at} * * ${weekday}`, everyWeeks, mondayOf(options.anchorDate));
    }
    case "monthly":
    case "quarterly": {
      const months = words[0] === "monthly" ? "*" : "1,4,7,10";
      if (withoutOn[0] === "day" && withoutOn.length === 2) return spec(`${at} ${parseDayOfMonth(withoutOn[1] ?? "")} ${months} *`);
      if (words[0] === "monthly" && withoutOn[0] === "the" && withoutOn.length === 3) {
        const ordinalWord = withoutOn[1] ?? "";
        const ordinal = ORDINALS[ordinalWord];
        if (ordinal === undefined) {
          throw invalid(`"${ordinalWord}" is not first, second, third, fourth or last.`, { field: "ordinal", value: ordinalWord });
        }
        const weekday = parseWeekday(withoutOn[2] ?? "");
        return spec(`${at} * * ${ordinal === "last" ? `${weekday}L` : `${weekday}#${ordinal}`}`);
      }
      throw notPreset();
    }
    default:
      throw notPreset();
  }
}

/** Parses a cron expression or an English preset into a `ScheduleSpec` (see the table above). */
export function parseScheduleSpec(text: string, options: ParseScheduleSpecOptions = {}): ScheduleSpec {
  const original = text.trim().replace(/\s+/g, " ");
  if (original === "") throw invalid("The schedule is empty; write a preset such as \"weekly Mon 08:00\" or a cron expression.");
  const words = original.toLowerCase().split(" ");
  if (PRESET_WORDS.has(words[0] ?? "")) return presetSpec(words, original, options);
  if (/^[a-z]/i.test(original)) {
    throw invalid(`"${original}" is not a schedule I know. Try ${PRESET_EXAMPLES}, or a 5-field cron expression.`, { value: original });
  }
  return { cron: parseCronExpression(original).normalised, preset: null, everyWeeks: 1, anchorDate: null };
}
