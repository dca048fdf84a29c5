// The bot end to end for benchmarks, started the way test/support/slack-bot.ts starts it: the
// real app (Bolt's HTTP receiver at /slack/events) on a given database, talking to the Slack
// stand-in. `ask` sends a signed slash command and resolves when the stand-in has stored the
// reply posted to the command's response_url, with the time that took.
import { startApp, type RunningApp } from "../../../src/app.js";
import type { Clock } from "../../../src/clock.js";
import { loadConfig } from "../../../src/config.js";
import type { Database } from "../../../src/db/database.js";
import {
  buildSlashCommandBody,
  createSlackStandIn,
  signSlackRequest,
  type SlackStandIn,
  type StandInResponsePost,
} from "../../../src/slack-stand-in/index.js";

const SIGNING_SECRET = "bench-signing-secret-0123456789";
const CHANNEL_ID = "C0BENCHCHAN";
/** Long enough to record a pathological answer (a cold cache on a large tenant) instead of failing the run. */
const REPLY_TIMEOUT_MS = 300_000;

export interface BenchUser {
  slackUserId: string;
  name: string;
  email: string;
  timeZone: string;
  locale: string;
}

export interface Answer {
  /** From just before the signed POST to the moment the stand-in stored the reply. */
  ms: number;
  /** The HTTP acknowledgement's status and when it came. */
  ackStatus: number;
  ackMs: number;
  body: { text?: string; blocks?: Array<Record<string, unknown>>; response_type?: string };
  accepted: boolean;
}

export interface BenchBot {
  app: RunningApp;
  standIn: SlackStandIn;
  /** "hook": resolved by the stand-in storing the post; "poll": `responses(id)` every 1 ms. */
  replyDetection: "hook" | "poll";
  ask(user: BenchUser, command: string, text: string): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * Resolves a waiter the moment the stand-in appends a response_url post. The stand-in keeps its
 * posts in `workspace.state.responsePosts` (an array it appends to); the hook wraps that one
 * array's `push`, non-enumerably, so snapshots and `responses()` see a plain array. Returns
 * null when the workspace is not shaped like that (then the caller polls).
 */
interface StoredReply {
  post: StandInResponsePost;
  /** performance.now() when the stand-in stored it. */
  at: number;
}

function hookResponsePosts(standIn: SlackStandIn): ((id: string) => Promise<StoredReply>) | null {
  const state = (standIn.workspace as unknown as { state?: { responsePosts?: unknown } }).state;
  const posts = state?.responsePosts;
  if (!Array.isArray(posts)) return null;
  const waiting = new Map<string, (reply: StoredReply) => void>();
  const early = new Map<string, StoredReply>();
  const originalPush = posts.push;
  Object.defineProperty(posts, "push", {
    configurable: true,
    enumerable: false,
    writable: true,
    value(this: StandInResponsePost[], ...items: StandInResponsePost[]) {
      const at = performance.now();
      const length = originalPush.apply(this, items);
      for (const item of items) {
        const resolve = waiting.get(item.responseUrlId);
        if (resolve) {
          waiting.delete(item.responseUrlId);
          resolve({ post: item, at });
        } else {
          early.set(item.responseUrlId, { post: item, at });
        }
      }
      return length;
    },
  });
  return (id) => {
    const already = early.get(id);
    if (already) {
      early.delete(id);
      return Promise.resolve(already);
    }
    return new Promise((resolve) => waiting.set(id, resolve));
  };
}

function pollResponses(standIn: SlackStandIn): (id: string) => Promise<StoredReply> {
  return async (id) => {
    for (;;) {
      const post = standIn.workspace.responses(id)[0];
      if (post) return { post, at: performance.now() };
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no reply within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function startBenchBot(options: { db: Database; clock: Clock; teamId: string; users: BenchUser[] }): Promise<BenchBot> {
  const standIn = createSlackStandIn({ rateLimits: false, teamId: options.teamId });
  await standIn.start();
  for (const user of options.users) {
    standIn.workspace.addUser({
      id: user.slackUserId,
      name: user.email.split("@")[0]!,
      realName: user.name,
      email: user.email,
      tz: user.timeZone,
      locale: user.locale === "ms" ? "ms-MY" : "en-US",
    });
  }
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    DEMO_SEED: "never",
    SLACK_BOT_TOKEN: standIn.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standIn.url,
  });
  let app: RunningApp;
  try {
    app = await startApp({ config, database: options.db, clock: options.clock });
  } catch (error) {
    await standIn.stop();
    throw error;
  }
  const hooked = hookResponsePosts(standIn);
  const waitFor = hooked ?? pollResponses(standIn);
  let trigger = 0;

  return {
    app,
    standIn,
    replyDetection: hooked ? "hook" : "poll",
    async ask(user, command, text) {
      const responseUrl = standIn.workspace.createResponseUrl(CHANNEL_ID, user.slackUserId);
      const body = buildSlashCommandBody({
        command,
        text,
        userId: user.slackUserId,
        userName: user.email.split("@")[0]!,
        channelId: CHANNEL_ID,
        teamId: standIn.workspace.teamId,
        responseUrl: responseUrl.url,
        triggerId: `bench.${++trigger}`,
      });
      const reply = waitFor(responseUrl.id);
      const started = performance.now();
      const response = await fetch(`${app.url}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) },
        body,
      });
      const ackMs = performance.now() - started;
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${command} ${text}: acknowledged with HTTP ${response.status}`);
      const { post, at } = await withTimeout(reply, REPLY_TIMEOUT_MS, `${command} ${text}`);
      const ms = at - started;
      return { ms, ackStatus: response.status, ackMs, body: post.body as Answer["body"], accepted: post.accepted };
    },
    async close() {
      await app.stop();
      await standIn.stop();
    },
  };
}
