/** The question grammars of `/quota` and `/forecast`, and the amount and period readers they use. */
export {
  parseQuotaQuestion,
  type QuotaIntent,
  type QuotaIntentKind,
  type Subject,
  type UnknownReason,
} from "./quota-question.js";
export {
  parseForecastQuestion,
  type AmountRead,
  type ForecastIntent,
  type ForecastIntentKind,
  type SubmitRejection,
} from "./forecast-question.js";
export {
  amountToMinor,
  compareAmounts,
  looksLikeAmount,
  MAX_AMOUNT_MAJOR,
  parseAmount,
  readAmount,
  type AmountParse,
  type AmountReading,
  type AmountRejection,
  type TenantCurrency,
} from "./parse-amount.js";
export { extractPeriod, matchPeriod, parsePeriod, type PeriodExtraction, type PeriodMatch } from "./parse-period.js";
export { detectLanguage, MAX_QUESTION_LENGTH } from "./question-text.js";
