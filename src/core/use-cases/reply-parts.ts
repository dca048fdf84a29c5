// Small builders every answer shares: localised period labels, the context line, money values.
import { yearMonthOf } from "../dates.js";
import { answerText } from "../i18n/answers.js";
import { formattersFor, type Formatters } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import type { Period } from "../period-spec.js";
import type { Reply, ReplyBlock } from "../reply.js";
import type { QuestionContext } from "./question-context.js";

/** Longest list an answer shows before "…and N more". */
export const MAX_LIST_ITEMS = 15;

/**
 * A period's label in the reply language, rebuilt from its kind and fiscal year rather than
 * taken from `period.label` (which is English): "Q3 FY2027" / "S3 TK2027", "Aug 2026" / "Ogo 2026".
 */
export function periodLabel(locale: Locale, period: Period, fiscalYearStartMonth: number): string {
  const { month } = yearMonthOf(period.start);
  const fiscalMonth = (month - fiscalYearStartMonth + 12) % 12;
  switch (period.kind) {
    case "quarter":
      return answerText(locale, "period.quarter", { index: Math.floor(fiscalMonth / 3) + 1, fiscalYear: period.fiscalYear });
    case "half":
      return answerText(locale, "period.half", { index: Math.floor(fiscalMonth / 6) + 1, fiscalYear: period.fiscalYear });
    case "year":
      return answerText(locale, "period.year", { fiscalYear: period.fiscalYear });
    case "month":
      return answerText(locale, "period.month", { start: period.start });
  }
}

export function labelOf(context: QuestionContext, period: Period): string {
  return periodLabel(context.locale, period, context.tenant.fiscalYearStartMonth);
}

/** "Q3 FY2027 (1 Jul 2026 – 30 Sep 2026) · as of 12 Aug 2026". */
export function periodContext(context: QuestionContext, period: Period): ReplyBlock {
  return {
    kind: "context",
    text: answerText(context.locale, "context.periodAsOf", {
      period: labelOf(context, period),
      start: period.start,
      end: period.end,
      asOf: context.today,
    }),
  };
}

/** An amount of the tenant currency, as the catalogues take it. */
export function money(context: QuestionContext, minor: number): { minor: number; currency: string } {
  return { minor, currency: context.tenant.currency };
}

export function formatters(context: QuestionContext): Formatters {
  return formattersFor(context.locale);
}

/** A reply that is one piece of text (refusals, confirmations, help). */
export function textReply(text: string, extra: ReplyBlock[] = []): Reply {
  const summary = text.split("\n")[0] ?? text;
  return { summary, blocks: [{ kind: "text", text }, ...extra] };
}

/**
 * Case-, accent- and dash-insensitive form of a name or handle: "José  Tan" -> "jose tan",
 * "Acme — Payments" -> "acme - payments" (the question grammar turns every dash a person types
 * into "-", so names compared with what they typed must too).
 */
export function foldName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Orders named things by their folded names (accents and case aside), for lists people scan. */
export function byName(a: { name: string }, b: { name: string }): number {
  return foldName(a.name).localeCompare(foldName(b.name), "en");
}

/**
 * A deal's account name when it adds something to the deal's name, else null: deal "Acme
 * renewal" of account "Acme" is shown once ("Acme renewal"), deal "Renewal" of "Acme" as
 * "Renewal (Acme)". Compared as whole words, case and accents aside.
 */
export function accountToShow(deal: { name: string; accountName?: string | null }): string | null {
  const account = deal.accountName?.trim();
  if (!account) return null;
  const words = (text: string) => ` ${foldName(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
  return words(deal.name).includes(words(account)) ? null : account;
}
