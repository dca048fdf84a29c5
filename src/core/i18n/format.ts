import { intlTag, type Locale } from "./locale.js";

/** Options shared by the money formatters. */
export interface MoneyFormatOptions {
  /**
   * Digits after the decimal point in the tenant's minor unit (2 for MYR and USD, 0 for JPY).
   * Defaults to the ISO 4217 figure `Intl` knows for the currency.
   */
  minorUnitExponent?: number;
}

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

/** ISO 4217 minor-unit digits for a currency, as `Intl` knows them (MYR 2, JPY 0, KWD 3). */
export function currencyExponent(currency: string): number {
  return numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

function toMajor(minor: number, currency: string, options: MoneyFormatOptions): number {
  const exponent = options.minorUnitExponent ?? currencyExponent(currency);
  return minor / 10 ** exponent;
}

/**
 * Formats an amount given in integer minor units (sen, cents) with its ISO 4217 currency,
 * e.g. `formatMoney(5_000_000, "MYR", "ms")` -> "RM 50,000.00" (`Intl` puts a no-break space
 * after "RM"). See `intlTag` for which English variant is used.
 */
export function formatMoney(minor: number, currency: string, locale: Locale, options: MoneyFormatOptions = {}): string {
  const exponent = options.minorUnitExponent ?? currencyExponent(currency);
  return numberFormat(intlTag(locale, currency), {
    style: "currency",
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(toMajor(minor, currency, options));
}

/**
 * Short form for tables and digests, from integer minor units: "RM 1.2M" in English, and in
 * Malay what `Intl` gives for `ms-MY` ("RM 1.2J" for juta, "RM 50K" for ribu).
 */
export function formatCompactMoney(
  minor: number,
  currency: string,
  locale: Locale,
  options: MoneyFormatOptions = {},
): string {
  return numberFormat(intlTag(locale, currency), {
    style: "currency",
    currency,
    notation: "compact",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(toMajor(minor, currency, options));
}

/** Formats a fraction (0.875, not 87.5) as a percentage with at most one decimal: "87.5%". */
export function formatPercent(fraction: number, locale: Locale, options: { signed?: boolean } = {}): string {
  return numberFormat(intlTag(locale), {
    style: "percent",
    maximumFractionDigits: 1,
    signDisplay: options.signed === true ? "exceptZero" : "auto",
  }).format(fraction);
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

/** Joins items as the locale does: "a, b and c" / "a, b dan c". */
export function formatList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: "conjunction", style: "long" }).format(items);
}

/** The formatters bound to one locale, handed to every message renderer. */
export interface Formatters {
  locale: Locale;
  money(minor: number, currency: string, options?: MoneyFormatOptions): string;
  compactMoney(minor: number, currency: string, options?: MoneyFormatOptions): string;
  percent(fraction: number, options?: { signed?: boolean }): string;
  number(value: number): string;
  date(iso: string, options?: { timeZone?: string }): string;
  list(items: readonly string[]): string;
}

export function formattersFor(locale: Locale): Formatters {
  return {
    locale,
    money: (minor, currency, options) => formatMoney(minor, currency, locale, options),
    compactMoney: (minor, currency, options) => formatCompactMoney(minor, currency, locale, options),
    percent: (fraction, options) => formatPercent(fraction, locale, options),
    number: (value) => formatNumber(value, locale),
    date: (iso, options) => formatDate(iso, locale, options),
    list: (items) => formatList(items, locale),
  };
}
