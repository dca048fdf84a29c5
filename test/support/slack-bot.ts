// The bot under test, end to end: the real app (Bolt's HTTP receiver at /slack/events) on a
// test database with the demo organisation, talking to the Slack stand-in; `ask` sends a slash
// command signed like Slack does and returns the reply that reached its response URL.
import { startApp, type RunningApp } from "../../src/app.js";
import type { Clock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import type { DatabaseKind } from "../../src/db/database.js";
import type { Logger } from "../../src/logger.js";
import { seedDemoTenant } from "../../src/db/seed/demo-tenant.js";
import { buildSlashCommandBody, createSlackStandIn, signSlackRequest, type SlackStandIn } from "../../src/slack-stand-in/index.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";

export const TEST_SIGNING_SECRET = "test-signing-secret-0123456789";
/** Given to the app as PULSE_TOKEN_SECRET, so that tests can make (and forge) answer tokens. */
export const TEST_PULSE_TOKEN_SECRET = "test-pulse-token-secret-0123456789abcdef";

export interface SlackReply {
  text: string;
  blocks: Array<Record<string, unknown>>;
  responseType: string | undefined;
}

export interface BotUnderTest {
  app: RunningApp;
  standIn: SlackStandIn;
  testDatabase: TestDatabase;
  tenantId: string;
  /** Sends `/command text` as the demo person with this e-mail; resolves with the reply. */
  ask(email: string, command: string, text: string): Promise<SlackReply>;
  /** Posts a raw body with the given headers to /slack/events. */
  post(body: string, headers: Record<string, string>): Promise<Response>;
  slackUserId(email: string): Promise<string>;
  close(): Promise<void>;
}

/** Flattens a Block Kit reply to searchable text (mrkdwn marks kept). */
/** Slack's three mrkdwn escapes undone ("&lt;" → "<", "&gt;" → ">", "&amp;" → "&"). */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Label → value of every field of a reply ("*Label*\nvalue"), unescaped. */
export function replyFields(reply: SlackReply): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const block of reply.blocks) {
    for (const field of (block.fields as Array<{ text: string }> | undefined) ?? []) {
      const text = unescapeMrkdwn(field.text);
      const newline = text.indexOf("\n");
      fields[text.slice(0, newline).replace(/^\*(.*)\*$/, "$1")] = text.slice(newline + 1);
    }
  }
  return fields;
}

export function replyText(reply: SlackReply): string {
  const parts: string[] = [];
  for (const block of reply.blocks) {
    const text = block.text as { text?: string } | undefined;
    if (text?.text) parts.push(text.text);
    for (const field of (block.fields as Array<{ text: string }> | undefined) ?? []) parts.push(field.text);
    for (const element of (block.elements as Array<{ text?: string }> | undefined) ?? []) if (element.text) parts.push(element.text);
  }
  return parts.join("\n").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export interface BotUnderTestOptions {
  today: string;
  clock: Clock;
  /** Changes the seeded demo data before the app starts (and caches anything), e.g. its currency. */
  beforeStart?: (db: TestDatabase["db"], tenantId: string) => Promise<void>;
  /** The app's logger (default: one at the config's level), e.g. to read what it logs. */
  logger?: Logger;
}

export async function startBotUnderTest(kind: DatabaseKind, options: BotUnderTestOptions): Promise<BotUnderTest> {
  const testDatabase = await createTestDatabase(kind);
  const { db } = testDatabase;
  const seeded = await seedDemoTenant(db, { today: options.today });
  await options.beforeStart?.(db, seeded.tenantId);
  const standIn = createSlackStandIn({ rateLimits: false });
  await standIn.start();
  await db.prisma.tenant.update({ where: { id: seeded.tenantId }, data: { slackTeamId: standIn.workspace.teamId } });
  for (const person of await db.prisma.employee.findMany({ where: { tenantId: seeded.tenantId, slackUserId: { not: null } } })) {
    standIn.workspace.addUser({
      id: person.slackUserId!,
      name: person.email.split("@")[0]!,
      realName: person.name,
      email: person.email,
      tz: person.timeZone,
      locale: person.locale === "ms" ? "ms-MY" : "en-US",
      deleted: !person.active,
    });
  }
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    DEMO_SEED: "never",
    SLACK_BOT_TOKEN: standIn.botToken,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: standIn.url,
    PULSE_TOKEN_SECRET: TEST_PULSE_TOKEN_SECRET,
  });
  const app = await startApp({ config, database: db, clock: options.clock, ...(options.logger ? { logger: options.logger } : {}) });
  // Clicks and modal submissions made with standIn.click / standIn.submitView reach this app.
  standIn.setInteractionTarget({ eventsUrl: `${app.url}/slack/events`, signingSecret: TEST_SIGNING_SECRET });

  // Remembered, so that asking still works while a test has taken the database away.
  const slackIds = new Map<string, string>();
  async function slackUserId(email: string): Promise<string> {
    const known = slackIds.get(email);
    if (known) return known;
    const person = await db.prisma.employee.findFirstOrThrow({ where: { tenantId: seeded.tenantId, email }, select: { slackUserId: true } });
    slackIds.set(email, person.slackUserId!);
    return person.slackUserId!;
  }

  async function post(body: string, headers: Record<string, string>): Promise<Response> {
    return fetch(`${app.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });
  }

  return {
    app,
    standIn,
    testDatabase,
    tenantId: seeded.tenantId,
    slackUserId,
    post,
    async ask(email, command, text) {
      const userId = await slackUserId(email);
      const channelId = "C0TESTCHAN";
      const responseUrl = standIn.workspace.createResponseUrl(channelId, userId);
      const body = buildSlashCommandBody({
        command,
        text,
        userId,
        userName: email.split("@")[0]!,
        channelId,
        teamId: standIn.workspace.teamId,
        responseUrl: responseUrl.url,
        triggerId: `trigger.${Date.now()}`,
      });
      const response = await post(body, { ...signSlackRequest(TEST_SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) });
      if (response.status !== 200) throw new Error(`slash command answered HTTP ${response.status}: ${await response.text()}`);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const posts = standIn.workspace.responses(responseUrl.id);
        if (posts.length > 0) {
          const payload = posts[0]!.body as { text?: string; blocks?: Array<Record<string, unknown>>; response_type?: string };
          return { text: payload.text ?? "", blocks: payload.blocks ?? [], responseType: payload.response_type };
        }
        if (Date.now() > deadline) throw new Error(`no reply to ${command} ${text} within 15 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      await app.stop();
      await standIn.stop();
      await testDatabase.dispose().catch(() => {});
    },
  };
}
