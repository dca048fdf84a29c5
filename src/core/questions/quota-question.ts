/**
 * The `/quota` question grammar, English and Malay. `parseQuotaQuestion` turns what a person
 * typed after `/quota` into an intent; it never throws and never reads data. Amounts are read
 * but not converted (that needs the tenant's currency: see `amountToMinor`), periods are
 * named but not resolved (see `src/core/periods.ts`), subjects are named but not looked up.
 */
import type { PeriodSpec } from "../period-spec.js";
import type { Locale } from "../i18n/locale.js";
import { looksLikeAmount, readAmount, type AmountReading } from "./parse-amount.js";
import { extractPeriod } from "./parse-period.js";
import {
  canonicalPhrase,
  dealName,
  isDealsList,
  isHelp,
  isOnlyPercent,
  NOT_A_DEAL,
  percentFraction,
  periodBesideCommandWord,
  truncate,
  WHAT_IF,
  withoutFiller,
} from "./question-grammar.js";
import { detectLanguage, readQuestionText, unquote, type Subject } from "./question-text.js";

export type { Subject } from "./question-text.js";

/** Why a question was not understood. */
export type UnknownReason = "unrecognised" | "too_long" | "several_subjects";

interface Common {
  /**
   * The grammar's guess at the language of the phrase it matched; undefined when neutral ("Q3",
   * "@maria", "?"). The reply language is not this: it is `replyLocale`'s one rule (src/core/use-cases/question-context.ts).
   */
  language?: Locale;
}

/** What a `/quota` question asks. `period` absent means the current quarter (the use case decides). */
export type QuotaIntent =
  | (Common & { kind: "standing"; subject?: Subject; period?: PeriodSpec })
  | (Common & { kind: "team"; subject?: Subject; period?: PeriodSpec })
  | (Common & { kind: "whatIfAmount"; subject?: Subject; amountText: string; amount: AmountReading; period?: PeriodSpec })
  | (Common & { kind: "whatIfDeal"; subject?: Subject; dealQuery: string; period?: PeriodSpec })
  | (Common & {
      kind: "toTarget";
      subject?: Subject;
      /** Attainment to reach, as a fraction of quota: 1 for 100%, 1.2 for 120%. */
      targetFraction: number;
      period?: PeriodSpec;
    })
  | (Common & { kind: "nextTier"; subject?: Subject; period?: PeriodSpec })
  | (Common & { kind: "leaderboard"; period?: PeriodSpec })
  /** `/quota deals`: the subject's open deals closing in the period, each with a what-if button. */
  | (Common & { kind: "deals"; subject?: Subject; period?: PeriodSpec })
  | (Common & { kind: "help" })
  | (Common & {
      kind: "unknown";
      /** The cleaned question, cut to 200 characters, for logs and the reply. */
      text: string;
      reason: UnknownReason;
    });

export type QuotaIntentKind = QuotaIntent["kind"];

const TEAM = new Set([
  "team", "teams", "my team", "team quota", "team attainment", "team numbers", "team standing", "pasukan",
  "kuota pasukan", "pencapaian pasukan", "prestasi pasukan", "satu pasukan", "seluruh pasukan",
]);
const LEADERBOARD = new Set([
  "leaderboard", "leaderboards", "leader board", "ranking", "rankings", "rank", "ranks", "standings",
  "top reps", "who's top", "who is top", "papan pendahulu", "kedudukan", "carta", "papan markah", "ranking pasukan",
]);
const STANDING = new Set([
  "", "quota", "kuota", "attainment", "pencapaian", "status", "standing", "numbers", "number", "progress",
  "commission", "komisen", "prestasi", "how doing", "how's it going", "how going", "where stand", "macam mana",
  "quota status", "status kuota", "kuota pencapaian", "gap and pace",
]);
const TIER_WORD = /\b(?:tier|tiers|peringkat|tahap|level|accelerator|accelerators)\b/u;
const NEXT_WORD = /\b(?:next|seterusnya|berikutnya|selepas ini|atas)\b/u;
const TARGET_WORD = /\b(?:quota|kuota|target|sasaran)\b/u;
const ASK_EN = /^(?:how\s+(?:much|far)|what(?:'s|\s+is|s)?\s+(?:left|needed|remaining|the\s+gap|my\s+gap)|gap|to|till|until|amount\s+to|what\s+do\s+i\s+need)\b/u;
const ASK_MS = /^(?:berapa|berapakah|baki|jurang|untuk|ke|sampai|nak\s+capai|perlu\s+berapa|lagi\s+berapa)\b/u;

/** Parses a `/quota` question (the text after the command). Never throws. */
export function parseQuotaQuestion(text: string): QuotaIntent {
  try {
    return parse(text);
  } catch {
    // The grammar is meant to be total; this guard keeps a bug from becoming a silent command.
    return { kind: "unknown", text: truncate(typeof text === "string" ? text : ""), reason: "unrecognised" };
  }
}

function parse(input: string): QuotaIntent {
  const question = readQuestionText(input);
  if (question === undefined) return { kind: "unknown", text: truncate(String(input).trim()), reason: "too_long" };
  const { text: body, subjects, onlyQuestionMarks } = question;
  if (onlyQuestionMarks) return { kind: "help" };
  if (subjects.length > 1) return withLanguage({ kind: "unknown", text: truncate(body), reason: "several_subjects" }, detectLanguage(body));
  const subject = subjects[0];
  const about = subject === undefined ? {} : { subject };

  const whatIf = parseWhatIf(body);
  if (whatIf !== undefined) {
    return withLanguage({ ...whatIf.intent, ...about } as QuotaIntent, whatIf.language);
  }

  const { rest, match } = periodBesideCommandWord(body, (phrase, essential) => TEAM.has(essential) || TEAM.has(phrase) || LEADERBOARD.has(essential) || LEADERBOARD.has(phrase) || isDealsList(phrase));
  const period = match === undefined ? {} : { period: match.period };
  const language = detectLanguage(body) ?? match?.language;
  const phrase = canonicalPhrase(rest);
  const essential = withoutFiller(phrase);

  if (isHelp(phrase)) return withLanguage({ kind: "help" }, language);
  if (TIER_WORD.test(essential) && (NEXT_WORD.test(essential) || essential.split(" ").length <= 2)) {
    return withLanguage({ kind: "nextTier", ...about, ...period }, language);
  }
  const target = toTarget(phrase, essential);
  if (target !== undefined) {
    if (target === null) return withLanguage({ kind: "unknown", text: truncate(body), reason: "unrecognised" }, language);
    return withLanguage({ kind: "toTarget", ...about, targetFraction: target, ...period }, language);
  }
  if (isDealsList(phrase)) return withLanguage({ kind: "deals", ...about, ...period }, language);
  if (TEAM.has(essential) || TEAM.has(phrase)) return withLanguage({ kind: "team", ...about, ...period }, language);
  if (LEADERBOARD.has(essential) || LEADERBOARD.has(phrase)) return withLanguage({ kind: "leaderboard", ...period }, language);
  if (STANDING.has(essential)) return withLanguage({ kind: "standing", ...about, ...period }, language);
  return withLanguage({ kind: "unknown", text: truncate(body), reason: "unrecognised" }, language);
}

/** 1 for "how much to quota", 1.2 for "to 120%"; null for an absurd percentage; undefined if not asked. */
function toTarget(phrase: string, essential: string): number | null | undefined {
  const fraction = percentFraction(phrase);
  if (isOnlyPercent(phrase)) return fraction;
  const asks = ASK_EN.test(phrase) || ASK_MS.test(phrase) || ASK_EN.test(essential) || ASK_MS.test(essential);
  if (asks && (fraction !== undefined || TARGET_WORD.test(phrase))) return fraction ?? 1;
  if (/^(?:gap|gap to (?:quota|target)|baki|jurang|baki kuota|jurang kuota)$/u.test(essential)) return 1;
  return undefined;
}

type WhatIfIntent =
  | { kind: "whatIfAmount"; amountText: string; amount: AmountReading; period?: PeriodSpec }
  | { kind: "whatIfDeal"; dealQuery: string; period?: PeriodSpec };

function parseWhatIf(body: string): { intent: WhatIfIntent; language: Locale } | undefined {
  for (const grammar of WHAT_IF) {
    const opened = grammar.opening.exec(body);
    if (opened === null) continue;
    const afterOpening = (opened[1] ?? "").replace(grammar.trailing, "").trim();
    // "…in March", "…for Q3": a period may close the question; one inside a deal's name stays.
    const { rest, match } = extractPeriod(afterOpening, { endOnly: true });
    const object = unquote(dealName(unquote(rest.replace(grammar.trailing, ""))));
    if (object === "" || NOT_A_DEAL.test(object)) return undefined;
    const period = match === undefined ? {} : { period: match.period };
    if (looksLikeAmount(object)) {
      return { intent: { kind: "whatIfAmount", amountText: object, amount: readAmount(object), ...period }, language: grammar.language };
    }
    return { intent: { kind: "whatIfDeal", dealQuery: object, ...period }, language: grammar.language };
  }
  return undefined;
}

function withLanguage<T extends { kind: string }>(intent: T, language: Locale | undefined): T & Common {
  return language === undefined ? intent : { ...intent, language };
}
