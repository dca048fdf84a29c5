// The pulse survey DM and its comment form as Block Kit, within Slack's limits: 50 blocks a
// message, 3,000 characters a section, 25 elements an actions block, 75 characters a button or
// option label, 150 a header or an option value, 255 a block or action id, 2,000 a button value.
// The answer token rides in each question's block_id (options cannot hold it: 150 characters),
// with the round and the message's language; it is never stored on our side.
// Slack keeps the survey message (history, exports), so it never shows an answer: no chosen
// button is styled, no select has an initial option, no answer or comment is written under its
// question. What was chosen is confirmed in an ephemeral reply (`renderAnswerConfirmation`).
import { z } from "zod";
import type { Locale } from "../../core/i18n/locale.js";
import type { CommentForm, SurveyMessage, SurveyQuestionView } from "../../core/pulse/index.js";
import { escapeMrkdwn, MAX_HEADER_TEXT, MAX_SECTION_TEXT, type SlackBlock, type SlackMessage } from "./block-kit.js";

/** Every block action of the survey starts with this (the contract with the other pulse listeners). */
export const PULSE_ANSWER_PREFIX = "pulse_answer";
/** Action id of an answer button (`pulse_answer:<value>`) or select (`pulse_answer:select`). */
export const PULSE_ANSWER_ACTION = /^pulse_answer:/;
export const PULSE_SELECT_ACTION_ID = "pulse_answer:select";
/** The free-text question's button, which opens the comment form. */
export const PULSE_COMMENT_ACTION_ID = "pulse_answer_comment";
export const PULSE_COMMENT_CALLBACK_ID = "pulse_comment";
export const PULSE_COMMENT_BLOCK_ID = "pulse_comment_text";
export const PULSE_COMMENT_INPUT_ID = "text";

/** Choices shown as buttons up to this many; more become a select. */
export const MAX_CHOICE_BUTTONS = 5;
export const MAX_ACTION_ELEMENTS = 25;
const MAX_BUTTON_TEXT = 75;
const MAX_OPTION_VALUE = 150;
const MAX_MODAL_TITLE = 24;
const MAX_INPUT_LABEL = 2000;

/** Where an answer goes: what the survey message carries besides the question. */
export interface SurveyContext {
  roundId: string;
  token: string;
  locale: Locale;
}

export interface AnswerTarget extends SurveyContext {
  questionId: string;
}

const SEPARATOR = "/";
const segment = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/);
const blockIdSchema = z.tuple([
  z.literal(PULSE_ANSWER_PREFIX),
  segment,
  z.enum(["en", "ms"]),
  z.guid(),
  segment,
]);

/** `pulse_answer/<questionId>/<locale>/<roundId>/<token>`: at most ~170 characters. */
export function answerBlockId(target: AnswerTarget): string {
  return [PULSE_ANSWER_PREFIX, target.questionId, target.locale, target.roundId, target.token].join(SEPARATOR);
}

/** The target a block id names, or null when it is not one of ours (or was altered out of shape). */
export function parseAnswerBlockId(blockId: string): AnswerTarget | null {
  const parts = blockId.split(SEPARATOR);
  // A question's second row of buttons has "/<n>" after the token.
  if (parts.length === 6 && /^\d+$/.test(parts[5]!)) parts.pop();
  const parsed = blockIdSchema.safeParse(parts);
  if (!parsed.success) return null;
  const [, questionId, locale, roundId, token] = parsed.data;
  return { questionId, locale, roundId, token };
}

/** What the comment form carries to its submission (Slack-side only). */
export const commentMetadataSchema = z.object({
  roundId: z.guid(),
  token: z.string().min(1).max(100),
  questionId: segment,
  locale: z.enum(["en", "ms"]),
  /** The survey message to update once the comment is saved. */
  channel: z.string().min(1),
  ts: z.string().min(1),
});
export type CommentMetadata = z.infer<typeof commentMetadataSchema>;

function clip(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join("")}…`;
}

function plain(text: string, max: number): { type: "plain_text"; text: string; emoji: true } {
  return { type: "plain_text", text: clip(text, max), emoji: true };
}

function questionText(question: SurveyQuestionView): string {
  const lines = [`*${question.number}. ${escapeMrkdwn(question.prompt)}*`];
  if (question.hint) lines.push(`_${escapeMrkdwn(question.hint)}_`);
  if (question.answeredLine) lines.push(escapeMrkdwn(question.answeredLine));
  return clip(lines.join("\n"), MAX_SECTION_TEXT);
}

/** Every button alike, answered or not: a style would mark the chosen one in a message Slack keeps. */
function button(actionId: string, label: string, value: string): SlackBlock {
  return { type: "button", action_id: actionId, text: plain(label, MAX_BUTTON_TEXT), value };
}

/** The question's interactive elements, in actions blocks of at most 25 elements each. */
function questionActions(question: SurveyQuestionView, target: AnswerTarget): SlackBlock[] {
  const blockId = answerBlockId(target);
  let elements: SlackBlock[];
  if (question.kind === "free_text") {
    elements = [button(PULSE_COMMENT_ACTION_ID, question.commentLabel ?? "", "comment")];
  } else if (question.kind === "single_choice" && question.options.length > MAX_CHOICE_BUTTONS) {
    const options = question.options.map((option) => ({ text: plain(option.label, MAX_BUTTON_TEXT), value: option.value.slice(0, MAX_OPTION_VALUE) }));
    // No initial_option: the select shows its placeholder whatever was picked.
    elements = [{ type: "static_select", action_id: PULSE_SELECT_ACTION_ID, placeholder: plain(question.placeholder, MAX_BUTTON_TEXT), options }];
  } else {
    elements = question.options.map((option) => button(`${PULSE_ANSWER_PREFIX}:${option.value}`, option.label, option.value));
  }
  const blocks: SlackBlock[] = [];
  for (let start = 0, part = 0; start < elements.length; start += MAX_ACTION_ELEMENTS, part++) {
    // Block ids are unique in a message; a second row of the same question gets a suffix.
    blocks.push({ type: "actions", block_id: part === 0 ? blockId : `${blockId}${SEPARATOR}${part}`, elements: elements.slice(start, start + MAX_ACTION_ELEMENTS) });
  }
  return blocks;
}

/** The survey DM: header, anonymity notice, each question (with its buttons while open), status. */
export function renderSurveyMessage(message: SurveyMessage, context: SurveyContext): SlackMessage {
  const open = message.state !== "closed";
  const blocks: SlackBlock[] = [
    { type: "header", text: plain(message.title, MAX_HEADER_TEXT) },
    { type: "section", text: { type: "mrkdwn", text: clip(message.notice, MAX_SECTION_TEXT) } },
    { type: "divider" },
  ];
  for (const question of message.questions) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: questionText(question) } });
    if (open) blocks.push(...questionActions(question, { ...context, questionId: question.id }));
  }
  blocks.push({ type: "divider" }, { type: "context", elements: [{ type: "mrkdwn", text: clip(message.status, MAX_SECTION_TEXT) }] });
  return { text: `${message.summary} ${message.status.replace(/\*/g, "")}`, blocks };
}

/**
 * The private confirmation of an answer (`SurveyMessage.confirmations`), sent only as an
 * ephemeral — through the click's response_url with `response_type: "ephemeral"` and
 * `replace_original: false`, or `chat.postEphemeral` — which Slack does not keep in the
 * conversation's history.
 */
export function renderAnswerConfirmation(confirmation: string): SlackMessage {
  const text = clip(escapeMrkdwn(confirmation), MAX_SECTION_TEXT);
  return { text: text.replace(/\*/g, ""), blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** The comment form, as `views.open` takes it. */
export function renderCommentModal(form: CommentForm, metadata: CommentMetadata): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: PULSE_COMMENT_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: plain(form.title, MAX_MODAL_TITLE),
    submit: plain(form.submit, MAX_MODAL_TITLE),
    close: plain(form.cancel, MAX_MODAL_TITLE),
    blocks: [
      {
        type: "input",
        block_id: PULSE_COMMENT_BLOCK_ID,
        label: plain(form.label, MAX_INPUT_LABEL),
        hint: plain(form.hint, MAX_INPUT_LABEL),
        element: {
          type: "plain_text_input",
          action_id: PULSE_COMMENT_INPUT_ID,
          multiline: true,
          max_length: form.maxLength,
          ...(form.current !== null ? { initial_value: form.current } : {}),
        },
      },
    ],
  };
}
