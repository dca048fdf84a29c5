/**
 * The `/forecast` question grammar, English and Malay. Like `/quota`'s, it never throws and
 * never reads data; amounts are read (not converted), periods named (not resolved).
 */
import type { PeriodSpec } from "../period-spec.js";
import type { Locale } from "../i18n/locale.js";
import { compareAmounts, looksLikeAmount, readAmount, type AmountReading, type AmountRejection } from "./parse-amount.js";
import { extractPeriod } from "./parse-period.js";
import { canonicalPhrase, isDealsList, isHelp, periodBesideCommandWord, truncate, withoutFiller } from "./question-grammar.js";
import { detectLanguage, readQuestionText, type Subject } from "./question-text.js";
import type { UnknownReason } from "./quota-question.js";

/** An amount that was read successfully. */
export type AmountRead = Extract<AmountReading, { ok: true }>;

/** Why a forecast call could not be taken as typed. */
export type SubmitRejection = "missing_commit" | "amount_invalid" | "best_below_commit";

interface Common {
  /**
   * The grammar's guess at the language of the phrase it matched; undefined when neutral ("Q3",
   * "@maria", "?"). The reply language is not this: it is `replyLocale`'s one rule (src/core/use-cases/question-context.ts).
   */
  language?: Locale;
}

/** What a `/forecast` question asks. `period` absent means the current quarter (the use case decides). */
export type ForecastIntent =
  | (Common & { kind: "own"; period?: PeriodSpec })
  | (Common & { kind: "team"; subject?: Subject; period?: PeriodSpec })
  | (Common & { kind: "subject"; subject: Subject; period?: PeriodSpec })
  | (Common & {
      kind: "submit";
      commitText: string;
      commit: AmountRead;
      bestCaseText?: string;
      bestCase?: AmountRead;
      period?: PeriodSpec;
    })
  | (Common & {
      /** A call was being submitted but cannot be taken: say why, and take nothing. */
      kind: "submitRejected";
      reason: SubmitRejection;
      /** For `amount_invalid`: which figure, as typed, and why. */
      field?: "commit" | "bestCase";
      amountText?: string;
      amountReason?: AmountRejection;
      commitText?: string;
      bestCaseText?: string;
    })
  | (Common & { kind: "method" })
  /** `/forecast history`: the subject's (or asker's) calls per period against what closed. */
  | (Common & { kind: "history"; subject?: Subject })
  /** `/forecast deals`: the subject's open deals closing in the period, each with a what-if button. */
  | (Common & { kind: "deals"; subject?: Subject; period?: PeriodSpec })
  | (Common & { kind: "digest"; period?: PeriodSpec })
  | (Common & { kind: "help" })
  | (Common & { kind: "unknown"; text: string; reason: UnknownReason });

export type ForecastIntentKind = ForecastIntent["kind"];

const TEAM = new Set([
  "team", "teams", "team forecast", "team pipeline", "team call", "forecast team", "pasukan", "ramalan pasukan",
  "pipeline pasukan", "unjuran pasukan", "seluruh pasukan",
]);
const OWN = new Set([
  "", "forecast", "my forecast", "ramalan", "pipeline", "call", "projection", "unjuran", "numbers", "status",
  "commit", "best case", "weighted pipeline", "forecast call",
]);
const METHOD =
  /\b(?:method|methodology|accuracy|accurate|calculated|calculate|calculation|computed|formula|how\s+(?:do|does|is|are)\s+(?:you|it|this|the\s+projection|projections?|forecasts?)|kaedah|ketepatan|tepat|dikira|kira|bagaimana)\b/u;
const DIGEST = /\b(?:digest|ringkasan|summary|weekly|mingguan)\b/u;
const HISTORY = /\b(?:history|track\s+record|past\s+calls|my\s+calls|calls|sejarah(?:\s+ramalan)?|rekod)\b/u;

const SUBMIT_VERB = /^(?:submit|hantar|send|set|log|update|kemaskini|kemas\s+kini|put\s+in)\b\s*(?:(?:my|saya)\s+)?(?:(?:forecast\s+)?call|forecast|ramalan(?:\s+saya)?)?\s*/iu;
const COMMIT_WORD = /^(?:commit|komit|komitmen)\b\s*[:=]?\s*/iu;
const BEST_SPLIT = /\s*[,;/]?\s*(?:(?:and|dan)\s+)?\b(?:best[\s-]*case|best|bc|kes\s+terbaik|terbaik|upside)\b\s*[:=]?\s*/iu;

/** Parses a `/forecast` question (the text after the command). Never throws. */
export function parseForecastQuestion(text: string): ForecastIntent {
  try {
    return parse(text);
  } catch {
    return { kind: "unknown", text: truncate(typeof text === "string" ? text : ""), reason: "unrecognised" };
  }
}

function parse(input: string): ForecastIntent {
  const question = readQuestionText(input);
  if (question === undefined) return { kind: "unknown", text: truncate(String(input).trim()), reason: "too_long" };
  const { text: body, subjects, onlyQuestionMarks } = question;
  if (onlyQuestionMarks) return { kind: "help" };
  const bodyLanguage = detectLanguage(body);
  if (subjects.length > 1) return withLanguage({ kind: "unknown", text: truncate(body), reason: "several_subjects" }, bodyLanguage);

  const submitted = parseSubmit(body);
  if (submitted !== undefined) return withLanguage(submitted, bodyLanguage ?? (/^hantar\b/iu.test(body) ? "ms" : undefined));

  const subject = subjects[0];
  const { rest, match } = periodBesideCommandWord(body, (phrase, essential) => TEAM.has(essential) || TEAM.has(phrase) || isDealsList(phrase) || DIGEST.test(phrase));
  const period = match === undefined ? {} : { period: match.period };
  const language = bodyLanguage ?? match?.language;
  const phrase = canonicalPhrase(rest);
  const essential = withoutFiller(phrase);

  if (isHelp(phrase)) return withLanguage({ kind: "help" }, language);
  if (METHOD.test(phrase)) return withLanguage({ kind: "method" }, language);
  if (DIGEST.test(phrase)) return withLanguage({ kind: "digest", ...period }, language);
  if (HISTORY.test(phrase)) return withLanguage({ kind: "history", ...(subject === undefined ? {} : { subject }) }, language);
  if (isDealsList(phrase)) return withLanguage({ kind: "deals", ...(subject === undefined ? {} : { subject }), ...period }, language);
  if (TEAM.has(essential) || TEAM.has(phrase)) {
    return withLanguage({ kind: "team", ...(subject === undefined ? {} : { subject }), ...period }, language);
  }
  if (OWN.has(essential)) {
    if (subject !== undefined) return withLanguage({ kind: "subject", subject, ...period }, language);
    return withLanguage({ kind: "own", ...period }, language);
  }
  return withLanguage({ kind: "unknown", text: truncate(body), reason: "unrecognised" }, language);
}

/** "submit commit 120k best 150k", "hantar komit 120k terbaik 150k", "commit 120k", "submit 120k / 150k". */
function parseSubmit(body: string): ForecastIntent | undefined {
  const verb = SUBMIT_VERB.exec(body);
  let remainder = verb === null ? body : body.slice(verb[0].length);
  const startsWithCommit = COMMIT_WORD.test(remainder);
  if (verb === null && !startsWithCommit) return undefined;

  const { rest, match } = extractPeriod(remainder);
  const period = match === undefined ? {} : { period: match.period };
  remainder = rest.replace(COMMIT_WORD, "").trim();

  let commitText: string;
  let bestCaseText: string | undefined;
  const split = BEST_SPLIT.exec(remainder);
  if (split !== null) {
    commitText = remainder.slice(0, split.index).trim();
    bestCaseText = remainder.slice(split.index + split[0].length).trim();
  } else {
    [commitText, bestCaseText] = splitTwoAmounts(remainder);
  }
  if (commitText === "") return { kind: "submitRejected", reason: "missing_commit" };
  // "submit something else" is not a call at all: let the other rules (or `unknown`) have it.
  if (!startsWithCommit && !looksLikeAmount(commitText)) return undefined;

  const commit = readAmount(commitText);
  if (!commit.ok) {
    return { kind: "submitRejected", reason: "amount_invalid", field: "commit", amountText: commitText, amountReason: commit.reason, commitText };
  }
  if (bestCaseText === undefined || bestCaseText === "") {
    return { kind: "submit", commitText, commit, ...period };
  }
  const bestCase = readAmount(bestCaseText);
  if (!bestCase.ok) {
    return {
      kind: "submitRejected", reason: "amount_invalid", field: "bestCase", amountText: bestCaseText,
      amountReason: bestCase.reason, commitText, bestCaseText,
    };
  }
  const comparable = commit.currency === undefined || bestCase.currency === undefined || commit.currency === bestCase.currency;
  if (comparable && compareAmounts(bestCase, commit) < 0) {
    return { kind: "submitRejected", reason: "best_below_commit", commitText, bestCaseText };
  }
  return { kind: "submit", commitText, commit, bestCaseText, bestCase, ...period };
}

/** "120k 150k" or "120k / 150k" -> ["120k", "150k"]; one amount -> [it, undefined]. */
function splitTwoAmounts(text: string): [string, string | undefined] {
  // "/", ";" and ", " separate the figures; a comma inside "120,000" groups digits.
  const cleaned = text.replace(/\s*[/;|]\s*(?=\S)|,\s+(?=\S)/g, " / ");
  if (looksLikeAmount(cleaned.replace(/ \/ /g, " ")) && readAmount(cleaned).ok) return [text, undefined];
  const words = cleaned.split(" ").filter((word) => word !== "" && word !== "/");
  const splits = words.slice(1).map((_, i) => [words.slice(0, i + 1).join(" "), words.slice(i + 1).join(" ")] as const);
  // Prefer a split where both halves read ("1.2 juta 1.5 juta"), then one that names what is wrong.
  const both = splits.find(([left, right]) => readAmount(left).ok && readAmount(right).ok);
  const either = both ?? splits.find(([left, right]) => readAmount(left).ok && looksLikeAmount(right));
  return either === undefined ? [text, undefined] : [either[0], either[1]];
}

function withLanguage<T extends { kind: string }>(intent: T, language: Locale | undefined): T & Common {
  return language === undefined ? intent : { ...intent, language };
}
