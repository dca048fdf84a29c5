import { describe, expect, it } from "vitest";
import {
  MAX_CHOICE_LABEL_CHARS,
  MAX_FREE_TEXT_CHARS,
  MAX_PROMPT_CHARS,
  MAX_QUESTIONS,
  surveyMessage,
  validateSurvey,
  type StoredAnswer,
  type SurveyDefinition,
} from "../../src/core/pulse/index.js";
import {
  answerBlockId,
  commentMetadataSchema,
  parseAnswerBlockId,
  PULSE_COMMENT_ACTION_ID,
  PULSE_SELECT_ACTION_ID,
  renderAnswerConfirmation,
  renderCommentModal,
  renderSurveyMessage,
} from "../../src/slack/render/pulse-survey.js";

const ROUND_ID = "3f0c1a52-8f0e-4a57-9b7e-6d1d2c3b4a59";
const TOKEN = "AAECAwQFBgcICQoLDA0ODw.q3Vb8Xr2LkPz0sWmN1cYtA";
const NOW = new Date("2026-12-01T02:00:00.000Z");
const CLOSES_AT = new Date("2026-12-04T09:00:00.000Z");

const long = (prefix: string, chars: number) => `${prefix} ${"x".repeat(chars)}`.slice(0, chars);
const text = (id: string, chars: number) => ({ en: long(`${id} <&>`, chars), ms: long(`${id} ms <&>`, chars) });
const choices = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `c${index}`, label: text(`choice ${index}`, MAX_CHOICE_LABEL_CHARS) }));

/** The largest survey there can be: ten questions, longest prompts and labels, both languages. */
const BIGGEST: SurveyDefinition = validateSurvey({
  title: text("title", MAX_PROMPT_CHARS),
  defaultLocale: "en",
  questions: [
    { id: "q1", kind: "enps", prompt: text("q1", MAX_PROMPT_CHARS) },
    { id: "q2", kind: "enps", prompt: text("q2", MAX_PROMPT_CHARS) },
    { id: "q3", kind: "agreement", prompt: text("q3", MAX_PROMPT_CHARS) },
    { id: "q4", kind: "agreement", prompt: text("q4", MAX_PROMPT_CHARS), optional: true },
    { id: "q5", kind: "single_choice", prompt: text("q5", MAX_PROMPT_CHARS), choices: choices(5) },
    { id: "q6", kind: "single_choice", prompt: text("q6", MAX_PROMPT_CHARS), choices: choices(5) },
    { id: "q7", kind: "single_choice", prompt: text("q7", MAX_PROMPT_CHARS), choices: choices(10) },
    { id: "q8", kind: "single_choice", prompt: text("q8", MAX_PROMPT_CHARS), choices: choices(10) },
    { id: "q9", kind: "free_text", prompt: text("q9", MAX_PROMPT_CHARS) },
    { id: "q10", kind: "free_text", prompt: text("q10", MAX_PROMPT_CHARS) },
  ],
});

const EVERY_ANSWER: StoredAnswer[] = [
  { questionId: "q1", score: 10, choiceId: null, text: null },
  { questionId: "q2", score: 0, choiceId: null, text: null },
  { questionId: "q3", score: 3, choiceId: null, text: null },
  { questionId: "q4", score: 5, choiceId: null, text: null },
  { questionId: "q5", score: null, choiceId: "c4", text: null },
  { questionId: "q6", score: null, choiceId: "c0", text: null },
  { questionId: "q7", score: null, choiceId: "c9", text: null },
  { questionId: "q8", score: null, choiceId: "c5", text: null },
  // Each of & < > grows fivefold when escaped for mrkdwn.
  { questionId: "q9", score: null, choiceId: null, text: "&".repeat(MAX_FREE_TEXT_CHARS) },
  { questionId: "q10", score: null, choiceId: null, text: "<>".repeat(MAX_FREE_TEXT_CHARS / 2) },
];

type Block = Record<string, unknown>;
const length = (value: unknown) => [...String(value)].length;

/** Every limit Slack documents for what the survey uses; returns the message's blocks. */
function expectWithinSlackLimits(blocks: Block[], fallback: string): void {
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(fallback.length).toBeLessThanOrEqual(40_000);
  const blockIds = blocks.flatMap((block) => (block.block_id === undefined ? [] : [String(block.block_id)]));
  expect(new Set(blockIds).size).toBe(blockIds.length);
  for (const block of blocks) {
    if (block.block_id !== undefined) expect(length(block.block_id)).toBeLessThanOrEqual(255);
    switch (block.type) {
      case "header":
        expect(length((block.text as Block).text)).toBeLessThanOrEqual(150);
        break;
      case "section":
        expect(length((block.text as Block).text)).toBeLessThanOrEqual(3_000);
        break;
      case "context":
        expect((block.elements as Block[]).length).toBeLessThanOrEqual(10);
        for (const element of block.elements as Block[]) expect(length(element.text)).toBeLessThanOrEqual(3_000);
        break;
      case "actions": {
        const elements = block.elements as Block[];
        expect(elements.length).toBeGreaterThan(0);
        expect(elements.length).toBeLessThanOrEqual(25);
        const actionIds = elements.map((element) => String(element.action_id));
        expect(new Set(actionIds).size).toBe(actionIds.length);
        for (const element of elements) {
          expect(length(element.action_id)).toBeLessThanOrEqual(255);
          if (element.type === "button") {
            expect(length((element.text as Block).text)).toBeLessThanOrEqual(75);
            expect(length(element.value)).toBeLessThanOrEqual(2_000);
            // No style: a styled button would mark the chosen answer in a message Slack keeps.
            expect(element.style).toBeUndefined();
          } else {
            expect(element.type).toBe("static_select");
            const options = element.options as Block[];
            expect(options.length).toBeLessThanOrEqual(100);
            expect(length((element.placeholder as Block).text)).toBeLessThanOrEqual(150);
            for (const option of options) {
              expect(length((option.text as Block).text)).toBeLessThanOrEqual(75);
              expect(length(option.value)).toBeLessThanOrEqual(150);
            }
            expect(element.initial_option).toBeUndefined();
          }
        }
        break;
      }
      case "divider":
        break;
      default:
        throw new Error(`unexpected block ${String(block.type)}`);
    }
  }
}

describe.each(["en", "ms"] as const)("the survey message as Block Kit (%s)", (locale) => {
  const model = (answers: StoredAnswer[], now = NOW) =>
    surveyMessage({ round: { status: "open", closesAt: CLOSES_AT, closedAt: null, definition: BIGGEST, threshold: 5, commentThreshold: 5 }, answers, locale, timeZone: "Asia/Kuala_Lumpur", bands: true, now });
  const render = (answers: StoredAnswer[], now = NOW) => renderSurveyMessage(model(answers, now), { roundId: ROUND_ID, token: TOKEN, locale });

  it(`keeps the ${MAX_QUESTIONS}-question survey within Slack's limits, unanswered, fully answered and closed`, () => {
    for (const message of [render([]), render(EVERY_ANSWER), render(EVERY_ANSWER, CLOSES_AT)]) expectWithinSlackLimits(message.blocks as Block[], message.text);
  });

  it("lays a question out as its section and one row: 11 buttons, 5, 5 choice buttons, a 10-option select, a comment button", () => {
    const { blocks } = render([]);
    // header, notice, divider, 10 × (section + actions), divider, status
    expect(blocks).toHaveLength(3 + 10 * 2 + 2);
    expect(blocks[1]).toMatchObject({ type: "section" });
    const rows = (blocks as Block[]).filter((block) => block.type === "actions");
    expect(rows.map((row) => (row.elements as Block[]).length)).toEqual([11, 11, 5, 5, 5, 5, 1, 1, 1, 1]);
    expect((rows[6]!.elements as Block[])[0]).toMatchObject({ type: "static_select", action_id: PULSE_SELECT_ACTION_ID });
    expect((rows[8]!.elements as Block[])[0]).toMatchObject({ type: "button", action_id: PULSE_COMMENT_ACTION_ID });
    expect(rows.map((row) => parseAnswerBlockId(String(row.block_id)))).toEqual(
      BIGGEST.questions.map((question) => ({ questionId: question.id, locale, roundId: ROUND_ID, token: TOKEN })),
    );
    expect(String((rows[0]!.elements as Block[])[7]!.action_id)).toBe("pulse_answer:7");
  });

  it("never marks the chosen answers: fully answered, it differs from unanswered only in its progress lines", () => {
    const fresh = render([]);
    const answered = render(EVERY_ANSWER);
    const rows = (message: { blocks: Block[] }) => message.blocks.filter((block) => block.type === "actions");
    // The same buttons and selects, unstyled, no initial option, whatever was chosen; the comment
    // buttons say a comment was written ("Edit your comment"), not what it says.
    expect(rows(answered).slice(0, 8)).toEqual(rows(fresh).slice(0, 8));
    const edit = locale === "en" ? "Edit your comment" : "Ubah komen anda";
    expect(rows(answered).slice(8).map((row) => (row.elements as Block[]).map((element) => (element.text as Block).text))).toEqual([[edit], [edit]]);
    const done = locale === "en" ? "✓ Answered" : "✓ Sudah dijawab";
    answered.blocks.forEach((block, index) => {
      const before = fresh.blocks[index]!;
      if (block.type === "actions" || block.type === "header" || block.type === "divider") return;
      const text = String(((block.type === "context" ? (block.elements as Block[])[0] : block.text) as Block).text);
      const was = String(((before.type === "context" ? (before.elements as Block[])[0] : before.text) as Block).text);
      // A question's section gains the "answered" line; the notice is unchanged; the status moves on.
      if (index > 2 && block.type === "section") expect(text).toBe(`${was}\n${done}`);
      else if (index === 1) expect(text).toBe(was);
      else expect(text).not.toBe(was);
    });
    expect(JSON.stringify(answered)).not.toContain("&amp;&amp;");
    expect(JSON.stringify(answered)).not.toContain("&lt;&gt;");
    expect(render(EVERY_ANSWER, CLOSES_AT).blocks.some((block) => block.type === "actions")).toBe(false);
  });

  it("confirms an answer, privately, as one section within Slack's limits", () => {
    const confirmations = model(EVERY_ANSWER).confirmations;
    expect([...confirmations.keys()]).toEqual(BIGGEST.questions.map((question) => question.id));
    const enps = renderAnswerConfirmation(confirmations.get("q1")!);
    expect(enps.blocks).toHaveLength(1);
    expect(enps.blocks[0]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
    // The prompt's & < > are escaped, the score named.
    const section = String((enps.blocks[0]!.text as Block).text);
    expect(section).toMatch(/\*1\. q1 (ms )?&lt;&amp;&gt; x+\*/);
    expect(section).toMatch(/\*: \*10\*\n/);
    expect(enps.text).not.toContain("*");
    // The longest comment: 300 of its characters, each & escaped fivefold, still one section of at most 3,000.
    const comment = renderAnswerConfirmation(confirmations.get("q9")!);
    expect(length((comment.blocks[0]!.text as Block).text)).toBeLessThanOrEqual(3_000);
    expect(String((comment.blocks[0]!.text as Block).text)).toContain("&amp;".repeat(100));
  });
});

describe("the comment form as a modal", () => {
  it("keeps to Slack's limits and carries the round, token and message in its metadata", () => {
    const metadata = { roundId: ROUND_ID, token: TOKEN, questionId: "q9", locale: "ms" as const, channel: "D0123", ts: "1796000000.000100" };
    const view = renderCommentModal(
      { title: "Komen anda", label: "x".repeat(MAX_PROMPT_CHARS), hint: "Tanpa nama.", submit: "Simpan", cancel: "Batal", current: "y".repeat(MAX_FREE_TEXT_CHARS), maxLength: MAX_FREE_TEXT_CHARS },
      metadata,
    );
    expect(view).toMatchObject({ type: "modal", callback_id: "pulse_comment", title: { text: "Komen anda" } });
    expect(length((view.title as Block).text)).toBeLessThanOrEqual(24);
    expect(String(view.private_metadata).length).toBeLessThanOrEqual(3_000);
    expect(commentMetadataSchema.parse(JSON.parse(String(view.private_metadata)))).toEqual(metadata);
    const input = (view.blocks as Block[])[0]!;
    expect(input.element).toMatchObject({ type: "plain_text_input", multiline: true, max_length: 2_000, initial_value: "y".repeat(2_000) });
  });
});

describe("answer block ids", () => {
  it("round-trip, and anything else is not ours", () => {
    const target = { questionId: "workload", locale: "en" as const, roundId: ROUND_ID, token: TOKEN };
    expect(parseAnswerBlockId(answerBlockId(target))).toEqual(target);
    expect(parseAnswerBlockId(`${answerBlockId(target)}/1`)).toEqual(target);
    for (const other of ["", "pulse_answer", `pulse_answer/workload/fr/${ROUND_ID}/${TOKEN}`, `pulse_answer/workload/en/round/${TOKEN}`, `pulse_admin/workload/en/${ROUND_ID}/${TOKEN}`, `${answerBlockId(target)}/x`]) {
      expect(parseAnswerBlockId(other)).toBeNull();
    }
  });
});
