import { AppError } from "../errors.js";

/** The k-th (1-5) or the last weekday of a month, from the `D#k` / `DL` day-of-week extensions. */
export interface NthWeekday {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  nth: 1 | 2 | 3 | 4 | 5 | "last";
}

/** A cron expression taken apart into the sets the evaluator walks. */
export interface CronPlan {
  /** Names replaced by numbers, Sunday as 0, single spaces: "0 8 * * 1". */
  normalised: string;
  /** The five normalised fields, in order. */
  fields: readonly [string, string, string, string, string];
  minutes: readonly number[];
  hours: readonly number[];
  /** Indexed 1-31. */
  daysOfMonth: readonly boolean[];
  /** Indexed 1-12. */
  months: readonly boolean[];
  /** Indexed 0-6, Sunday first. */
  weekdays: readonly boolean[];
  nthWeekdays: readonly NthWeekday[];
  /**
   * Whether day-of-month / day-of-week begin with `*`. As in Vixie cron, when neither does a day
   * matches if EITHER field matches; when one does, it must match BOTH, so a bare `*` leaves the other
   * field alone, and a stepped day-of-month with a weekday means a day matching both.
   */
  dayOfMonthStar: boolean;
  dayOfWeekStar: boolean;
}

interface FieldRule {
  name: string;
  min: number;
  max: number;
  /** Names in order of value from `min`, lower case. */
  names?: readonly string[];
}

const FIELD_RULES: readonly FieldRule[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
  // 7 is Sunday too, as in every cron.
  { name: "day-of-week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];

const FIELD_ORDER = "minute hour day-of-month month day-of-week";
const DAYS_IN_MONTH_AT_MOST = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function invalid(message: string, params: Record<string, string | number>): AppError {
  return new AppError("invalid_input", message, params);
}

function rangeText(rule: FieldRule): string {
  return rule.name === "day-of-week" ? "0-7, Sunday is 0 or 7" : `${rule.min}-${rule.max}`;
}

function parseValue(token: string, rule: FieldRule): number {
  let value: number;
  if (/^\d+$/.test(token)) {
    value = Number(token);
  } else {
    const index = rule.names?.indexOf(token.toLowerCase()) ?? -1;
    if (index < 0) {
      const hint = rule.names ? ` or a name (${rule.names.slice(0, 3).map((n) => n.toUpperCase()).join(", ")}…)` : "";
      throw invalid(`${rule.name} "${token}" is not a number${hint}.`, { field: rule.name, value: token });
    }
    value = index + rule.min;
  }
  if (value < rule.min || value > rule.max) {
    throw invalid(`${rule.name} ${value} is out of range (${rangeText(rule)}).`, { field: rule.name, value });
  }
  return value;
}

function parseStep(text: string, rule: FieldRule): number {
  const step = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(step) || step < 1 || step > rule.max) {
    throw invalid(`${rule.name} step "${text}" is out of range (1-${rule.max}).`, { field: rule.name, value: text });
  }
  return step;
}

interface ParsedField {
  text: string;
  values: Set<number>;
  nth: NthWeekday[];
}

function parseField(raw: string, rule: FieldRule): ParsedField {
  const values = new Set<number>();
  const nth: NthWeekday[] = [];
  const items: string[] = [];
  const isWeekday = rule.name === "day-of-week";
  for (const item of raw.split(",")) {
    if (item === "") throw invalid(`${rule.name} "${raw}" has an empty list item.`, { field: rule.name, value: raw });
    const extension = isWeekday ? /^([a-z]+|\d+)(?:(l)|#(\d+))$/i.exec(item) : null;
    if (extension) {
      const weekday = parseValue(extension[1] ?? "", rule) % 7;
      if (extension[2] !== undefined) {
        nth.push({ weekday, nth: "last" });
        items.push(`${weekday}L`);
      } else {
        const k = Number(extension[3]);
        if (!(k >= 1 && k <= 5)) {
          throw invalid(`${rule.name} "${item}": occurrence ${extension[3]} is out of range (1-5).`, { field: rule.name, value: item });
        }
        nth.push({ weekday, nth: k as NthWeekday["nth"] });
        items.push(`${weekday}#${k}`);
      }
      continue;
    }
    if (/[#?]/.test(item) || /^\d*L$/i.test(item)) {
      throw invalid(
        `${rule.name} "${item}" is not supported: "L" and "#" work in day-of-week only (5L = last Friday, 2#1 = first Tuesday).`,
        { field: rule.name, value: item },
      );
    }
    const [base = "", stepText, ...rest] = item.split("/");
    if (rest.length > 0) throw invalid(`${rule.name} "${item}" has more than one "/".`, { field: rule.name, value: item });
    const step = stepText === undefined ? 1 : parseStep(stepText, rule);
    let from: number;
    let to: number;
    let baseText: string;
    if (base === "*") {
      from = rule.min;
      to = rule.max === 7 ? 6 : rule.max;
      baseText = "*";
    } else {
      const [fromText = "", toText, ...more] = base.split("-");
      if (more.length > 0) throw invalid(`${rule.name} "${item}" is not a range (a-b).`, { field: rule.name, value: item });
      from = parseValue(fromText, rule);
      if (toText !== undefined) {
        to = parseValue(toText, rule);
        if (to < from) {
          throw invalid(`${rule.name} range ${from}-${to} runs backwards; split it (e.g. ${from}-${rule.max},${rule.min}-${to}).`, {
            field: rule.name,
            value: item,
          });
        }
        baseText = `${from}-${to}`;
      } else {
        // "a/s" means a through the end of the field, every s.
        to = stepText === undefined ? from : isWeekday ? 6 : rule.max;
        baseText = stepText === undefined && isWeekday ? String(from % 7) : String(from);
      }
    }
    for (let value = from; value <= to; value += step) values.add(isWeekday ? value % 7 : value);
    items.push(step === 1 ? baseText : `${baseText}/${step}`);
  }
  return { text: items.join(","), values, nth };
}

function flags(values: Set<number>, size: number): boolean[] {
  return Array.from({ length: size }, (_, index) => values.has(index));
}

/**
 * Parses a five-field cron expression (minute hour day-of-month month day-of-week) with `*`,
 * lists, ranges, steps, month and day names, and the day-of-week extensions `D#k` and `DL`.
 * Throws `invalid_input` naming the field and the fault ("hour 25 is out of range (0-23).").
 */
export function parseCronExpression(text: string): CronPlan {
  const raw = text.trim().split(/\s+/).filter((part) => part !== "");
  if (raw.length === 6) {
    throw invalid(`"${text.trim()}" has 6 fields; seconds are not supported. Use 5 fields: ${FIELD_ORDER}.`, { fields: 6 });
  }
  if (raw.length !== 5) {
    throw invalid(`"${text.trim()}" has ${raw.length} field${raw.length === 1 ? "" : "s"}; a cron expression has 5: ${FIELD_ORDER}.`, {
      fields: raw.length,
    });
  }
  const parsed = raw.map((field, index) => parseField(field, FIELD_RULES[index] as FieldRule));
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parsed as [ParsedField, ParsedField, ParsedField, ParsedField, ParsedField];
  const dayOfMonthStar = dayOfMonth.text.startsWith("*");
  const dayOfWeekStar = dayOfWeek.text.startsWith("*");
  if (!dayOfMonthStar && dayOfWeekStar) {
    const possible = [...month.values].some((m) => [...dayOfMonth.values].some((d) => d <= (DAYS_IN_MONTH_AT_MOST[m] ?? 0)));
    if (!possible) {
      throw invalid(`day-of-month ${dayOfMonth.text} never occurs in month ${month.text}, so the schedule would never fire.`, {
        field: "day-of-month",
        value: dayOfMonth.text,
      });
    }
  }
  const fields = parsed.map((field) => field.text) as unknown as CronPlan["fields"];
  return {
    normalised: fields.join(" "),
    fields,
    minutes: [...minute.values].sort((a, b) => a - b),
    hours: [...hour.values].sort((a, b) => a - b),
    daysOfMonth: flags(dayOfMonth.values, 32),
    months: flags(month.values, 13),
    weekdays: flags(dayOfWeek.values, 7),
    nthWeekdays: dayOfWeek.nth,
    dayOfMonthStar,
    dayOfWeekStar,
  };
}
