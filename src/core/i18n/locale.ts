/** The languages messages are written in. Malay is written as Malaysians write it at work. */
export type Locale = "en" | "ms";

export const LOCALES: readonly Locale[] = ["en", "ms"];

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "ms";
}

/**
 * Picks the message language from a chat platform's locale tag (Slack `ms-MY`, Teams `ms`,
 * `en-US`, `en_GB`…): Malay and English by their primary subtag, anything else (or nothing)
 * falls back to the tenant's default.
 */
export function resolveLocale(platformLocale: string | undefined | null, tenantDefault: Locale): Locale {
  if (typeof platformLocale !== "string") return tenantDefault;
  const primary = platformLocale.trim().toLowerCase().split(/[-_]/)[0];
  // "zsm" is the ISO 639-3 code for Standard Malay; some clients send it.
  if (primary === "ms" || primary === "msa" || primary === "may" || primary === "zsm") return "ms";
  if (primary === "en" || primary === "eng") return "en";
  return tenantDefault;
}

/**
 * The BCP 47 tag handed to `Intl` for a message locale. Malay always uses `ms-MY`. English uses
 * `en-MY` when the amount is in ringgit (so it reads "RM 50,000.00", as Malaysian colleagues
 * write it) and for dates (day-month-year, unambiguous), and `en-US` for other currencies,
 * which then print with their familiar symbol ("$50,000.00", "€5,000.00").
 */
export function intlTag(locale: Locale, currency?: string): string {
  if (locale === "ms") return "ms-MY";
  if (currency === undefined || currency.toUpperCase() === "MYR") return "en-MY";
  return "en-US";
}
