// Small factories for pulse-survey answering tests: a survey, an open (or closed) round and its
// recipients written straight to the database, invitations enqueued as `pulse_invite`
// deliveries, and helpers that answer from the DM message the Slack stand-in holds.
import { validateSurvey, type SurveyDefinition } from "../../src/core/pulse/index.js";
import type { Database } from "../../src/db/database.js";
import { enqueueDeliveries } from "../../src/db/repositories/deliveries.js";
import type { InteractionOutcome, SlackStandIn, StandInEphemeral, StandInResponsePost } from "../../src/slack-stand-in/index.js";

/** Five questions, one of each way of answering: 0-10 buttons, 1-5 buttons, 3 choice buttons, a 6-option select, a comment. */
export const ANSWERING_SURVEY: SurveyDefinition = validateSurvey({
  title: { en: "Team pulse", ms: "Pulse pasukan" },
  defaultLocale: "en",
  questions: [
    { id: "enps", kind: "enps", prompt: { en: "How likely are you to recommend working here to a friend?", ms: "Sejauh manakah anda akan mengesyorkan tempat kerja ini kepada rakan?" } },
    { id: "workload", kind: "agreement", prompt: { en: "My workload is manageable.", ms: "Beban kerja saya boleh diurus." } },
    {
      id: "mood",
      kind: "single_choice",
      prompt: { en: "How was your week?", ms: "Bagaimana minggu anda?" },
      choices: [
        { id: "good", label: { en: "Good", ms: "Baik" } },
        { id: "mixed", label: { en: "Mixed", ms: "Bercampur" } },
        { id: "hard", label: { en: "Hard", ms: "Sukar" } },
      ],
    },
    {
      id: "tool",
      kind: "single_choice",
      prompt: { en: "Which tool slows you down most?", ms: "Alat manakah paling melambatkan anda?" },
      choices: [
        { id: "crm", label: { en: "CRM", ms: "CRM" } },
        { id: "quotes", label: { en: "Quoting", ms: "Sebut harga" } },
        { id: "email", label: { en: "E-mail", ms: "E-mel" } },
        { id: "calendar", label: { en: "Calendar", ms: "Kalendar" } },
        { id: "reports", label: { en: "Reports", ms: "Laporan" } },
        { id: "none", label: { en: "None", ms: "Tiada" } },
      ],
    },
    { id: "comment", kind: "free_text", optional: true, prompt: { en: "Anything else?", ms: "Ada apa-apa lagi?" } },
  ],
});

export interface PulseRoundInput {
  tenantId: string;
  ownerId: string;
  definition?: SurveyDefinition;
  /** Survey name, unique in the tenant. */
  name: string;
  opensOn: string;
  firstSendAt: Date;
  closesAt: Date;
  status?: "open" | "closed";
  closedAt?: Date;
  threshold?: number;
  commentThreshold?: number;
  recipients: Array<{ employeeId: string; timeZone: string }>;
}

/** A survey with one round and its recipients; returns their ids. */
export async function createAnswerableRound(db: Database, input: PulseRoundInput): Promise<{ surveyId: string; roundId: string }> {
  const definition = (input.definition ?? ANSWERING_SURVEY) as object;
  const survey = await db.prisma.pulseSurvey.create({
    data: {
      tenantId: input.tenantId,
      name: input.name,
      definition,
      ownerId: input.ownerId,
      audience: { kind: "everyone" },
      cron: "0 10 * * 2",
      timeZone: "Asia/Kuala_Lumpur",
    },
    select: { id: true },
  });
  const round = await db.prisma.pulseRound.create({
    data: {
      tenantId: input.tenantId,
      surveyId: survey.id,
      number: 1,
      definition,
      opensOn: new Date(`${input.opensOn}T00:00:00.000Z`),
      firstSendAt: input.firstSendAt,
      lastSendAt: input.firstSendAt,
      closesAt: input.closesAt,
      status: input.status ?? "open",
      closedAt: input.closedAt ?? null,
      invited: input.recipients.length,
      threshold: input.threshold ?? 5,
      commentThreshold: input.commentThreshold ?? 5,
    },
    select: { id: true },
  });
  await db.prisma.pulseRecipient.createMany({
    data: input.recipients.map((recipient) => ({
      roundId: round.id,
      employeeId: recipient.employeeId,
      tenantId: input.tenantId,
      timeZone: recipient.timeZone,
      sendAt: input.firstSendAt,
    })),
  });
  return { surveyId: survey.id, roundId: round.id };
}

/** Enqueues the round's invitation to each person, as the round planner does. */
export async function enqueueInvites(
  db: Database,
  tenantId: string,
  roundId: string,
  people: Array<{ employeeId: string; slackUserId: string; locale: "en" | "ms" }>,
): Promise<number> {
  return enqueueDeliveries(
    db.prisma,
    people.map((person) => ({
      tenantId,
      kind: "pulse_invite",
      idempotencyKey: `pulse_invite:${roundId}:${person.employeeId}`,
      recipient: person.slackUserId,
      payload: { roundId, locale: person.locale },
    })),
  );
}

/** What answering has stored: sealed responses, counts in the tallies (response counts aside) and comments. */
export async function countAnswerRows(db: Database): Promise<{ responses: number; counted: number; answers: number; comments: number }> {
  const [responses, tallies, comments] = await Promise.all([
    db.prisma.pulseResponse.count(),
    db.prisma.pulseTally.findMany({ select: { questionId: true, count: true } }),
    db.prisma.pulseComment.count(),
  ]);
  const sum = (rows: typeof tallies) => rows.reduce((total, row) => total + row.count, 0);
  return { responses, counted: sum(tallies.filter((row) => row.questionId === "")), answers: sum(tallies.filter((row) => row.questionId !== "")), comments };
}

/** The tallies of a round as `question:team:band:value` → count. */
export async function talliesOf(db: Database, roundId: string): Promise<Record<string, number>> {
  const rows = await db.prisma.pulseTally.findMany({ where: { roundId }, orderBy: [{ questionId: "asc" }, { teamKey: "asc" }, { bandKey: "asc" }, { value: "asc" }] });
  return Object.fromEntries(rows.map((row) => [`${row.questionId}:${row.teamKey}:${row.bandKey}:${row.value}`, row.count]));
}

type Block = Record<string, unknown>;

/** The latest message in the bot's DM with `userId` that has rows of buttons, with its channel. */
export function surveyMessageOf(standIn: SlackStandIn, userId: string): { channel: string; ts: string; blocks: Block[]; editedTs?: string } {
  const channel = standIn.workspace.dmChannelFor(userId);
  const messages = channel ? standIn.workspace.messages(channel) : [];
  const message = [...messages].reverse().find((candidate) => (candidate.blocks ?? []).some((block) => (block as Block)["type"] === "actions"));
  if (!channel || !message) throw new Error(`no survey message in the DM of ${userId}`);
  return { channel, ts: message.ts, blocks: (message.blocks ?? []) as Block[], ...(message.editedTs !== undefined ? { editedTs: message.editedTs } : {}) };
}

/**
 * Every message of a conversation as a holder of the bot's token reads it: `conversations.history`
 * through the stand-in's Web API over HTTP, page after page (what a workspace export holds too).
 */
export async function conversationHistory(standIn: SlackStandIn, channel: string): Promise<Array<Record<string, unknown>>> {
  const messages: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  do {
    const response = await fetch(new URL("conversations.history", standIn.url), {
      method: "POST",
      headers: { authorization: `Bearer ${standIn.botToken}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ channel, limit: "200", ...(cursor ? { cursor } : {}) }),
    });
    const page = (await response.json()) as { ok: boolean; error?: string; messages?: Array<Record<string, unknown>>; response_metadata?: { next_cursor?: string } };
    if (!page.ok) throw new Error(`conversations.history refused: ${page.error ?? "?"}`);
    messages.push(...(page.messages ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return messages;
}

/** The rows of buttons of a message, in order (a survey's question n is row n). */
export function actionRows(blocks: readonly Block[]): Block[] {
  return blocks.filter((block) => block["type"] === "actions");
}

/** Which element of question `row` (1-based) to use for `answer`: a button by value, or a select option by value. */
export function elementFor(blocks: readonly Block[], row: number, answer: string): { blockId: string; actionId: string; selectedValue?: string } {
  const block = actionRows(blocks)[row - 1];
  if (!block) throw new Error(`no row ${row}`);
  for (const element of block["elements"] as Block[]) {
    if (element["type"] === "button" && (element["value"] === answer || answer === "comment")) {
      return { blockId: String(block["block_id"]), actionId: String(element["action_id"]) };
    }
    if (element["type"] === "static_select") return { blockId: String(block["block_id"]), actionId: String(element["action_id"]), selectedValue: answer };
  }
  throw new Error(`row ${row} has no ${answer}`);
}

/** Resolves with the first `count` posts the app makes to a click's response_url. */
export async function repliesTo(standIn: SlackStandIn, outcome: InteractionOutcome, count: number, timeoutMs = 15_000): Promise<StandInResponsePost[]> {
  const id = outcome.responseUrlId;
  if (id === undefined) throw new Error("the interaction minted no response_url");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const posts = standIn.workspace.responses(id);
    if (posts.length >= count) return posts.slice(0, count);
    if (Date.now() > deadline) throw new Error(`${posts.length} of ${count} replies on response_url ${id} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves with the first post the app makes to a click's response_url. */
export async function replyTo(standIn: SlackStandIn, outcome: InteractionOutcome, timeoutMs = 15_000): Promise<StandInResponsePost> {
  return (await repliesTo(standIn, outcome, 1, timeoutMs))[0]!;
}

/**
 * An answer's two replies on its response_url: the survey message replaced (progress only) and
 * then the answer confirmed in an ephemeral. Fails if the first is not a replacement (a refusal).
 */
export async function answerReplies(standIn: SlackStandIn, outcome: InteractionOutcome): Promise<{ update: StandInResponsePost; confirmation: StandInResponsePost }> {
  const first = await replyTo(standIn, outcome);
  if (first.body["replace_original"] !== true) throw new Error(`the answer was refused: ${String(first.body["text"])}`);
  const [update, confirmation] = await repliesTo(standIn, outcome, 2);
  return { update: update!, confirmation: confirmation! };
}

/** Text as Slack's mrkdwn carries it: & < > escaped. */
export function asMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Waits until `check` holds (polling every 10 ms), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Clicks `answer` on question `row` of the survey in `userId`'s DM; resolves with the message's replacement once the answer is confirmed too. */
export async function answerInDm(standIn: SlackStandIn, userId: string, row: number, answer: string): Promise<StandInResponsePost> {
  const message = surveyMessageOf(standIn, userId);
  const outcome = await standIn.click({ user: userId, channel: message.channel, ts: message.ts, ...elementFor(message.blocks, row, answer) });
  if (outcome.status !== 200) throw new Error(`the click was acknowledged with HTTP ${outcome.status}`);
  return (await answerReplies(standIn, outcome)).update;
}

/**
 * Opens the comment form of question `row` in `userId`'s DM and submits `text`; resolves with the
 * private confirmation quoting it, once the survey message has been updated too.
 */
export async function commentInDm(standIn: SlackStandIn, userId: string, row: number, text: string): Promise<StandInEphemeral> {
  const message = surveyMessageOf(standIn, userId);
  const editedBefore = message.editedTs;
  const open = new Set(standIn.workspace.views(userId).map((view) => view.id));
  await standIn.click({ user: userId, channel: message.channel, ts: message.ts, ...elementFor(message.blocks, row, "comment") });
  const view = await eventually(() => standIn.workspace.views(userId).find((candidate) => !open.has(candidate.id)), "the comment form");
  const before = standIn.workspace.ephemerals(userId).length;
  await standIn.submitView({ user: userId, viewId: view.id, values: { pulse_comment_text: { text } } });
  const quoted = asMrkdwn([...text].slice(0, 20).join(""));
  const confirmation = await eventually(
    () => standIn.workspace.ephemerals(userId).slice(before).find((ephemeral) => ephemeral.text.includes(quoted)),
    "the private confirmation of the comment",
  );
  const now = standIn.workspace.messages(message.channel).find((candidate) => candidate.ts === message.ts);
  if (now?.editedTs === undefined || now.editedTs === editedBefore) throw new Error("the comment was confirmed but the survey message was not updated");
  return confirmation;
}
