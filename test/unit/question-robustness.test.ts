import { describe, expect, it } from "vitest";
import type { PeriodSpec } from "../../src/core/period-spec.js";
import { parseForecastQuestion, type ForecastIntent } from "../../src/core/questions/forecast-question.js";
import { parseAmount, type AmountReading } from "../../src/core/questions/parse-amount.js";
import { parsePeriod } from "../../src/core/questions/parse-period.js";
import { MAX_QUESTION_LENGTH } from "../../src/core/questions/question-text.js";
import { parseQuotaQuestion, type QuotaIntent, type Subject } from "../../src/core/questions/quota-question.js";

/** xorshift32: small, seeded, and the same sequence on every machine. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

const FRAGMENTS = [
  "what", "if", "I", "close", "how", "much", "to", "100%", "120 %", "quota", "team", "next", "tier", "leaderboard",
  "help", "?", "Q3", "q5", "FY27", "fy2027", "H2", "March", "Mac", "suku", "depan", "lepas", "ini", "berapa", "lagi",
  "untuk", "capai", "kuota", "kalau", "saya", "tutup", "pasukan", "papan", "pendahulu", "kedudukan", "bantuan",
  "seterusnya", "peringkat", "submit", "hantar", "commit", "best", "case", "method", "digest", "50k", "1.2m", "RM",
  "RM50,000", "$", "€5k", "-5k", "0", "50 ribu", "1.2 juta", "1e308", "NaN", "Infinity", "@maria", "@", "@@",
  "<@U024BE7LH|maria>", "<@U1>", "<@", ">", "<!here>", "<#C1|general>", "&lt;", "&amp;", "'", "\"", "“", "”",
  "; DROP TABLE employee; --", "OR 1=1", "🚀", "👍🏽", "👨‍👩‍👧", "🇲🇾", ":rocket:", "\u200b", "\u202e", "\ufeff",
  "ｑ３", "𝐐𝟑", "tеam" /* Cyrillic е */, "Ωmega", "ß", "İ", "\t", "\n", "  ", ",", ".", "!", "…", "—", "−",
  "%", "/", "\\", "(", ")", "[", "]", "{", "}", "$(rm -rf /)", "${x}", "\u0000", "\ud800", "null", "undefined",
];
const CHARS = "abcdefghijklmnopqrstuvwxyzABCQ0123456789 .,;:!?%$@<>|&'\"-+/\\()[]{}€£¥RMk";

function randomText(next: () => number): string {
  const parts: string[] = [];
  const count = Math.floor(next() * 8);
  for (let i = 0; i < count; i += 1) {
    if (next() < 0.7) {
      parts.push(FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] ?? "");
    } else {
      const length = 1 + Math.floor(next() * 6);
      let word = "";
      for (let j = 0; j < length; j += 1) word += CHARS[Math.floor(next() * CHARS.length)] ?? "";
      parts.push(word);
    }
  }
  const joiner = next() < 0.8 ? " " : next() < 0.5 ? "" : "   ";
  return parts.join(joiner);
}

function validPeriod(period: PeriodSpec | undefined): boolean {
  if (period === undefined) return true;
  switch (period.kind) {
    case "relative":
      return ["month", "quarter", "half", "year"].includes(period.unit) && Number.isInteger(period.offset);
    case "quarter":
      return [1, 2, 3, 4].includes(period.quarter) && (period.fiscalYear === undefined || Number.isInteger(period.fiscalYear));
    case "half":
      return [1, 2].includes(period.half) && (period.fiscalYear === undefined || Number.isInteger(period.fiscalYear));
    case "year":
      return Number.isInteger(period.fiscalYear);
    case "month":
      return period.month >= 1 && period.month <= 12 && (period.calendarYear === undefined || Number.isInteger(period.calendarYear));
  }
}

function validSubject(subject: Subject | undefined): boolean {
  if (subject === undefined) return true;
  if (subject.slackUserId !== undefined) return /^[UW][A-Z0-9]+$/.test(subject.slackUserId);
  return subject.handle.length > 0 && !/\s/.test(subject.handle);
}

function validReading(reading: AmountReading): boolean {
  return reading.ok ? /^\d+(\.\d+)?$/.test(reading.major) && reading.major !== "0" : typeof reading.reason === "string";
}

function validLanguage(language: unknown): boolean {
  return language === undefined || language === "en" || language === "ms";
}

function validQuota(intent: QuotaIntent): boolean {
  if (!validLanguage(intent.language)) return false;
  switch (intent.kind) {
    case "standing":
    case "team":
    case "nextTier":
      return validSubject(intent.subject) && validPeriod(intent.period);
    case "whatIfAmount":
      return intent.amountText.trim() !== "" && validReading(intent.amount) && validPeriod(intent.period);
    case "whatIfDeal":
      return intent.dealQuery.trim() !== "" && validPeriod(intent.period);
    case "toTarget":
      return Number.isFinite(intent.targetFraction) && intent.targetFraction > 0 && intent.targetFraction <= 10 && validPeriod(intent.period);
    case "leaderboard":
      return validPeriod(intent.period);
    case "deals":
      return validSubject(intent.subject) && validPeriod(intent.period);
    case "help":
      return true;
    case "unknown":
      return typeof intent.text === "string" && intent.text.length <= 200 && ["unrecognised", "too_long", "several_subjects"].includes(intent.reason);
  }
}

function validForecast(intent: ForecastIntent): boolean {
  if (!validLanguage(intent.language)) return false;
  switch (intent.kind) {
    case "own":
    case "digest":
      return validPeriod(intent.period);
    case "team":
      return validSubject(intent.subject) && validPeriod(intent.period);
    case "subject":
    case "deals":
      return validSubject(intent.subject) && validPeriod(intent.period);
    case "history":
      return validSubject(intent.subject);
    case "submit":
      return validReading(intent.commit) && (intent.bestCase === undefined || validReading(intent.bestCase)) && validPeriod(intent.period);
    case "submitRejected":
      return ["missing_commit", "amount_invalid", "best_below_commit"].includes(intent.reason);
    case "method":
    case "help":
      return true;
    case "unknown":
      return typeof intent.text === "string" && intent.text.length <= 200;
  }
}

describe("question parsers on random input", () => {
  it("never throw and always return a well-formed intent (3,000 seeded strings each)", () => {
    const next = randomSource(20270401);
    const kinds = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      const text = randomText(next);
      const quota = parseQuotaQuestion(text);
      const forecast = parseForecastQuestion(text);
      kinds.add(quota.kind);
      if (!validQuota(quota)) throw new Error(`bad quota intent for ${JSON.stringify(text)}: ${JSON.stringify(quota)}`);
      if (!validForecast(forecast)) throw new Error(`bad forecast intent for ${JSON.stringify(text)}: ${JSON.stringify(forecast)}`);
      expect(() => parseAmount(text, { currency: "MYR" })).not.toThrow();
      expect(() => parsePeriod(text)).not.toThrow();
    }
    // The generator is rich enough to reach most of the grammar, not just `unknown`.
    expect(kinds.size).toBeGreaterThanOrEqual(6);
  });

  it("is deterministic", () => {
    const a = randomSource(7);
    const b = randomSource(7);
    const first = Array.from({ length: 50 }, () => randomText(a));
    expect(Array.from({ length: 50 }, () => randomText(b))).toEqual(first);
  });
});

const truncateLabel = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 20)}… (${text.length} chars)` : text);

describe("question parsers on hostile input", () => {
  const hostile = [
    "'; DROP TABLE employee; --",
    "Robert'); DROP TABLE Students;--",
    "🚀🚀🚀",
    "Q3 🚀",
    "“team”",
    "TEAM",
    "tEaM    nExT    qUaRtEr",
    "team!!!",
    "ｔｅａｍ",
    "tеam",
    "<script>alert(1)</script>",
    "%s%s%s%n",
    "\u0000\u0001",
    "\ud83d",
    "a".repeat(MAX_QUESTION_LENGTH),
  ];
  it.each(hostile.map((text) => [truncateLabel(text), text]))("%s", (_label, text) => {
    expect(() => parseQuotaQuestion(text)).not.toThrow();
    expect(() => parseForecastQuestion(text)).not.toThrow();
    expect(validQuota(parseQuotaQuestion(text))).toBe(true);
    expect(validForecast(parseForecastQuestion(text))).toBe(true);
  });

  it("normalises case, spacing, emoji, full-width letters and trailing punctuation", () => {
    for (const text of ["TEAM", "team!!!", "  team  ", "team 🚀", "ｔｅａｍ", "team :tada:", "“team”"]) {
      expect(parseQuotaQuestion(text)).toMatchObject({ kind: "team" });
    }
    expect(parseQuotaQuestion("Q3 🚀")).toMatchObject({ kind: "standing", period: { kind: "quarter", quarter: 3 } });
    expect(parseQuotaQuestion("𝐐𝟑")).toMatchObject({ kind: "standing", period: { kind: "quarter", quarter: 3 } });
  });

  it("does not mistake Cyrillic look-alikes for commands", () => {
    expect(parseQuotaQuestion("tеam")).toMatchObject({ kind: "unknown" });
  });

  it("keeps SQL-looking text as plain, unknown text", () => {
    expect(parseQuotaQuestion("'; DROP TABLE employee; --")).toStrictEqual({
      kind: "unknown",
      text: "'; DROP TABLE employee; --",
      reason: "unrecognised",
    });
  });

  it("refuses more than 1,000 characters unread", () => {
    const long = "team ".repeat(820); // about 4 kB
    expect(parseQuotaQuestion(long)).toMatchObject({ kind: "unknown", reason: "too_long" });
    expect(parseForecastQuestion(long)).toMatchObject({ kind: "unknown", reason: "too_long" });
    expect(parseQuotaQuestion("x".repeat(MAX_QUESTION_LENGTH + 1))).toMatchObject({ reason: "too_long" });
    expect(parseQuotaQuestion(`team${" ".repeat(2000)}`)).toMatchObject({ kind: "team" });
    expect((parseQuotaQuestion(long) as { text: string }).text.length).toBeLessThanOrEqual(200);
  });

  it("tolerates a caller that passes something other than a string", () => {
    expect(parseQuotaQuestion(undefined as unknown as string)).toStrictEqual({ kind: "standing" });
    expect(parseForecastQuestion(null as unknown as string)).toStrictEqual({ kind: "own" });
  });
});
