// `npm run chat -- --as <email> "/quota what if 40k"`: types a slash command into the local Slack
// workspace as that person, the way Slack would deliver it (signed POST to the bot's
// /slack/events), waits for the bot's answer on the response_url and prints it as text.
// `npm run chat -- --people` lists who you can be. Needs the bot running in local mode.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigError, loadConfig } from "../config.js";
import { LOCAL_SLACK_FILE, type LocalSlackFile, readLocalSlackFile } from "../local/local-slack.js";
import { buildSlashCommandBody, signSlackRequest } from "../slack-stand-in/sign.js";
import { messageToText } from "./block-kit-text.js";

export const USAGE = 'usage: npm run chat -- --as <email> "/quota what if 40k"  |  npm run chat -- --people';
export const BOT_NOT_RUNNING = "The bot is not running — start it with `npm start` in another terminal";
const SLACK_EVENTS_PATH = "/slack/events";
const DEFAULT_REPLY_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 5_000;

export interface ChatIo {
  /** Receives whole lines of output, without their newline. */
  stdout(line: string): void;
  stderr(line: string): void;
  /** Environment for loadConfig (DATA_DIR); default process.env. */
  env?: Record<string, string | undefined>;
  /** Milliseconds since the epoch, for the request timestamp; default Date.now. */
  now?: () => number;
  /** ANSI dim and bold in the output; default off. */
  color?: boolean;
  /** How long to wait for the bot's reply, in ms; default 10 000. */
  replyTimeoutMs?: number;
}

/** A failure meant for the person at the terminal; `exitCode` 2 is bad usage. */
class ChatFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  realName: z.string(),
  email: z.string().nullable(),
  deleted: z.boolean(),
  role: z.string().nullish(),
  title: z.string().nullish(),
  team: z.string().nullish(),
});
const usersAnswer = z.object({
  ok: z.literal(true),
  team: z.object({ id: z.string(), name: z.string(), domain: z.string() }),
  appId: z.string(),
  users: z.array(userSchema),
});
const mintAnswer = z.object({ ok: z.literal(true), url: z.string(), id: z.string(), channel: z.string(), channelName: z.string(), triggerId: z.string() });
const postsAnswer = z.object({
  ok: z.literal(true),
  total: z.number(),
  posts: z.array(z.object({ accepted: z.boolean(), error: z.string().optional(), body: z.record(z.string(), z.unknown()) })),
});
const failureAnswer = z.object({ ok: z.literal(false), error: z.string() });

type ChatUser = z.infer<typeof userSchema>;

function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));
}

/** A request to the bot's process (the control API or /slack/events); a refused connection means the bot is down. */
async function request(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? REQUEST_TIMEOUT_MS) });
  } catch (error) {
    if (isNetworkFailure(error)) throw new ChatFailure(BOT_NOT_RUNNING);
    throw error;
  }
}

async function controlJson<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T | z.infer<typeof failureAnswer>> {
  const body: unknown = await response.json().catch(() => undefined);
  const failed = failureAnswer.safeParse(body);
  if (failed.success) return failed.data;
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ChatFailure(`The local Slack workspace gave an unexpected answer to ${what} (HTTP ${response.status}).`);
  return parsed.data;
}

async function loadLocalSlack(env: Record<string, string | undefined>): Promise<LocalSlackFile & { controlUrl: string }> {
  let dataDir: string;
  try {
    dataDir = loadConfig(env).dataDir;
  } catch (error) {
    if (error instanceof ConfigError) throw new ChatFailure(error.message);
    throw error;
  }
  const file = await readLocalSlackFile(dataDir);
  if (!file?.controlUrl) {
    throw new ChatFailure(
      `No local Slack workspace in ${path.join(path.resolve(dataDir), LOCAL_SLACK_FILE)}. ${BOT_NOT_RUNNING} (local mode: no SLACK_BOT_TOKEN).`,
    );
  }
  return { ...file, controlUrl: file.controlUrl };
}

async function listUsers(local: { controlUrl: string }, email?: string): Promise<z.infer<typeof usersAnswer> | undefined> {
  const url = new URL("users", local.controlUrl);
  if (email) url.searchParams.set("email", email);
  const answer = await controlJson(await request(url.toString()), usersAnswer, "the user list");
  if (answer.ok) return answer;
  if (answer.error === "users_not_found") return undefined;
  throw new ChatFailure(`The local Slack workspace refused the user list: ${answer.error}`);
}

const ROLE_ORDER = ["manager", "rep", "admin", "other"];

function peopleTable(users: ChatUser[]): string[] {
  const sorted = [...users].sort(
    (a, b) =>
      (a.team ?? "\uffff").localeCompare(b.team ?? "\uffff") ||
      (ROLE_ORDER.indexOf(a.role ?? "other") - ROLE_ORDER.indexOf(b.role ?? "other")) ||
      a.realName.localeCompare(b.realName),
  );
  const rows = [
    ["NAME", "ROLE", "TEAM", "E-MAIL"],
    ...sorted.map((user) => [`${user.realName}${user.deleted ? " (inactive)" : ""}`, user.role ?? "", user.team ?? "—", user.email ?? ""]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  "));
}

async function showPeople(io: ChatIo): Promise<number> {
  const local = await loadLocalSlack(io.env ?? process.env);
  const answer = await listUsers(local);
  const users = answer?.users ?? [];
  if (users.length === 0) {
    io.stdout("The local Slack workspace has no people yet.");
    return 0;
  }
  for (const line of peopleTable(users)) io.stdout(line);
  return 0;
}

async function sendCommand(io: ChatIo, email: string, commandLine: string): Promise<number> {
  const local = await loadLocalSlack(io.env ?? process.env);
  const found = await listUsers(local, email);
  const user = found?.users[0];
  if (!found || !user) throw new ChatFailure(`No one with the e-mail ${email} in the local Slack workspace. See who is: npm run chat -- --people`);
  if (!local.botUrl) throw new ChatFailure(`${BOT_NOT_RUNNING} (it has not recorded its address in ${LOCAL_SLACK_FILE} yet)`);

  const minted = await controlJson(
    await request(new URL("response-urls", local.controlUrl).toString(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: user.id }),
    }),
    mintAnswer,
    "minting a response URL",
  );
  if (!minted.ok) throw new ChatFailure(`The local Slack workspace could not start a conversation for ${email}: ${minted.error}`);

  const command = commandLine.split(/\s+/)[0]!;
  const body = buildSlashCommandBody({
    command,
    text: commandLine.slice(command.length).trim(),
    userId: user.id,
    userName: user.name,
    channelId: minted.channel,
    channelName: minted.channelName,
    teamId: found.team.id,
    teamDomain: found.team.domain,
    responseUrl: minted.url,
    triggerId: minted.triggerId,
    apiAppId: found.appId,
  });
  const timestamp = Math.floor((io.now ?? Date.now)() / 1000);
  const posted = await request(`${local.botUrl.replace(/\/$/, "")}${SLACK_EVENTS_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(local.signingSecret, body, timestamp) },
    body,
  });
  if (posted.status === 401) {
    throw new ChatFailure(`The bot refused the request's signature (HTTP 401). Its signing secret differs from ${LOCAL_SLACK_FILE}; restart the bot.`);
  }
  if (posted.status !== 200) {
    const detail = (await posted.text().catch(() => "")).trim().slice(0, 200);
    throw new ChatFailure(`The bot answered HTTP ${posted.status} to ${command}${detail ? `: ${detail}` : ""}`);
  }
  // An acknowledgement may already carry the answer, as Slack shows a non-empty ack body.
  const ackText = (await posted.text().catch(() => "")).trim();

  const timeoutMs = io.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  const postsUrl = new URL(`response-urls/${encodeURIComponent(minted.id)}/posts`, local.controlUrl);
  postsUrl.searchParams.set("after", "0");
  postsUrl.searchParams.set("wait", String(timeoutMs));
  const replies = await controlJson(await request(postsUrl.toString(), { timeoutMs: timeoutMs + REQUEST_TIMEOUT_MS }), postsAnswer, "the reply");
  if (!replies.ok) throw new ChatFailure(`The local Slack workspace could not show the reply: ${replies.error}`);
  if (replies.posts.length === 0) {
    if (ackText) {
      io.stdout(ackText);
      return 0;
    }
    throw new ChatFailure(`The bot accepted ${command} but sent no reply within ${Math.round(timeoutMs / 1000)} s; see its log.`);
  }
  const color = io.color ?? false;
  replies.posts.forEach((post, index) => {
    if (index > 0) io.stdout("");
    if (!post.accepted) io.stdout(`(Slack refused this reply: ${post.error ?? "unknown error"})`);
    if (post.body["response_type"] === "in_channel") io.stdout(color ? "\x1b[2m(posted to the channel)\x1b[22m" : "(posted to the channel)");
    for (const line of messageToText(post.body, { color }).split("\n")) io.stdout(line);
  });
  return 0;
}

/** Runs the chat CLI with `argv` (arguments after the script name); resolves to the exit code. */
export async function runChat(argv: readonly string[], io: ChatIo): Promise<number> {
  if (argv.length === 0) {
    io.stderr(USAGE);
    return 2;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: { as: { type: "string" }, people: { type: "boolean" }, help: { type: "boolean", short: "h" } },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new ChatFailure(error instanceof Error ? error.message : String(error), 2);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (values.people) {
      if (values.as !== undefined || positionals.length > 0) throw new ChatFailure("--people takes no other arguments", 2);
      return await showPeople(io);
    }
    const email = values.as?.trim().toLowerCase();
    if (!email || !email.includes("@")) throw new ChatFailure("--as needs the e-mail address of the person to chat as", 2);
    const commandLine = positionals.join(" ").trim();
    if (!/^\/[a-z0-9_-]+(\s|$)/i.test(commandLine)) throw new ChatFailure('give one slash command, e.g. "/quota what if 40k"', 2);
    return await sendCommand(io, email, commandLine);
  } catch (error) {
    if (error instanceof ChatFailure) {
      io.stderr(error.message);
      if (error.exitCode === 2) io.stderr(USAGE);
      return error.exitCode;
    }
    io.stderr(`chat failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  // Same DATA_DIR as `npm start`, which reads .env too.
  if (existsSync(".env")) process.loadEnvFile(".env");
  // hasColors() honours NO_COLOR and FORCE_COLOR.
  // Piped into `head` and the like: a closed pipe ends the output, not with a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
  });
  const color = Boolean(process.stdout.isTTY) && process.stdout.hasColors();
  const code = await runChat(process.argv.slice(2), {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    color,
  });
  process.exitCode = code;
}
