// The bot end to end for benchmarks, started the way test/support/slack-bot.ts starts it: the
// real app (Bolt's HTTP receiver at /slack/events) on a given database, talking to the Slack
// stand-in. `ask` sends a signed slash command and resolves when the stand-in has stored the
// reply posted to the command's response_url, with the time that took.
import { Writable } from "node:stream";
import pino from "pino";
import { Agent, fetch as undiciFetch } from "undici";
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
/** Long enough to record a pathological answer (a cold cache on a large tenant); past it the request counts as unanswered. */
const REPLY_TIMEOUT_MS = 60_000;
/**
 * The harness's own POSTs open a fresh connection each time (no keep-alive), as a remote Slack
 * would from the app's point of view: a pooled socket kept between requests can go stale while
 * the process is busy (the app and the harness share one event loop), and that failure would be
 * the harness's, not the app's. The app's own calls (respond, Web API) keep their defaults.
 */
function freshConnectionAgent(): Agent {
  return new Agent({ pipelining: 0 });
}
/** After the app logs an error during a request, how long its reply may still take to arrive. */
const ERROR_GRACE_MS = 2_000;

export interface BenchUser {
  slackUserId: string;
  name: string;
  email: string;
  timeZone: string;
  locale: string;
}

export interface Answer {
  /**
   * From just before the signed POST to the moment the stand-in stored the reply; with
   * `failure`, to the moment the failure was known (the app logged an error, or the timeout).
   */
  ms: number;
  /** Set when no reply reached the stand-in: what the app logged, or "timeout". */
  failure?: string;
  /** The HTTP acknowledgement's status and when it came. */
  ackStatus: number;
  ackMs: number;
  body: { text?: string; blocks?: Array<Record<string, unknown>>; response_type?: string };
  accepted: boolean;
}

export interface BenchBot {
  app: RunningApp;
  standIn: SlackStandIn;
  /** The app's signing secret, for requests built by a bench itself. */
  signingSecret: string;
  /** Error lines the app logged (level error and above), oldest first. */
  appErrors: Array<{ at: string; message: string }>;
  /** "hook": resolved by the stand-in storing the post; "poll": `responses(id)` every 1 ms. */
  replyDetection: "hook" | "poll";
  ask(user: BenchUser, command: string, text: string): Promise<Answer>;
  close(): Promise<void>;
}

export interface StoredReply {
  post: StandInResponsePost;
  /** performance.now() when the stand-in stored it. */
  at: number;
}

/**
 * Resolves a waiter the moment the stand-in appends a response_url post (the first one per id).
 * The stand-in keeps its posts in `workspace.state.responsePosts` (an array it appends to); the
 * hook wraps that one array's `push`, non-enumerably, so snapshots and `responses()` see a plain
 * array. Returns null when the workspace is not shaped like that (then the caller polls).
 */
export function hookResponsePosts(standIn: SlackStandIn): ((id: string) => Promise<StoredReply>) | null {
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
        } else if (!early.has(item.responseUrlId)) {
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

export async function startBenchBot(options: {
  db: Database;
  clock: Clock;
  teamId: string;
  users: BenchUser[];
  /** More environment for the app's configuration (e.g. PULSE_TOKEN_SECRET). */
  env?: Record<string, string>;
}): Promise<BenchBot> {
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
  // The app's log, kept: an error logged while a command is in flight means its reply is not coming
  // (e.g. Bolt's "unhandled error after ack()"), so the request is failed at once instead of waiting.
  const appErrors: BenchBot["appErrors"] = [];
  let onAppError: ((message: string) => void) | undefined;
  const logSink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        let entry: { level?: number; msg?: string; component?: string; err?: { message?: string } };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue;
        }
        if ((entry.level ?? 0) < 50) continue;
        const message = [entry.component, entry.msg, entry.err?.message].filter(Boolean).join(": ");
        appErrors.push({ at: new Date().toISOString(), message });
        onAppError?.(message);
      }
      done();
    },
  });
  const logger = pino({ level: "warn", base: { service: "salesops-assistant" } }, logSink);
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    DEMO_SEED: "never",
    // No scheduler or delivery worker: the series measure slash commands alone (fan-out has its own bench).
    JOBS: "off",
    SLACK_BOT_TOKEN: standIn.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standIn.url,
    ...options.env,
  });
  let app: RunningApp;
  try {
    app = await startApp({ config, database: options.db, clock: options.clock, logger });
  } catch (error) {
    await standIn.stop();
    throw error;
  }
  const freshConnections = freshConnectionAgent();
  const hooked = hookResponsePosts(standIn);
  const waitFor = hooked ?? pollResponses(standIn);
  let trigger = 0;

  return {
    app,
    standIn,
    replyDetection: hooked ? "hook" : "poll",
    signingSecret: SIGNING_SECRET,
    appErrors,
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
      // An error logged mid-request fails it unless the reply (perhaps an error message) follows shortly.
      const failed = new Promise<{ failure: string; at: number }>((resolve) => {
        onAppError = (message) => {
          const at = performance.now();
          setTimeout(() => resolve({ failure: message, at }), ERROR_GRACE_MS).unref();
        };
      });
      const started = performance.now();
      let response: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        response = await undiciFetch(`${app.url}/slack/events`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) },
          body,
          dispatcher: freshConnections,
        });
      } catch (error) {
        // Slack would show the user "dispatch_failed": the command never reached the app.
        onAppError = undefined;
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        return { ms: performance.now() - started, failure: `POST failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`, ackStatus: 0, ackMs: Number.NaN, body: {}, accepted: false };
      }
      const ackMs = performance.now() - started;
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${command} ${text}: acknowledged with HTTP ${response.status}`);
      try {
        const outcome = await withTimeout(Promise.race([reply, failed]), REPLY_TIMEOUT_MS, `${command} ${text}`).catch(() => ({
          failure: `timeout: no reply within ${REPLY_TIMEOUT_MS / 1000} s`,
          at: performance.now(),
        }));
        if ("failure" in outcome) return { ms: outcome.at - started, failure: outcome.failure, ackStatus: response.status, ackMs, body: {}, accepted: false };
        return { ms: outcome.at - started, ackStatus: response.status, ackMs, body: outcome.post.body as Answer["body"], accepted: outcome.post.accepted };
      } finally {
        onAppError = undefined;
      }
    },
    async close() {
      await app.stop();
      await standIn.stop();
      await freshConnections.close().catch(() => {});
    },
  };
}
