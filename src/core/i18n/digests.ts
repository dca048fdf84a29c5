/**
 * Rendering digest texts: `digestText(locale, key, params)`, checked against `DigestCatalogue`
 * at compile time like `answerText` is against `AnswerCatalogue`.
 */
import type { DigestArgs, DigestCatalogue, DigestKey, DigestParams } from "./digest-catalogue.js";
import { digestEn } from "./digest-messages-en.js";
import { digestMs } from "./digest-messages-ms.js";
import { formattersFor, type Formatters } from "./format.js";
import type { Locale } from "./locale.js";

export const digestCatalogues: Readonly<Record<Locale, DigestCatalogue>> = { en: digestEn, ms: digestMs };

export function digestText<K extends DigestKey>(locale: Locale, key: K, ...args: DigestArgs<K>): string {
  const renderer = digestCatalogues[locale][key] as string | ((params: DigestParams[K], format: Formatters) => string);
  if (typeof renderer === "string") return renderer;
  return renderer((args[0] ?? {}) as DigestParams[K], formattersFor(locale));
}
