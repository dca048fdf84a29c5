import { formatList } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import { parseCronExpression, type CronPlan } from "./parse-cron-expression.js";
import type { ScheduleCadence, ScheduleSpec } from "./schedule-spec.js";

export type { ScheduleCadence } from "./schedule-spec.js";

interface Words {
  weekdays: readonly string[];
  months: readonly string[];
  ordinals: Record<string, string>;
  at: string;
  everyDay: string;
  everyWeekday: string;
  every: (days: string) => string;
  everyWeeks: (weeks: number, days: string) => string;
  nthOfMonth: (ordinal: string, weekday: string) => string;
  dayOfMonth: (day: number) => string;
  dayOfQuarter: (day: number, months: string) => string;
  cron: (cron: string) => string;
  cronEveryWeeks: (weeks: number, cron: string) => string;
}

const WORDS: Record<Locale, Words> = {
  en: {
    weekdays: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    ordinals: { "1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth", last: "last" },
    at: "at",
    everyDay: "Every day",
    everyWeekday: "Every weekday",
    every: (days) => `Every ${days}`,
    everyWeeks: (weeks, days) => `Every ${weeks} weeks on ${days}`,
    nthOfMonth: (ordinal, weekday) => `On the ${ordinal} ${weekday} of every month`,
    dayOfMonth: (day) => `On day ${day} of every month`,
    dayOfQuarter: (day, months) => `On day ${day} of every quarter (${months})`,
    cron: (cron) => `On cron schedule "${cron}"`,
    cronEveryWeeks: (weeks, cron) => `Every ${weeks} weeks, on cron schedule "${cron}"`,
  },
  ms: {
    weekdays: ["Ahad", "Isnin", "Selasa", "Rabu", "Khamis", "Jumaat", "Sabtu"],
    months: ["Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ogo", "Sep", "Okt", "Nov", "Dis"],
    ordinals: { "1": "pertama", "2": "kedua", "3": "ketiga", "4": "keempat", "5": "kelima", last: "terakhir" },
    at: "pada",
    everyDay: "Setiap hari",
    everyWeekday: "Setiap hari bekerja",
    every: (days) => `Setiap ${days}`,
    everyWeeks: (weeks, days) => `Setiap ${weeks} minggu, hari ${days}`,
    nthOfMonth: (ordinal, weekday) => `${weekday} ${ordinal} setiap bulan`,
    dayOfMonth: (day) => `Hari ke-${day} setiap bulan`,
    dayOfQuarter: (day, months) => `Hari ke-${day} setiap suku tahun (${months})`,
    cron: (cron) => `Mengikut jadual cron "${cron}"`,
    cronEveryWeeks: (weeks, cron) => `Setiap ${weeks} minggu, mengikut jadual cron "${cron}"`,
  },
};

const pad = (value: number): string => String(value).padStart(2, "0");

/** "08:00", or "08:00 and 17:30" for a few times; null when there are too many to list. */
function timesOf(plan: CronPlan, locale: Locale): string | null {
  if (plan.hours.length * plan.minutes.length > 4) return null;
  return formatList(
    plan.hours.flatMap((hour) => plan.minutes.map((minute) => `${pad(hour)}:${pad(minute)}`)),
    locale,
  );
}

function daysOf(plan: CronPlan, everyWeeks: number, words: Words, locale: Locale): string | null {
  const [, , dayOfMonth, month, dayOfWeek] = plan.fields;
  const weekdays = plan.weekdays.flatMap((on, index) => (on ? [index] : []));
  if (month === "*" && dayOfMonth === "*" && dayOfWeek === "*") return everyWeeks === 1 ? words.everyDay : null;
  if (month === "*" && dayOfMonth === "*" && plan.nthWeekdays.length === 0 && weekdays.length > 0) {
    // Monday first, as people list a working week.
    const names = formatList(
      [...weekdays.filter((day) => day !== 0), ...weekdays.filter((day) => day === 0)].map((day) => words.weekdays[day] ?? ""),
      locale,
    );
    if (everyWeeks > 1) return words.everyWeeks(everyWeeks, names);
    return dayOfWeek === "1-5" ? words.everyWeekday : words.every(names);
  }
  if (everyWeeks > 1) return null;
  const nth = plan.nthWeekdays[0];
  if (month === "*" && dayOfMonth === "*" && weekdays.length === 0 && plan.nthWeekdays.length === 1 && nth !== undefined) {
    return words.nthOfMonth(words.ordinals[String(nth.nth)] ?? "", words.weekdays[nth.weekday] ?? "");
  }
  if (/^\d+$/.test(dayOfMonth) && dayOfWeek === "*") {
    if (month === "*") return words.dayOfMonth(Number(dayOfMonth));
    if (month === "1,4,7,10") return words.dayOfQuarter(Number(dayOfMonth), [0, 3, 6, 9].map((m) => words.months[m]).join(", "));
  }
  return null;
}

/**
 * One line for a schedule list, in the admin's language: "Every Monday at 08:00 (Europe/London)",
 * "Setiap Isnin pada 08:00 (Europe/London)". Shapes the presets make (and the same shapes written
 * as cron) get words; anything else is shown as its cron expression.
 */
export function describeSchedule(spec: ScheduleSpec, timeZone: string, locale: Locale): string {
  const words = WORDS[locale];
  const plan = parseCronExpression(spec.cron);
  const times = timesOf(plan, locale);
  const days = daysOf(plan, spec.everyWeeks, words, locale);
  if (times === null || days === null) {
    const cron = spec.everyWeeks > 1 ? words.cronEveryWeeks(spec.everyWeeks, plan.normalised) : words.cron(plan.normalised);
    return `${cron} (${timeZone})`;
  }
  return `${days} ${words.at} ${times} (${timeZone})`;
}

/**
 * The recurrence of a spec, read the same way `describeSchedule` reads it: every day, Monday to
 * Friday, one weekday a week, every N weeks, once a month (a day or the k-th/last weekday), once
 * a quarter (Jan, Apr, Jul, Oct), each at one time of day; anything else is `custom`.
 */
export function scheduleCadence(spec: ScheduleSpec): ScheduleCadence {
  const plan = parseCronExpression(spec.cron);
  const [, , dayOfMonth, month, dayOfWeek] = plan.fields;
  const weekdays = plan.weekdays.flatMap((on, index) => (on ? [index] : []));
  const everyDayOfMonth = dayOfMonth === "*";
  // Several times a day is not "daily" (nor weekly…): say nothing rather than something false.
  if (plan.hours.length * plan.minutes.length > 1) return { kind: "custom" };
  if (month === "*" && everyDayOfMonth && dayOfWeek === "*") return spec.everyWeeks > 1 ? { kind: "custom" } : { kind: "daily" };
  if (month === "*" && everyDayOfMonth && plan.nthWeekdays.length === 0 && weekdays.length > 0) {
    if (spec.everyWeeks > 1) return weekdays.length === 1 ? { kind: "everyWeeks", weeks: spec.everyWeeks } : { kind: "custom" };
    if (weekdays.length === 1) return { kind: "weekly" };
    if (weekdays.join(",") === "1,2,3,4,5") return { kind: "weekdays" };
    return { kind: "custom" };
  }
  if (spec.everyWeeks > 1) return { kind: "custom" };
  if (month === "*" && everyDayOfMonth && weekdays.length === 0 && plan.nthWeekdays.length === 1) return { kind: "monthly" };
  if (/^\d+$/.test(dayOfMonth) && dayOfWeek === "*") {
    if (month === "*") return { kind: "monthly" };
    if (month === "1,4,7,10") return { kind: "quarterly" };
  }
  return { kind: "custom" };
}
