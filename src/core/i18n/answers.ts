/**
 * Rendering `/quota` and `/forecast` answer texts: `answerText(locale, key, params)`, checked
 * against `AnswerCatalogue` at compile time like `t` is against `Catalogue`.
 */
import type { AnswerArgs, AnswerCatalogue, AnswerKey, AnswerParams } from "./answer-catalogue.js";
import { answersEn } from "./answer-messages-en.js";
import { answersMs } from "./answer-messages-ms.js";
import { formattersFor, type Formatters } from "./format.js";
import type { Locale } from "./locale.js";

export const answerCatalogues: Readonly<Record<Locale, AnswerCatalogue>> = { en: answersEn, ms: answersMs };

export function answerText<K extends AnswerKey>(locale: Locale, key: K, ...args: AnswerArgs<K>): string {
  const renderer = answerCatalogues[locale][key] as string | ((params: AnswerParams[K], format: Formatters) => string);
  if (typeof renderer === "string") return renderer;
  return renderer((args[0] ?? {}) as AnswerParams[K], formattersFor(locale));
}
