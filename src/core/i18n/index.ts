/**
 * Localised messages and `Intl` formatting for English and Malay. Import from here, or from
 * `./messages.js`, `./format.js`, `./locale.js` directly.
 */
export type { Catalogue, MessageArgs, MessageKey, MessageParams, MessageRenderer } from "./catalogue.js";
export {
  currencyExponent,
  formatCompactMoney,
  formatDate,
  formatDateTime,
  formatList,
  formatMoney,
  formatNumber,
  formatPercent,
  formatTime,
  formattersFor,
  type Formatters,
} from "./format.js";
export { intlTag, isLocale, LOCALES, resolveLocale, type Locale } from "./locale.js";
export { catalogues, moreLabel, t } from "./messages.js";
export type { AnswerArgs, AnswerCatalogue, AnswerKey, AnswerParams, ChangeFigures } from "./answer-catalogue.js";
export { answerCatalogues, answerText } from "./answers.js";
export type { DigestArgs, DigestCatalogue, DigestChangeKind, DigestKey, DigestParams } from "./digest-catalogue.js";
export { digestCatalogues, digestText } from "./digests.js";
export type { AdminArgs, AdminCatalogue, AdminKey, AdminParams } from "./admin-catalogue.js";
export { adminCatalogues, adminText } from "./admin-texts.js";
