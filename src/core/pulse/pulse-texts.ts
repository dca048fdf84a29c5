/**
 * Rendering pulse texts: `pulseText(locale, key, params)`, checked against `PulseCatalogue` at
 * compile time like `digestText` is against its catalogue.
 */
import { formattersFor, type Formatters } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import type { PulseArgs, PulseCatalogue, PulseKey, PulseParams } from "./pulse-catalogue.js";
import { pulseEn } from "./pulse-messages-en.js";
import { pulseMs } from "./pulse-messages-ms.js";

export const pulseCatalogues: Readonly<Record<Locale, PulseCatalogue>> = { en: pulseEn, ms: pulseMs };

export function pulseText<K extends PulseKey>(locale: Locale, key: K, ...args: PulseArgs<K>): string {
  const renderer = pulseCatalogues[locale][key] as string | ((params: PulseParams[K], format: Formatters) => string);
  if (typeof renderer === "string") return renderer;
  return renderer((args[0] ?? {}) as PulseParams[K], formattersFor(locale));
}

/**
 * The first message's paragraph on who can see what, with the thresholds in force (people) —
 * pass `anonymityThreshold(...)` and `commentThreshold(...)`, not the raw settings. `bands` is
 * whether attainment bands are kept with this respondent's answers (sales roles).
 */
export function describeAnonymity(
  locale: Locale,
  options: { threshold: number; commentThreshold: number; bands: boolean },
): string {
  return pulseText(locale, "anonymity.notice", options);
}
