import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { answerPulseQuestion, formatSurveyInstant, isRoundOpen, type AnswerPulseQuestionOptions } from "../../src/core/pulse/index.js";
import { ANSWERING_SURVEY } from "../support/pulse-answering.js";

// Friday 4 Dec 2026, 09:00 UTC = 17:00 in Kuala Lumpur (UTC+8).
const CLOSES_AT = new Date("2026-12-04T09:00:00.000Z");
const NOW = new Date("2026-12-01T02:00:00.000Z");
const round = { status: "open" as const, closesAt: CLOSES_AT, closedAt: null, definition: ANSWERING_SURVEY };

function answer(questionId: string, rawValue: unknown, extra: Partial<AnswerPulseQuestionOptions> = {}) {
  return answerPulseQuestion({ round, questionId, rawValue, now: NOW, locale: "en", timeZone: "Asia/Kuala_Lumpur", ...extra });
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

describe("answerPulseQuestion", () => {
  it("normalises an answer of each kind", () => {
    expect(answer("enps", "7")).toEqual({ questionId: "enps", kind: "enps", value: 7 });
    expect(answer("enps", "0")).toEqual({ questionId: "enps", kind: "enps", value: 0 });
    expect(answer("enps", 10)).toEqual({ questionId: "enps", kind: "enps", value: 10 });
    expect(answer("workload", " 4 ")).toEqual({ questionId: "workload", kind: "agreement", value: 4 });
    expect(answer("tool", "quotes")).toEqual({ questionId: "tool", kind: "single_choice", value: "quotes" });
    expect(answer("comment", "  Fewer meetings\r\nplease  ")).toEqual({ questionId: "comment", kind: "free_text", value: "Fewer meetings\nplease" });
  });

  it.each([
    ["11", "11"],
    ["-1", "-1"],
    ["7.5", "7.5"],
    ["seven", "seven"],
    ["", ""],
  ])("refuses an eNPS answer of %j, saying the range, in English and Malay", (raw, shown) => {
    const english = refusal(() => answer("enps", raw));
    expect(english.code).toBe("invalid_input");
    expect(english.message).toBe(`${shown} is not an answer to this question: answers are whole numbers from 0 to 10. Nothing was recorded.`);
    const malay = refusal(() => answer("enps", raw, { locale: "ms" }));
    expect(malay.message).toBe(`${shown} bukan jawapan bagi soalan ini: jawapan ialah nombor bulat dari 0 hingga 10. Tiada apa-apa direkodkan.`);
  });

  it("refuses agreement outside 1-5, an unknown option, an unknown question, and empty or over-long comments", () => {
    expect(refusal(() => answer("workload", "0")).message).toBe("0 is not an answer to this question: answers are whole numbers from 1 to 5. Nothing was recorded.");
    expect(refusal(() => answer("workload", "6")).message).toMatch(/^6 is not an answer/);
    expect(refusal(() => answer("tool", "fax")).message).toBe("That is not one of this question's options, so nothing was recorded.");
    const unknown = refusal(() => answer("salary", "7"));
    expect(unknown.message).toBe("This survey has no such question, so nothing was recorded.");
    expect(unknown.params.field).toBe("questionId");
    expect(refusal(() => answer("comment", " \n ")).message).toBe("Your comment is empty, so nothing was recorded.");
    // 2,001 characters, one over the limit.
    expect(refusal(() => answer("comment", "x".repeat(2_001))).message).toBe(
      "Your comment has 2,001 characters; the most is 2,000. Nothing was recorded — shorten it and save again.",
    );
    expect(answer("comment", "é".repeat(2_000)).value).toHaveLength(2_000);
  });

  it("refuses answers from the closing instant on, with the close in the respondent's zone", () => {
    const oneMsBefore = new Date(CLOSES_AT.getTime() - 1);
    expect(isRoundOpen(round, oneMsBefore)).toBe(true);
    expect(answer("enps", "7", { now: oneMsBefore }).value).toBe(7);
    expect(isRoundOpen(round, CLOSES_AT)).toBe(false);
    const closed = refusal(() => answer("enps", "7", { now: CLOSES_AT }));
    expect(closed.code).toBe("conflict");
    expect(closed.message).toBe("This survey closed on Fri, 4 Dec 2026, 17:00 MYT: answers can no longer be given or changed. Nothing was recorded.");
    // The same instant is 09:00 in London, and 04:00 in New York.
    expect(refusal(() => answer("enps", "7", { now: CLOSES_AT, timeZone: "Europe/London" })).message).toContain("closed on Fri, 4 Dec 2026, 09:00 GMT:");
    expect(refusal(() => answer("enps", "7", { now: CLOSES_AT, timeZone: "America/New_York", locale: "ms" })).message).toBe(
      "Tinjauan ini ditutup pada Jum, 4 Dis 2026, 04:00 GMT-5: jawapan tidak boleh diberi atau ditukar lagi. Tiada apa-apa direkodkan.",
    );
  });

  it("refuses answers to a round closed early, naming when it was closed; a value is never looked at then", () => {
    const early = { ...round, status: "closed" as const, closedAt: new Date("2026-11-30T10:30:00.000Z") };
    const closed = refusal(() => answer("enps", "11", { round: early }));
    expect(closed.code).toBe("conflict");
    expect(closed.message).toMatch(/^This survey closed on Mon, 30 Nov 2026, 18:30 MYT:/);
  });

  it("shows instants across a DST change in the zone's own offset", () => {
    // London: BST (UTC+1) until Sunday 25 Oct 2026 01:00 UTC, then GMT.
    expect(formatSurveyInstant(new Date("2026-10-23T16:00:00.000Z"), "en", "Europe/London")).toBe("Fri, 23 Oct 2026, 17:00 GMT+1");
    expect(formatSurveyInstant(new Date("2026-10-30T17:00:00.000Z"), "en", "Europe/London")).toBe("Fri, 30 Oct 2026, 17:00 GMT");
    // India is UTC+5:30 all year.
    expect(formatSurveyInstant(CLOSES_AT, "en", "Asia/Kolkata")).toBe("Fri, 4 Dec 2026, 14:30 GMT+5:30");
  });
});
