import { describe, expect, it } from "vitest";
import { describeAnonymity, isResponseComplete, requiredQuestionIds, surveyMessage, type StoredAnswer, type SurveyMessageOptions } from "../../src/core/pulse/index.js";
import { ANSWERING_SURVEY } from "../support/pulse-answering.js";

// The survey: 1 eNPS, 2 agreement, 3 choice (3 options), 4 choice (6 options), 5 comment (optional).
// Closes Friday 4 Dec 2026, 09:00 UTC = 17:00 in Kuala Lumpur.
const NOW = new Date("2026-12-01T02:00:00.000Z");
const CLOSES_AT = new Date("2026-12-04T09:00:00.000Z");
const round = { status: "open" as const, closesAt: CLOSES_AT, closedAt: null, definition: ANSWERING_SURVEY, threshold: 5, commentThreshold: 5 };

const score = (questionId: string, value: number): StoredAnswer => ({ questionId, score: value, choiceId: null, text: null });
const choice = (questionId: string, value: string): StoredAnswer => ({ questionId, score: null, choiceId: value, text: null });
const comment = (text: string): StoredAnswer => ({ questionId: "comment", score: null, choiceId: null, text });

function message(answers: StoredAnswer[], extra: Partial<SurveyMessageOptions> = {}) {
  return surveyMessage({ round, answers, locale: "en", timeZone: "Asia/Kuala_Lumpur", bands: true, now: NOW, ...extra });
}

describe("the survey DM's view model", () => {
  it("opens with the anonymity notice and lists every question unanswered: 0 of 5", () => {
    const fresh = message([]);
    expect(fresh.title).toBe("Team pulse");
    expect(fresh.summary).toBe("Pulse survey: Team pulse — a minute of your time, answered anonymously.");
    expect(fresh.notice).toBe(describeAnonymity("en", { threshold: 5, commentThreshold: 5, bands: true }));
    expect(fresh.questions.map((question) => [question.number, question.kind, question.answered, question.answeredLine])).toEqual([
      [1, "enps", false, null],
      [2, "agreement", false, null],
      [3, "single_choice", false, null],
      [4, "single_choice", false, null],
      [5, "free_text", false, null],
    ]);
    expect(fresh.confirmations.size).toBe(0);
    const [enps, agreement, , , free] = fresh.questions;
    expect(enps!.hint).toBe("0 = not at all likely · 10 = extremely likely");
    expect(enps!.options.map((option) => option.value)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(agreement!.options.map((option) => option.label)).toEqual([
      "1 · Strongly disagree",
      "2 · Disagree",
      "3 · Neither agree nor disagree",
      "4 · Agree",
      "5 · Strongly agree",
    ]);
    expect(free).toMatchObject({ hint: "optional", commentLabel: "Write a comment", options: [] });
    expect(fresh).toMatchObject({ answered: 0, total: 5, state: "open", status: "0 of 5 questions answered — 4 more are needed before you count as having answered (only then do your answers count in the results)." });
  });

  it("marks each answered question as answered, never with its answer, and counts them: 2 of 5", () => {
    const partial = message([score("enps", 7), choice("mood", "hard")]);
    expect(partial.questions.map((question) => question.answeredLine)).toEqual(["✓ Answered", null, "✓ Answered", null, null]);
    // The message reads the same whatever was answered: only which questions, not what.
    const other = message([score("enps", 2), choice("mood", "good")]);
    expect(other.questions).toEqual(partial.questions);
    expect(partial).toMatchObject({ answered: 2, total: 5, state: "open", status: "2 of 5 questions answered — 2 more are needed before you count as having answered (only then do your answers count in the results)." });
  });

  it("keeps what was chosen for the private confirmation alone, by question", () => {
    const partial = message([score("enps", 7), choice("mood", "hard")]);
    expect([...partial.confirmations.keys()]).toEqual(["enps", "mood"]);
    expect(partial.confirmations.get("enps")).toBe(
      "✓ Saved — your answer to *1. How likely are you to recommend working here to a friend?*: *7*\nOnly you can see this reply, and Slack does not keep it. The survey message shows which questions you have answered, never your answers.",
    );
    expect(partial.confirmations.get("mood")).toMatch(/^✓ Saved — your answer to \*3\. How was your week\?\*: \*Hard\*\n/);
    const all = message([score("enps", 9), score("workload", 4), choice("mood", "good"), choice("tool", "crm"), comment("Fewer meetings")]);
    expect(all.confirmations.get("workload")).toMatch(/^✓ Saved — your answer to \*2\. My workload is manageable\.\*: \*4 · Agree\*\n/);
    expect(all.confirmations.get("tool")).toMatch(/: \*CRM\*\n/);
    expect(all.confirmations.get("comment")).toMatch(/^✓ Saved — your comment on \*5\. Anything else\?\*: “Fewer meetings”\n/);
  });

  it("is complete once the four required questions are answered, the optional comment aside", () => {
    const answers = [score("enps", 9), score("workload", 4), choice("mood", "good"), choice("tool", "crm")];
    expect(requiredQuestionIds(ANSWERING_SURVEY)).toEqual(["enps", "workload", "mood", "tool"]);
    expect(isResponseComplete(ANSWERING_SURVEY, ["enps", "workload", "mood"])).toBe(false);
    expect(isResponseComplete(ANSWERING_SURVEY, ["enps", "workload", "mood", "tool"])).toBe(true);
    const complete = message(answers);
    expect(complete.questions[1]!.answeredLine).toBe("✓ Answered");
    expect(complete).toMatchObject({ answered: 4, total: 5, state: "complete" });
    expect(complete.status).toBe("*Complete — thank you!* (4 of 5 questions answered; the rest are optional.) You can change your answers until Fri, 4 Dec 2026, 17:00 MYT.");
    const all = message([...answers, comment("Fewer meetings")]);
    expect(all.status).toBe("*Complete — thank you!* You can change your answers until Fri, 4 Dec 2026, 17:00 MYT.");
    expect(all.questions[4]).toMatchObject({ answered: true, answeredLine: "✓ Answered", commentLabel: "Edit your comment" });
    expect(JSON.stringify(all.questions)).not.toContain("Fewer meetings");
  });

  it("gives the closing time in the respondent's own zone", () => {
    const answers = [score("enps", 9), score("workload", 4), choice("mood", "good"), choice("tool", "crm"), comment("ok")];
    expect(message(answers, { timeZone: "Europe/London" }).status).toContain("until Fri, 4 Dec 2026, 09:00 GMT.");
    expect(message(answers, { timeZone: "America/Chicago" }).status).toContain("until Fri, 4 Dec 2026, 03:00 GMT-6.");
  });

  it("reads in Malay, labels and counts included", () => {
    const malay = message([score("workload", 4)], { locale: "ms" });
    expect(malay.title).toBe("Pulse pasukan");
    expect(malay.notice).toMatch(/^\*Jawapan anda tanpa nama\.\*/);
    expect(malay.questions[1]!.answeredLine).toBe("✓ Sudah dijawab");
    expect(malay.confirmations.get("workload")).toBe(
      "✓ Disimpan — jawapan anda untuk *2. Beban kerja saya boleh diurus.*: *4 · Setuju*\nHanya anda yang dapat melihat balasan ini, dan Slack tidak menyimpannya. Mesej tinjauan hanya menunjukkan soalan yang telah anda jawab, tidak sekali-kali jawapan anda.",
    );
    expect(malay.questions[3]!.placeholder).toBe("Pilih jawapan");
    expect(malay.status).toBe("1 daripada 5 soalan dijawab — 3 lagi perlu dijawab sebelum anda dikira telah menjawab (hanya selepas itu jawapan anda dikira dalam keputusan).");
  });

  it("is closed from the closing instant on, with no way to answer", () => {
    const closed = message([score("enps", 7)], { now: CLOSES_AT });
    expect(closed.state).toBe("closed");
    expect(closed.status).toBe("This survey closed on Fri, 4 Dec 2026, 17:00 MYT. Thank you — answers can no longer be given or changed.");
    expect(closed.questions[0]!.answeredLine).toBe("✓ Answered");
    const early = message([], { round: { ...round, status: "closed", closedAt: new Date("2026-12-02T04:00:00.000Z") } });
    expect(early.status).toBe("This survey closed on Wed, 2 Dec 2026, 12:00 MYT. Thank you — answers can no longer be given or changed.");
  });

  it("tells the thresholds in force (never below 3) and leaves bands out for roles without a quota", () => {
    const low = message([], { round: { ...round, threshold: 2, commentThreshold: 1 }, bands: false });
    expect(low.notice).toBe(describeAnonymity("en", { threshold: 3, commentThreshold: 3, bands: false }));
    expect(low.notice).not.toContain("band");
  });

  it("repeats at most 300 characters of a long comment in its confirmation, and none in the message", () => {
    const long = message([comment("a".repeat(2_000))]);
    expect(long.confirmations.get("comment")).toMatch(new RegExp(`: “${"a".repeat(300)}…”\n`));
    expect(JSON.stringify(long.questions)).not.toContain("aaa");
  });
});
