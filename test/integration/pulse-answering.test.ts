// Answering a pulse survey in its DM, end to end on both backends: invitations sent by the real
// delivery worker (kind pulse_invite), clicks and the comment form sent by the Slack stand-in as
// signed interactive payloads to Bolt's HTTP receiver, answers stored anonymously, the message
// updated in place with progress only (Slack keeps it), each answer confirmed in an ephemeral
// reply (which Slack does not keep), and every kind of bad input refused privately with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseResponse } from "../../src/core/pulse/index.js";
import { createPulseTokens } from "../../src/security/pulse-tokens.js";
import { buildBlockActionsPayload, postInteraction, type StandInResponsePost } from "../../src/slack-stand-in/index.js";
import { answerBlockId } from "../../src/slack/render/pulse-survey.js";
import { backends } from "../support/databases.js";
import {
  actionRows,
  answerReplies,
  asMrkdwn,
  conversationHistory,
  countAnswerRows,
  createAnswerableRound,
  talliesOf,
  elementFor,
  enqueueInvites,
  eventually,
  replyTo,
  surveyMessageOf,
} from "../support/pulse-answering.js";
import { startBotUnderTest, TEST_PULSE_TOKEN_SECRET, TEST_SIGNING_SECRET, type BotUnderTest } from "../support/slack-bot.js";

const TODAY = "2026-12-01";
// Tuesday 1 Dec 2026, 02:00 UTC = 10:00 in Kuala Lumpur (UTC+8), 02:00 in London (GMT).
const NOW = new Date("2026-12-01T02:00:00.000Z");
// Friday 4 Dec 2026, 09:00 UTC = 17:00 in Kuala Lumpur, 09:00 in London.
const CLOSES_AT = new Date("2026-12-04T09:00:00.000Z");
const DOMAIN = "demo.salesops.test";
const WEIMING = `weiming.tan@${DOMAIN}`; // rep, APAC, Kuala Lumpur, English
const OLIVER = `oliver.bennett@${DOMAIN}`; // rep, EMEA, London, English
const AHMAD = `ahmad.faizal@${DOMAIN}`; // rep, APAC, Kuala Lumpur, Malay
const KEVIN = `kevin.tan@${DOMAIN}`; // admin, no team
const HARRY = `harry.patel@${DOMAIN}`; // rep, EMEA — not invited

type Block = Record<string, unknown>;

function textOf(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    const text = (block.text as { text?: string } | undefined)?.text;
    if (text) parts.push(text);
    for (const element of (block.elements as Block[] | undefined) ?? []) {
      const inner = (element.text as { text?: string } | string | undefined) ?? undefined;
      if (typeof inner === "string") parts.push(inner);
      else if (inner?.text) parts.push(inner.text);
    }
  }
  return parts.join("\n");
}

function buttonOf(blocks: readonly Block[], row: number, value: string): Block {
  const element = (actionRows(blocks)[row - 1]!.elements as Block[]).find((candidate) => candidate.value === value);
  if (!element) throw new Error(`row ${row} has no button ${value}`);
  return element;
}

for (const kind of backends) {
  describe(`answering a pulse survey in its DM [${kind}]`, () => {
    let bot: BotUnderTest;
    let now = NOW;
    let roundId: string;
    const people = new Map<string, { employeeId: string; slackUserId: string; teamId: string | null }>();

    async function person(email: string) {
      const row = await bot.testDatabase.db.prisma.employee.findFirstOrThrow({
        where: { tenantId: bot.tenantId, email },
        select: { id: true, slackUserId: true, teamId: true, timeZone: true, locale: true },
      });
      const found = { employeeId: row.id, slackUserId: row.slackUserId!, teamId: row.teamId, timeZone: row.timeZone, locale: row.locale as "en" | "ms" };
      people.set(email, found);
      return found;
    }

    /** The person's response, opened with the token in their own DM, as only they can. */
    async function responseOf(email: string) {
      const user = people.get(email)!.slackUserId;
      const token = String(actionRows(surveyMessageOf(bot.standIn, user).blocks)[0]!.block_id).split("/")[4]!;
      const verified = createPulseTokens(TEST_PULSE_TOKEN_SECRET).verify(roundId, token, user)!;
      const row = await bot.testDatabase.db.prisma.pulseResponse.findUnique({ where: { tokenHash: verified.tokenHash }, select: { sealed: true } });
      return row ? parseResponse(verified.open(row.sealed)!) : null;
    }

    /** Every stored row answering wrote (sealed responses, tallies, comments), to compare before and after. */
    async function storedRows() {
      const prisma = bot.testDatabase.db.prisma;
      return {
        responses: (await prisma.pulseResponse.findMany({ select: { tokenHash: true, sealed: true }, orderBy: { tokenHash: "asc" } })).map((row) => [row.tokenHash, Buffer.from(row.sealed).toString("hex")]),
        tallies: await prisma.pulseTally.findMany({ orderBy: [{ questionId: "asc" }, { teamKey: "asc" }, { bandKey: "asc" }, { value: "asc" }] }),
        comments: await prisma.pulseComment.findMany({ orderBy: { id: "asc" } }),
      };
    }

    async function answered(email: string, round = roundId): Promise<boolean> {
      const row = await bot.testDatabase.db.prisma.pulseRecipient.findUniqueOrThrow({
        where: { roundId_employeeId: { roundId: round, employeeId: people.get(email)!.employeeId } },
        select: { answered: true },
      });
      return row.answered;
    }

    /** Clicks question `row`'s `answer` in the person's survey DM; resolves with what the app posted back. */
    async function click(email: string, row: number, answer: string): Promise<StandInResponsePost> {
      const user = people.get(email)!.slackUserId;
      const message = surveyMessageOf(bot.standIn, user);
      const outcome = await bot.standIn.click({ user, channel: message.channel, ts: message.ts, ...elementFor(message.blocks, row, answer) });
      expect(outcome.status).toBe(200);
      return replyTo(bot.standIn, outcome);
    }

    /** Answers question `row` with `answer`: the message's replacement, then the private confirmation. */
    async function answer(email: string, row: number, value: string) {
      const user = people.get(email)!.slackUserId;
      const message = surveyMessageOf(bot.standIn, user);
      const outcome = await bot.standIn.click({ user, channel: message.channel, ts: message.ts, ...elementFor(message.blocks, row, value) });
      expect(outcome.status).toBe(200);
      const replies = await answerReplies(bot.standIn, outcome);
      expect(replies.update.body.replace_original).toBe(true);
      // The confirmation is an ephemeral beside the message, which it leaves as it is.
      expect(replies.confirmation.body.response_type).toBe("ephemeral");
      expect(replies.confirmation.body.replace_original).toBe(false);
      return { blocks: replies.update.body.blocks as Block[], confirmation: String(replies.confirmation.body.text), confirmationBlocks: replies.confirmation.body.blocks as Block[] };
    }

    /** The survey message as it was first sent to each person, to compare with what it becomes. */
    const invitations = new Map<string, Block[]>();

    /** Sends a click payload altered by `tamper`, signed like Slack's; resolves with the app's reply. */
    async function tamperedClick(email: string, row: number, answer: string, tamper: (payload: Record<string, unknown>, action: Record<string, unknown>) => void, asUser?: string) {
      const user = people.get(email)!.slackUserId;
      const message = surveyMessageOf(bot.standIn, user);
      const workspace = bot.standIn.workspace as unknown as Parameters<typeof buildBlockActionsPayload>[0];
      const built = buildBlockActionsPayload(workspace, { user: asUser ?? user, channel: message.channel, ts: message.ts, ...elementFor(message.blocks, row, answer) });
      tamper(built.payload, (built.payload.actions as Array<Record<string, unknown>>)[0]!);
      const acknowledged = await postInteraction({ eventsUrl: `${bot.app.url}/slack/events`, signingSecret: TEST_SIGNING_SECRET }, built.payload);
      expect(acknowledged.status).toBe(200);
      return replyTo(bot.standIn, { ...acknowledged, responseUrlId: built.responseUrlId });
    }

    function expectRefusal(post: StandInResponsePost, text: RegExp): void {
      expect(post.body.response_type).toBe("ephemeral");
      expect(post.body.replace_original).toBe(false);
      expect(String(post.body.text)).toMatch(text);
    }

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock: { now: () => now } });
      const db = bot.testDatabase.db;
      const invited = await Promise.all([WEIMING, OLIVER, AHMAD, KEVIN].map(person));
      await person(HARRY);
      ({ roundId } = await createAnswerableRound(db, {
        tenantId: bot.tenantId,
        ownerId: people.get(KEVIN)!.employeeId,
        name: "Team pulse",
        opensOn: TODAY,
        firstSendAt: NOW,
        closesAt: CLOSES_AT,
        recipients: invited.map((p) => ({ employeeId: p.employeeId, timeZone: p.timeZone })),
      }));
      expect(await enqueueInvites(db, bot.tenantId, roundId, invited)).toBe(4);
      await bot.app.jobs!.drain();
      for (const email of [WEIMING, OLIVER, AHMAD, KEVIN]) invitations.set(email, structuredClone(surveyMessageOf(bot.standIn, people.get(email)!.slackUserId).blocks));
    }, 120_000);

    afterAll(async () => {
      await bot?.close();
    });

    it("sends each person the survey: anonymity notice first, a row per question, nothing answered, no token kept", async () => {
      const message = surveyMessageOf(bot.standIn, people.get(WEIMING)!.slackUserId);
      expect(message.blocks[0]).toMatchObject({ type: "header", text: { text: "Team pulse" } });
      expect((message.blocks[1]!.text as { text: string }).text).toMatch(/^\*Your answers are anonymous\.\* .*by team and quota-attainment band/);
      const rows = actionRows(message.blocks);
      expect(rows.map((row) => (row.elements as Block[]).length)).toEqual([11, 5, 3, 1, 1]);
      expect((rows[0]!.elements as Block[]).map((button) => button.value)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
      expect((rows[3]!.elements as Block[])[0]).toMatchObject({ type: "static_select" });
      expect(textOf(message.blocks)).toContain("0 of 5 questions answered");
      // The Malay speaker's copy is in Malay.
      const malay = surveyMessageOf(bot.standIn, people.get(AHMAD)!.slackUserId);
      expect(textOf(malay.blocks)).toContain("*Jawapan anda tanpa nama.*");
      expect(textOf(malay.blocks)).toContain("0 daripada 5 soalan dijawab");
      // The token exists only in the message: not in the delivery rows.
      const token = String(rows[0]!.block_id).split("/")[4]!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
      const deliveries = await bot.testDatabase.db.prisma.delivery.findMany({ where: { kind: "pulse_invite" }, select: { payload: true, status: true } });
      expect(deliveries.map((row) => row.status)).toEqual(["sent", "sent", "sent", "sent"]);
      expect(JSON.stringify(deliveries)).not.toContain(token.split(".")[0]);
      expect(await countAnswerRows(bot.testDatabase.db)).toEqual({ responses: 0, counted: 0, answers: 0, comments: 0 });
    });

    it("takes an eNPS answer: the message shows question 1 answered and the progress, never the 7, which is confirmed privately", async () => {
      const { blocks, confirmation, confirmationBlocks } = await answer(WEIMING, 1, "7");
      expect(textOf(blocks)).toContain("*1. How likely are you to recommend working here to a friend?*\n_0 = not at all likely · 10 = extremely likely_\n✓ Answered");
      expect(textOf(blocks)).toContain("1 of 5 questions answered");
      // Every button as it was sent, none styled: nothing in the message says which was clicked.
      expect(actionRows(blocks)).toEqual(actionRows(invitations.get(WEIMING)!));
      expect(buttonOf(blocks, 1, "7").style).toBeUndefined();
      expect(textOf(blocks)).not.toMatch(/Your answer:/);
      // The person is told what they chose, in a reply only they see.
      expect(confirmation).toMatch(/^✓ Saved — your answer to 1\. How likely are you to recommend working here to a friend\?: 7\nOnly you can see this reply/);
      expect(textOf(confirmationBlocks)).toContain("*1. How likely are you to recommend working here to a friend?*: *7*");
      // The stored message itself reads so, and the confirmation is not in the conversation.
      const user = people.get(WEIMING)!.slackUserId;
      const stored = surveyMessageOf(bot.standIn, user);
      expect(stored.blocks).toEqual(blocks);
      expect(bot.standIn.workspace.ephemerals(user).at(-1)).toMatchObject({ channel: stored.channel, via: "response_url" });
      expect(bot.standIn.workspace.messages(stored.channel).map((message) => message.ts)).toEqual([stored.ts]);
      // Sealed with her token: her answer and team are in it; a partial response is in no count yet.
      expect(await responseOf(WEIMING)).toMatchObject({ answers: [{ questionId: "enps", score: 7, choiceId: null, text: null }], teamId: people.get(WEIMING)!.teamId, counted: false });
      expect(await countAnswerRows(bot.testDatabase.db)).toEqual({ responses: 1, counted: 0, answers: 0, comments: 0 });
      expect(await answered(WEIMING)).toBe(false);
    });

    it("lets the answer change until the close: the latest counts", async () => {
      const before = surveyMessageOf(bot.standIn, people.get(WEIMING)!.slackUserId).blocks;
      const { blocks, confirmation } = await answer(WEIMING, 1, "9");
      expect(confirmation).toMatch(/: 9\n/);
      // A changed answer leaves the message as it read: question 1 answered, 1 of 5.
      expect(blocks).toEqual(before);
      expect((await responseOf(WEIMING))!.answers).toEqual([{ questionId: "enps", score: 9, choiceId: null, text: null }]);
      expect(await countAnswerRows(bot.testDatabase.db)).toEqual({ responses: 1, counted: 0, answers: 0, comments: 0 });
    });

    it("takes the agreement scale, choice buttons and the select, and marks the person answered only once complete", async () => {
      let replies = await answer(WEIMING, 2, "4");
      expect(replies.confirmation).toMatch(/^✓ Saved — your answer to 2\. My workload is manageable\.: 4 · Agree\n/);
      replies = await answer(WEIMING, 3, "mixed");
      expect(replies.confirmation).toMatch(/^✓ Saved — your answer to 3\. How was your week\?: Mixed\n/);
      expect(textOf(replies.blocks)).toContain("3 of 5 questions answered");
      expect(await answered(WEIMING)).toBe(false);
      replies = await answer(WEIMING, 4, "quotes");
      const blocks = replies.blocks;
      expect(replies.confirmation).toMatch(/^✓ Saved — your answer to 4\. Which tool slows you down most\?: Quoting\n/);
      // The select shows its placeholder, not the option picked.
      expect((actionRows(blocks)[3]!.elements as Block[])[0]).not.toHaveProperty("initial_option");
      expect(actionRows(blocks)).toEqual(actionRows(invitations.get(WEIMING)!));
      // Every required question answered; the comment is optional. Closes Fri 17:00 in Kuala Lumpur.
      expect(textOf(blocks)).toContain("*Complete — thank you!* (4 of 5 questions answered; the rest are optional.) You can change your answers until Fri, 4 Dec 2026, 17:00 MYT.");
      expect(await answered(WEIMING)).toBe(true);
      const response = (await responseOf(WEIMING))!;
      expect(response.counted).toBe(true);
      expect(["below 50 %", "50–80 %", "80–100 %", "100 %+"]).toContain(response.band);
      // Complete: she and her four answers are in the counts, by her team and band.
      expect(await countAnswerRows(bot.testDatabase.db)).toEqual({ responses: 1, counted: 1, answers: 4, comments: 0 });
      expect(await talliesOf(bot.testDatabase.db, roundId)).toEqual({
        [`:${response.teamId}:${response.band}:`]: 1,
        [`enps:${response.teamId}:${response.band}:9`]: 1,
        [`mood:${response.teamId}:${response.band}:mixed`]: 1,
        [`tool:${response.teamId}:${response.band}:quotes`]: 1,
        [`workload:${response.teamId}:${response.band}:4`]: 1,
      });
      expect(await answered(OLIVER)).toBe(false);
    });

    it("opens the comment form from its button, stores the comment and updates the message in place", async () => {
      const user = people.get(WEIMING)!.slackUserId;
      const before = surveyMessageOf(bot.standIn, user);
      const outcome = await bot.standIn.click({ user, channel: before.channel, ts: before.ts, ...elementFor(before.blocks, 5, "comment") });
      expect(outcome.status).toBe(200);
      const view = await eventually(() => bot.standIn.workspace.views(user).find((candidate) => candidate.callbackId === "pulse_comment" && candidate.closedAt === undefined), "the comment form");
      expect(view.payload.title).toMatchObject({ text: "Your comment" });
      expect(JSON.stringify(view.payload.blocks)).toContain("Anything else?");
      expect(JSON.stringify(view.payload.blocks)).not.toContain("initial_value");
      const submitted = await bot.standIn.submitView({ user, viewId: view.id, values: { pulse_comment_text: { text: "More time for  <demos> & coaching, please." } } });
      expect(submitted.status).toBe(200);
      const updated = await eventually(() => {
        const message = surveyMessageOf(bot.standIn, user);
        return textOf(message.blocks).includes("*Complete — thank you!* You can change your answers") ? message : undefined;
      }, "the updated survey message");
      expect(textOf(updated.blocks)).toContain("*Complete — thank you!* You can change your answers until Fri, 4 Dec 2026, 17:00 MYT.");
      // The message says a comment was written, never what it says.
      expect(textOf(updated.blocks)).toContain("*5. Anything else?*\n_optional_\n✓ Answered");
      expect(textOf(updated.blocks)).toContain("Edit your comment");
      expect(JSON.stringify(updated.blocks)).not.toContain("demos");
      // The comment is confirmed to her alone (chat.postEphemeral), Slack's control characters escaped; it is stored as typed.
      const confirmation = await eventually(() => bot.standIn.workspace.ephemerals(user).find((ephemeral) => ephemeral.via === "chat.postEphemeral"), "the private confirmation");
      expect(confirmation.channel).toBe(updated.channel);
      expect(confirmation.text).toBe(
        "✓ Saved — your comment on 5. Anything else?: “More time for  &lt;demos&gt; &amp; coaching, please.”\nOnly you can see this reply, and Slack does not keep it. The survey message shows which questions you have answered, never your answers.",
      );
      expect(bot.standIn.workspace.views(user).find((candidate) => candidate.id === view.id)?.closedAt).toBeDefined();
      const comment = await bot.testDatabase.db.prisma.pulseComment.findFirstOrThrow({ where: { questionId: "comment" }, select: { text: true, teamKey: true } });
      expect(comment).toEqual({ text: "More time for  <demos> & coaching, please.", teamKey: people.get(WEIMING)!.teamId });
      // The form opens again with the comment so far, to edit it.
      const again = surveyMessageOf(bot.standIn, user);
      await bot.standIn.click({ user, channel: again.channel, ts: again.ts, ...elementFor(again.blocks, 5, "comment") });
      const second = await eventually(() => bot.standIn.workspace.views(user).find((candidate) => candidate.id !== view.id && candidate.closedAt === undefined), "the second form");
      expect(JSON.stringify(second.payload.blocks)).toContain('"initial_value":"More time for  <demos> & coaching, please."');
      expect(await countAnswerRows(bot.testDatabase.db)).toEqual({ responses: 1, counted: 1, answers: 4, comments: 1 });
    });

    it("keeps progress between sittings: a later click shows every earlier question answered, in Malay", async () => {
      let replies = await answer(AHMAD, 1, "8");
      expect(textOf(replies.blocks)).toContain("1 daripada 5 soalan dijawab");
      expect(replies.confirmation).toMatch(/^✓ Disimpan — jawapan anda untuk 1\. Sejauh manakah anda akan mengesyorkan tempat kerja ini kepada rakan\?: 8\nHanya anda yang dapat melihat balasan ini/);
      now = new Date("2026-12-02T06:00:00.000Z"); // the next day, 14:00 in Kuala Lumpur
      try {
        replies = await answer(AHMAD, 2, "2");
        const text = textOf(replies.blocks);
        expect(text.match(/✓ Sudah dijawab/g)).toHaveLength(2);
        expect(text).toContain("2 daripada 5 soalan dijawab");
        expect(text).not.toMatch(/Jawapan anda:|Answered/);
        expect(replies.confirmation).toMatch(/: 2 · Tidak setuju\n/);
      } finally {
        now = NOW;
      }
      expect((await responseOf(AHMAD))!.answers.map((answer) => [answer.questionId, answer.score])).toEqual([["enps", 8], ["workload", 2]]);
    });

    it("stores one response and one answer for a double click", async () => {
      const before = await countAnswerRows(bot.testDatabase.db);
      const [first, second] = await Promise.all([click(OLIVER, 1, "10"), click(OLIVER, 1, "10")]);
      expect(first.body.replace_original).toBe(true);
      expect(second.body.replace_original).toBe(true);
      expect(await countAnswerRows(bot.testDatabase.db)).toEqual({ ...before, responses: before.responses + 1 });
      expect((await responseOf(OLIVER))!.answers).toEqual([{ questionId: "enps", score: 10, choiceId: null, text: null }]);
    });

    it("keeps none of a person's answers, nor their comment, in what Slack stores of their DM; each is confirmed to them ephemerally (issue 10, defect 3)", async () => {
      // Oliver answers every question (the eNPS one again: 3) and writes a comment.
      const user = people.get(OLIVER)!.slackUserId;
      const chosen = [
        { row: 1, value: "3", shown: null },
        { row: 2, value: "2", shown: "2 · Disagree" },
        { row: 3, value: "hard", shown: "Hard" },
        { row: 4, value: "calendar", shown: "Calendar" },
      ];
      const confirmations: string[] = [];
      for (const { row, value } of chosen) confirmations.push((await answer(OLIVER, row, value)).confirmation);
      const comment = "Quarterly targets feel out of reach <this> quarter & next";
      const message = surveyMessageOf(bot.standIn, user);
      const ephemeralsBefore = bot.standIn.workspace.ephemerals(user).length;
      await bot.standIn.click({ user, channel: message.channel, ts: message.ts, ...elementFor(message.blocks, 5, "comment") });
      const view = await eventually(() => bot.standIn.workspace.views(user).find((candidate) => candidate.callbackId === "pulse_comment" && candidate.closedAt === undefined), "the comment form");
      await bot.standIn.submitView({ user, viewId: view.id, values: { pulse_comment_text: { text: comment } } });
      const commentConfirmation = await eventually(() => bot.standIn.workspace.ephemerals(user).slice(ephemeralsBefore)[0], "the comment's confirmation");
      expect((await responseOf(OLIVER))!.answers.map((stored) => stored.score ?? stored.choiceId ?? stored.text)).toEqual([3, 2, "hard", "calendar", comment]);

      // What the bot's token reads back: the DM found by the invitation delivery's channel and ts.
      const delivery = await bot.testDatabase.db.prisma.delivery.findFirstOrThrow({
        where: { idempotencyKey: `pulse_invite:${roundId}:${people.get(OLIVER)!.employeeId}` },
        select: { messageChannel: true, messageTs: true },
      });
      const history = await conversationHistory(bot.standIn, delivery.messageChannel!);
      expect(history.map((entry) => entry.ts)).toEqual([delivery.messageTs]);
      const stored = history[0]!;
      const blocks = stored.blocks as Block[];
      // When it was last edited is there (README: "and when it was last edited").
      expect(stored.edited).toMatchObject({ ts: expect.stringMatching(/^\d+\.\d{6}$/) });
      // The buttons and select exactly as first sent (no style, no initial option), the comment
      // button aside, which now offers to edit; each question's text as sent, plus "✓ Answered".
      const sent = invitations.get(OLIVER)!;
      expect(actionRows(blocks).slice(0, 4)).toEqual(actionRows(sent).slice(0, 4));
      expect((actionRows(blocks)[4]!.elements as Block[]).map((element) => (element.text as Block).text)).toEqual(["Edit your comment"]);
      const sections = (list: Block[]) => list.filter((block) => block.type === "section").map((block) => (block.text as Block).text as string);
      expect(sections(blocks)).toEqual(sections(sent).map((text, index) => (index === 0 ? text : `${text}\n✓ Answered`)));
      expect(textOf(blocks)).toContain("*Complete — thank you!* You can change your answers until Fri, 4 Dec 2026, 09:00 GMT.");
      // So neither the chosen options' labels outside their buttons, nor the comment, nor any mark of a choice.
      const text = `${String(stored.text)}\n${sections(blocks).join("\n")}`;
      for (const { shown } of chosen) if (shown !== null) expect(text).not.toContain(shown);
      const everything = JSON.stringify(history);
      for (const fragment of ["Quarterly targets", "out of reach", "&lt;this&gt;", "Your answer:", "your answer to", "primary", "initial_option", "initial_value"]) expect(everything).not.toContain(fragment);

      // He was told each choice and his comment, in ephemerals: to him, in his DM, never in its history.
      expect(confirmations.map((line) => line.split("\n")[0])).toEqual([
        "✓ Saved — your answer to 1. How likely are you to recommend working here to a friend?: 3",
        "✓ Saved — your answer to 2. My workload is manageable.: 2 · Disagree",
        "✓ Saved — your answer to 3. How was your week?: Hard",
        "✓ Saved — your answer to 4. Which tool slows you down most?: Calendar",
      ]);
      expect(commentConfirmation).toMatchObject({ user, channel: delivery.messageChannel, via: "chat.postEphemeral" });
      expect(commentConfirmation.text).toContain(`“${asMrkdwn(comment)}”`);
      const ephemeralTs = bot.standIn.workspace.ephemerals(user).map((ephemeral) => ephemeral.ts);
      expect(ephemeralTs.length).toBeGreaterThanOrEqual(5);
      for (const ts of ephemeralTs) expect(history.map((entry) => entry.ts)).not.toContain(ts);
    });

    describe("bad input is refused privately and nothing is stored", () => {
      let counts: Awaited<ReturnType<typeof storedRows>>;
      beforeAll(async () => {
        counts = await storedRows();
      });
      afterAll(async () => {
        expect(await storedRows()).toEqual(counts);
      });

      it.each([
        ["11", /^11 is not an answer to this question: answers are whole numbers from 0 to 10\. Nothing was recorded\.$/],
        ["-1", /^-1 is not an answer to this question: answers are whole numbers from 0 to 10\. Nothing was recorded\.$/],
        ["7.5", /^7\.5 is not an answer/],
      ])("an eNPS value of %s", async (value, text) => {
        const post = await tamperedClick(KEVIN, 1, "7", (_, action) => {
          action.value = value;
        });
        expectRefusal(post, text);
      });

      it("an agreement value outside 1-5, and an option the select does not have", async () => {
        expectRefusal(await tamperedClick(KEVIN, 2, "3", (_, action) => {
          action.value = "0";
        }), /^0 is not an answer to this question: answers are whole numbers from 1 to 5\./);
        expectRefusal(await tamperedClick(KEVIN, 4, "crm", (_, action) => {
          action.selected_option = { text: { type: "plain_text", text: "Fax" }, value: "fax" };
        }), /^That is not one of this question's options/);
      });

      it("a token altered, swapped for another person's kind of token, or issued for another round", async () => {
        const blockId = (action: Record<string, unknown>) => String(action.block_id).split("/");
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        const flip = (character: string) => alphabet[alphabet.indexOf(character) ^ 1]!;
        // The MAC's first character (other bytes), then its last one's spare bit (the same bytes, spelled differently).
        for (const alter of [(mac: string) => `${flip(mac[0]!)}${mac.slice(1)}`, (mac: string) => `${mac.slice(0, -1)}${flip(mac.at(-1)!)}`]) {
          expectRefusal(await tamperedClick(KEVIN, 1, "7", (_, action) => {
            const parts = blockId(action);
            const [random, mac] = parts[4]!.split(".") as [string, string];
            parts[4] = `${random}.${alter(mac)}`;
            action.block_id = parts.join("/");
          }), /^This answer button is not valid \(it may have been altered\), so nothing was recorded\./);
        }
        const otherRound = createPulseTokens(TEST_PULSE_TOKEN_SECRET).issue("00000000-0000-4000-8000-000000000001", people.get(KEVIN)!.slackUserId);
        expectRefusal(await tamperedClick(KEVIN, 1, "7", (_, action) => {
          action.block_id = answerBlockId({ questionId: "enps", locale: "en", roundId, token: otherRound });
        }), /^This answer button is not valid/);
        expectRefusal(await tamperedClick(KEVIN, 1, "7", (_, action) => {
          action.block_id = "pulse_answer/enps/en/not-a-round/x";
        }), /^This answer button is not valid/);
      });

      it("a question the survey does not have", async () => {
        expectRefusal(await tamperedClick(KEVIN, 1, "7", (_, action) => {
          const parts = String(action.block_id).split("/");
          parts[1] = "salary";
          action.block_id = parts.join("/");
        }), /^This survey has no such question, so nothing was recorded\.$/);
      });

      it("an unknown round", async () => {
        const unknown = "00000000-0000-4000-8000-00000000abcd";
        const token = createPulseTokens(TEST_PULSE_TOKEN_SECRET).issue(unknown, people.get(KEVIN)!.slackUserId);
        expectRefusal(await tamperedClick(KEVIN, 1, "7", (_, action) => {
          action.block_id = answerBlockId({ questionId: "enps", locale: "en", roundId: unknown, token });
        }), /^This survey no longer exists, so your answer was not recorded\.$/);
      });

      it("someone invited to the round who clicks with another person's token (issue 10, defect 2)", async () => {
        // Oliver, invited too, sends a signed click carrying Wei Ming's token (copied from her
        // message): it is refused, her answers are neither read nor changed, nothing is stored.
        const before = await storedRows();
        const post = await tamperedClick(WEIMING, 1, "0", () => {}, people.get(OLIVER)!.slackUserId);
        expectRefusal(post, /^This answer button is not valid/);
        expect(String(post.body.text)).not.toContain("9");
        expect(await storedRows()).toEqual(before);
        expect((await responseOf(WEIMING))!.answers.find((answer) => answer.questionId === "enps")!.score).toBe(9);
        // Nor does her comment form open for him.
        const user = people.get(OLIVER)!.slackUserId;
        const views = bot.standIn.workspace.views(user).length;
        const comment = await tamperedClick(WEIMING, 5, "comment", () => {}, user);
        expectRefusal(comment, /^This answer button is not valid/);
        expect(bot.standIn.workspace.views(user).length).toBe(views);
      });

      it("someone who was not invited", async () => {
        const post = await tamperedClick(KEVIN, 1, "7", () => {}, people.get(HARRY)!.slackUserId);
        expectRefusal(post, /^This survey was not sent to you, so your answer was not recorded\.$/);
      });

      it("a round closed by hand, and one past its closing time", async () => {
        const db = bot.testDatabase.db;
        const kevin = people.get(KEVIN)!;
        const closed = await createAnswerableRound(db, {
          tenantId: bot.tenantId,
          ownerId: kevin.employeeId,
          name: "Closed early",
          opensOn: "2026-11-24",
          firstSendAt: new Date("2026-11-24T02:00:00.000Z"),
          closesAt: CLOSES_AT,
          status: "closed",
          closedAt: new Date("2026-11-27T09:00:00.000Z"),
          recipients: [{ employeeId: kevin.employeeId, timeZone: "Asia/Kuala_Lumpur" }],
        });
        const token = createPulseTokens(TEST_PULSE_TOKEN_SECRET).issue(closed.roundId, people.get(KEVIN)!.slackUserId);
        expectRefusal(await tamperedClick(KEVIN, 1, "7", (_, action) => {
          action.block_id = answerBlockId({ questionId: "enps", locale: "en", roundId: closed.roundId, token });
        }), /^This survey closed on Fri, 27 Nov 2026, 17:00 MYT: answers can no longer be given or changed\. Nothing was recorded\.$/);
        now = new Date("2026-12-04T09:00:00.000Z"); // the instant the main round closes
        try {
          expectRefusal(await tamperedClick(KEVIN, 1, "7", () => {}), /^This survey closed on Fri, 4 Dec 2026, 17:00 MYT/);
        } finally {
          now = NOW;
        }
      });

      it("a round closed by hand an instant ago, while this process still holds it as open", async () => {
        const prisma = bot.testDatabase.db.prisma;
        const answers = storedRows;
        const before = await answers();
        // The round was read (and cached) by the answers above; close it behind the cache's back.
        await prisma.pulseRound.update({ where: { id: roundId }, data: { status: "closed", closedAt: NOW } });
        try {
          expectRefusal(await tamperedClick(KEVIN, 1, "0", () => {}), /^This survey closed on .*Nothing was recorded\.$/);
          expect(await answers()).toEqual(before);
        } finally {
          await prisma.pulseRound.update({ where: { id: roundId }, data: { status: "open", closedAt: null } });
        }
      });

      it("a blank comment", async () => {
        const user = people.get(KEVIN)!.slackUserId;
        const message = surveyMessageOf(bot.standIn, user);
        await bot.standIn.click({ user, channel: message.channel, ts: message.ts, ...elementFor(message.blocks, 5, "comment") });
        const view = await eventually(() => bot.standIn.workspace.views(user).find((candidate) => candidate.closedAt === undefined), "the comment form");
        const before = bot.standIn.workspace.ephemerals(user).length;
        await bot.standIn.submitView({ user, viewId: view.id, values: { pulse_comment_text: { text: "   \n  " } } });
        const refusal = await eventually(() => bot.standIn.workspace.ephemerals(user)[before], "the private refusal");
        expect(refusal.text).toBe("Your comment is empty, so nothing was recorded.");
        expect(refusal.channel).toBe(message.channel);
      });
    });

    it("turns every invitation DM to its closed state, without buttons, when the round closes (README, Answering)", async () => {
      now = CLOSES_AT;
      await bot.app.jobs!.tick();
      // Kevin gets the results post and his closed survey in one DM: the worker's pacing (one
      // message a second per channel) reads the test clock, so let it run while the outbox drains.
      const ticking = setInterval(() => {
        now = new Date(now.getTime() + 1_000);
      }, 20);
      try {
        await bot.app.jobs!.drain();
      } finally {
        clearInterval(ticking);
      }
      const closedKeys = await bot.testDatabase.db.prisma.delivery.findMany({ where: { kind: "pulse_closed" }, select: { idempotencyKey: true, status: true, lastError: true } });
      expect(closedKeys.map((row) => [row.status, row.lastError])).toEqual([["sent", null], ["sent", null], ["sent", null], ["sent", null]]);
      for (const email of [WEIMING, OLIVER, AHMAD, KEVIN]) {
        const channel = bot.standIn.workspace.dmChannelFor(people.get(email)!.slackUserId)!;
        const survey = bot.standIn.workspace.messages(channel).find((message) => message.blocks?.some((block) => (block as Block).type === "header"))!;
        const blocks = (survey.blocks ?? []) as Block[];
        expect(actionRows(blocks)).toEqual([]);
        expect(textOf(blocks)).toMatch(email === AHMAD ? /Tinjauan ini ditutup pada Jum, 4 Dis/ : /This survey closed on Fri, 4 Dec/);
        // The closed message shows no answer and no longer holds the token: nothing there links the person to a response.
        expect(textOf(blocks)).not.toMatch(/✓ Your answer|✓ Jawapan anda|✓ Answered|✓ Sudah dijawab/);
        const token = String(actionRows(invitations.get(email)!)[0]!.block_id).split("/")[4]!;
        expect(JSON.stringify(survey)).not.toContain(token.split(".")[0]!);
      }
    });
  });
}
