import { minorUnitDigits } from "../money.js";
import { intlTag, type Locale } from "./locale.js";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(tag, options);
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * ISO 4217 minor-unit digits of a currency (MYR 2, JPY 0, KWD 3), from the one table in
 * `src/core/money.ts` — the same digits `amountToMinor` reads typed amounts with.
 */
export function currencyExponent(currency: string): number {
  return minorUnitDigits(currency);
}

function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

/**
 * Formats an amount given in integer minor units (sen, cents) with its ISO 4217 currency,
 * e.g. `formatMoney(5_000_000, "MYR", "ms")` -> "RM 50,000.00" (`Intl` puts a no-break space
 * after "RM"). See `intlTag` for which English variant is used.
 */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const exponent = currencyExponent(currency);
  return numberFormat(intlTag(locale, currency), {
    style: "currency",
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(toMajor(minor, currency));
}

/**
 * Short form for tables and digests, from integer minor units: "RM 1.2M" in English, and in
 * Malay what `Intl` gives for `ms-MY` ("RM 1.2J" for juta, "RM 50K" for ribu).
 */
export function formatCompactMoney(minor: number, currency: string, locale: Locale): string {
  return numberFormat(intlTag(locale, currency), {
    style: "currency",
    currency,
    notation: "compact",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(toMajor(minor, currency));
}

/**
 * Formats a fraction (0.875, not 87.5) as a percentage with at most one decimal: "87.5%".
 * A value just short of a whole percent is cut, not rounded up onto it: 0.9996 is "99.9%", never
 * "100%" beside a gap still to close (a quota or a tier looks reached only when it is).
 */
export function formatPercent(fraction: number, locale: Locale, options: { signed?: boolean } = {}): string {
  let shown = fraction;
  const tenths = fraction * 1000;
  const rounded = Math.round(tenths);
  // Rounding up onto a whole percent (…9.95 and above) from below it: show the tenth below.
  if (Number.isFinite(tenths) && rounded % 10 === 0 && rounded - tenths > 1e-9) shown = (rounded - 1) / 1000;
  return numberFormat(intlTag(locale), {
    style: "percent",
    maximumFractionDigits: 1,
    signDisplay: options.signed === true ? "exceptZero" : "auto",
  }).format(shown);
}

/** Formats a plain count or figure with the locale's grouping: 1,234. */
export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(intlTag(locale), { maximumFractionDigits: 2 }).format(value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Formats a calendar date (`YYYY-MM-DD`) or a UTC instant (full ISO string) as day, short month
 * and year: "5 Mar 2027" / "5 Mac 2027". A bare date is shown as that date; an instant is shown
 * in `timeZone` (default UTC — pass the person's IANA zone).
 */
export function formatDate(iso: string, locale: Locale, options: { timeZone?: string } = {}): string {
  const bare = ISO_DATE.test(iso);
  const date = new Date(bare ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlTag(locale), {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: bare ? "UTC" : (options.timeZone ?? "UTC"),
  }).format(date);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(intlTag(locale), options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

export interface DateTimeFormatOptions {
  /** The IANA zone the wall time is shown in (the reader's, a schedule's or a team's). */
  timeZone: string;
  /** Append the zone's short name ("MYT", "GMT+1"), for a reader who may not be in that zone. */
  zoneName?: boolean;
}

/**
 * The one format every message shows a moment in: weekday, day, short month, year and a 24-hour
 * time, as a wall time in `timeZone` — "Fri, 4 Dec 2026, 17:00" / "Jum, 4 Dis 2026, 17:00", with
 * `zoneName` "Fri, 4 Dec 2026, 17:00 MYT". `instant` is a Date or an ISO instant (UTC).
 */
export function formatDateTime(instant: Date | string, locale: Locale, options: DateTimeFormatOptions): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return String(instant);
  return dateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: options.timeZone,
    ...(options.zoneName === true ? { timeZoneName: "short" } : {}),
  }).format(date);
}

/** The time of day of `formatDateTime` alone, 24-hour: "08:00". */
export function formatTime(instant: Date | string, locale: Locale, options: { timeZone: string }): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return String(instant);
  return dateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: options.timeZone }).format(date);
}

/** Joins items as the locale does: "a, b and c" / "a, b dan c". */
export function formatList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: "conjunction", style: "long" }).format(items);
}

/** The formatters bound to one locale, handed to every message renderer. */
export interface Formatters {
  locale: Locale;
  money(minor: number, currency: string): string;
  compactMoney(minor: number, currency: string): string;
  percent(fraction: number, options?: { signed?: boolean }): string;
  number(value: number): string;
  date(iso: string, options?: { timeZone?: string }): string;
  /** See `formatDateTime`: the one format of a moment. */
  dateTime(instant: Date | string, options: DateTimeFormatOptions): string;
  time(instant: Date | string, options: { timeZone: string }): string;
  list(items: readonly string[]): string;
}

export function formattersFor(locale: Locale): Formatters {
  return {
    locale,
    money: (minor, currency) => formatMoney(minor, currency, locale),
    compactMoney: (minor, currency) => formatCompactMoney(minor, currency, locale),
    percent: (fraction, options) => formatPercent(fraction, locale, options),
    number: (value) => formatNumber(value, locale),
    date: (iso, options) => formatDate(iso, locale, options),
    dateTime: (instant, options) => formatDateTime(instant, locale, options),
    time: (instant, options) => formatTime(instant, locale, options),
    list: (items) => formatList(items, locale),
  };
}
