// `npm run chat -- --as <email> "/quota what if 40k"`: types a slash command into the local Slack
// workspace as that person, the way Slack would deliver it (signed POST to the bot's
// /slack/events), waits for the bot's answer on the response_url and prints it as text.
// `--channel "<team>"` and `--dm <email>` print what the bot posted there (the weekly digest,
// say), saving pictures under DATA_DIR/local-files; `--people` lists who you can be and the
// team channels. `--click <row>:<answer>` clicks a button (or picks a select option) of the
// latest interactive message in the person's DM — a pulse survey's rows are its questions — and
// `--comment <row> "text"` opens that row's comment form and submits it. Needs the bot running
// in local mode.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigError, loadConfig } from "../config.js";
import { LOCAL_SLACK_FILE, type LocalSlackFile, readLocalSlackFile } from "../local/local-slack.js";
import { buildSlashCommandBody, signSlackRequest } from "../slack-stand-in/sign.js";
import { messageToText } from "./block-kit-text.js";

export const USAGE = [
  'usage: npm run chat -- --as <email> "/quota what if 40k"',
  '       npm run chat -- --channel "<team or #channel>" [--last N]',
  "       npm run chat -- --dm <email> [--last N]",
  "       npm run chat -- --people",
  "       npm run chat -- --as <email> --click <row>:<answer>     (e.g. --click 1:7; rows as --dm <email> numbers them)",
  '       npm run chat -- --as <email> --comment <row> "text"',
].join("\n");
export const BOT_NOT_RUNNING = "The bot is not running — start it with `npm start` in another terminal";
const SLACK_EVENTS_PATH = "/slack/events";
const DEFAULT_REPLY_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 5_000;
/** Messages shown by --channel and --dm without --last. */
export const DEFAULT_LAST = 5;
const MAX_LAST = 1_000;
/** Under DATA_DIR: where --channel and --dm save the files messages show. */
export const LOCAL_FILES_DIR = "local-files";

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
  /** The viewer's IANA time zone, for message times; default this machine's. */
  timeZone?: string;
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
const botSchema = z.object({ userId: z.string(), name: z.string() });
const channelsAnswer = z.object({
  ok: z.literal(true),
  bot: botSchema,
  channels: z.array(z.object({ id: z.string(), name: z.string(), team: z.string().nullable(), messageCount: z.number() })),
});
const messageSchema = z.object({
  ts: z.string(),
  threadTs: z.string().optional(),
  userName: z.string(),
  byBot: z.boolean(),
  text: z.string(),
  blocks: z.array(z.unknown()).optional(),
  fileIds: z.array(z.string()).optional(),
  editedTs: z.string().optional(),
});
const messagesAnswer = z.object({
  ok: z.literal(true),
  bot: botSchema,
  conversation: z.object({ id: z.string(), name: z.string(), isIm: z.boolean() }).nullable(),
  messages: z.array(messageSchema),
  total: z.number(),
});

const interactionAnswer = z.object({
  ok: z.literal(true),
  status: z.number(),
  body: z.string(),
  responseUrlId: z.string().optional(),
});
const viewsAnswer = z.object({
  ok: z.literal(true),
  views: z.array(z.object({ id: z.string(), callbackId: z.string().nullable(), title: z.string(), blocks: z.array(z.unknown()) })),
});
const ephemeralsAnswer = z.object({
  ok: z.literal(true),
  ephemerals: z.array(z.object({ text: z.string(), blocks: z.array(z.unknown()).optional() })),
  total: z.number(),
});

type ChatUser = z.infer<typeof userSchema>;
type ChatMessage = z.infer<typeof messageSchema>;

function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));
}

/**
 * The control API's secret by its base URL, as local-slack.json gives them: every request to a
 * control URL carries it (the stand-in refuses requests without it), none to anywhere else.
 */
const controlSecrets = new Map<string, string>();

function withControlSecret(url: string, headers: RequestInit["headers"]): Headers {
  const merged = new Headers(headers);
  for (const [base, secret] of controlSecrets) {
    if (url.startsWith(base)) merged.set("authorization", `Bearer ${secret}`);
  }
  return merged;
}

/** A request to the bot's process (the control API or /slack/events); a refused connection means the bot is down. */
async function request(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, headers: withControlSecret(url, init.headers), signal: AbortSignal.timeout(init.timeoutMs ?? REQUEST_TIMEOUT_MS) });
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

async function loadLocalSlack(env: Record<string, string | undefined>): Promise<LocalSlackFile & { controlUrl: string; dataDir: string }> {
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
  if (!file.controlSecret) {
    throw new ChatFailure(`${path.join(path.resolve(dataDir), LOCAL_SLACK_FILE)} has no control secret: it was written by an older version. Restart the bot (npm start) to renew it.`);
  }
  controlSecrets.set(file.controlUrl, file.controlSecret);
  return { ...file, controlUrl: file.controlUrl, dataDir: path.resolve(dataDir) };
}

async function listUsers(local: { controlUrl: string }, email?: string): Promise<z.infer<typeof usersAnswer> | undefined> {
  const url = new URL("users", local.controlUrl);
  if (email) url.searchParams.set("email", email);
  const answer = await controlJson(await request(url.toString()), usersAnswer, "the user list");
  if (answer.ok) return answer;
  if (answer.error === "users_not_found") return undefined;
  throw new ChatFailure(`The local Slack workspace refused the user list: ${answer.error}`);
}

/** Rows as columns padded to the widest cell, two spaces apart; the first row is the heading. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  "));
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
  return table(rows);
}

async function listChannels(local: { controlUrl: string }): Promise<z.infer<typeof channelsAnswer>> {
  const answer = await controlJson(await request(new URL("channels", local.controlUrl).toString()), channelsAnswer, "the channel list");
  if (!answer.ok) throw new ChatFailure(`The local Slack workspace refused the channel list: ${answer.error} (restart the bot if it predates this command)`);
  return answer;
}

async function showPeople(io: ChatIo): Promise<number> {
  const local = await loadLocalSlack(io.env ?? process.env);
  const answer = await listUsers(local);
  const users = answer?.users ?? [];
  if (users.length === 0) io.stdout("The local Slack workspace has no people yet.");
  else for (const line of peopleTable(users)) io.stdout(line);
  const { channels } = await listChannels(local);
  if (channels.length === 0) return 0;
  io.stdout("");
  const rows = [["CHANNEL", "TEAM", "MESSAGES"], ...channels.map((channel) => [`#${channel.name}`, channel.team ?? "—", String(channel.messageCount)])];
  for (const line of table(rows)) io.stdout(line);
  const example = channels.find((channel) => channel.team && channel.messageCount > 0) ?? channels.find((channel) => channel.team) ?? channels[0]!;
  io.stdout(`Read one: npm run chat -- --channel "${example.team ?? `#${example.name}`}"`);
  return 0;
}

/** Matches what a person typed to a channel: its id, its name (with or without "#"), or its team's name. */
function findChannel<T extends { id: string; name: string; team: string | null }>(channels: readonly T[], wanted: string): T | undefined {
  const typed = wanted.trim();
  const folded = typed.replace(/^#/, "").toLocaleLowerCase();
  const slug = folded.replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  return (
    channels.find((channel) => channel.id === typed) ??
    channels.find((channel) => channel.name.toLocaleLowerCase() === folded) ??
    channels.find((channel) => channel.team?.toLocaleLowerCase() === folded) ??
    channels.find((channel) => slug !== "" && channel.name === slug)
  );
}

function viewerTimeZone(io: ChatIo): string {
  return io.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A Slack ts ("1795731360.123456", seconds) as the viewer's local time, e.g. "Fri, 27 Nov 2026, 06:16 GMT+8". */
export function formatMessageTime(ts: string, timeZone: string): string {
  const seconds = Number(ts);
  if (!Number.isFinite(seconds)) return ts;
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(new Date(Math.floor(seconds * 1000)));
}

/** The files a message shows: those in image blocks (`slack_file`), then those shared with it. */
function fileIdsOf(message: ChatMessage): { inBlocks: string[]; attached: string[] } {
  const inBlocks: string[] = [];
  for (const block of message.blocks ?? []) {
    const record = typeof block === "object" && block !== null ? (block as Record<string, unknown>) : {};
    const file = record["type"] === "image" ? (record["slack_file"] as Record<string, unknown> | undefined) : undefined;
    if (typeof file?.["id"] === "string" && !inBlocks.includes(file["id"])) inBlocks.push(file["id"]);
  }
  const attached = (message.fileIds ?? []).filter((id) => !inBlocks.includes(id));
  return { inBlocks, attached };
}

const EXTENSIONS: Record<string, string> = { "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "text/csv": ".csv", "application/pdf": ".pdf" };

/** Fetches a file's bytes from the stand-in into DATA_DIR/local-files/<id>.<ext>; says where, or why not. */
async function saveFile(local: { controlUrl: string; dataDir: string }, fileId: string): Promise<string> {
  const response = await request(new URL(`files/${encodeURIComponent(fileId)}`, local.controlUrl).toString());
  if (!response.ok) {
    const failed = failureAnswer.safeParse(await response.json().catch(() => undefined));
    return `not available (${failed.success ? failed.data.error : `HTTP ${response.status}`})`;
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const declared = /filename="([^"]*)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "";
  const extension = EXTENSIONS[type] ?? (/\.[a-z0-9]{1,5}$/i.exec(declared)?.[0].toLowerCase() ?? "");
  const directory = path.join(local.dataDir, LOCAL_FILES_DIR);
  const file = path.join(directory, `${fileId.replace(/[^A-Za-z0-9_-]/g, "_")}${extension}`);
  // Under DATA_DIR, owner-only like the rest of it: these are the workspace's files.
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await writeFile(file, Buffer.from(await response.arrayBuffer()), { mode: 0o600 });
  return `saved to ${file}`;
}

type ConversationTarget = { channel: string } | { dm: string };

async function showConversation(io: ChatIo, target: ConversationTarget, last: number): Promise<number> {
  const local = await loadLocalSlack(io.env ?? process.env);
  const url = new URL("messages", local.controlUrl);
  url.searchParams.set("limit", String(last));
  let title: string;
  let person: ChatUser | undefined;
  if ("channel" in target) {
    const { channels } = await listChannels(local);
    const channel = findChannel(channels, target.channel);
    if (!channel) {
      const known = channels.map((candidate) => `#${candidate.name}${candidate.team ? ` (${candidate.team})` : ""}`).join(", ");
      throw new ChatFailure(`No channel "${target.channel}" in the local Slack workspace. ${known ? `Channels: ${known}.` : "It has no channels."}`);
    }
    url.searchParams.set("channel", channel.id);
    title = `#${channel.name}${channel.team ? ` (${channel.team})` : ""}`;
  } else {
    person = (await listUsers(local, target.dm))?.users[0];
    if (!person) throw new ChatFailure(`No one with the e-mail ${target.dm} in the local Slack workspace. See who is: npm run chat -- --people`);
    url.searchParams.set("user", person.id);
    title = `Direct messages with ${person.realName}`;
  }
  const answer = await controlJson(await request(url.toString()), messagesAnswer, "the messages");
  if (!answer.ok) throw new ChatFailure(`The local Slack workspace could not show the messages: ${answer.error}`);
  if (answer.messages.length === 0) {
    io.stdout(person ? `${answer.bot.name} has not written to ${person.realName} yet.` : `No messages in ${title} yet.`);
    return 0;
  }
  const color = io.color ?? false;
  const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[22m` : text);
  const shown = answer.messages.length < answer.total ? `the last ${answer.messages.length} of ${answer.total} messages` : `${answer.total} message${answer.total === 1 ? "" : "s"}`;
  io.stdout(`${title} — ${shown}, newest last`);
  const timeZone = viewerTimeZone(io);
  // Only the latest message with buttons gets numbered rows: it is the one --click acts on.
  const clickable = person ? [...answer.messages].reverse().find((message) => actionRows(message).length > 0) : undefined;
  for (const message of answer.messages) {
    const { inBlocks, attached } = fileIdsOf(message);
    const notes: Record<string, string> = {};
    for (const fileId of [...inBlocks, ...attached]) notes[fileId] = await saveFile(local, fileId);
    const facts = [
      message.byBot ? `${message.userName} (app)` : message.userName,
      formatMessageTime(message.ts, timeZone),
      ...(message.threadTs && message.threadTs !== message.ts ? ["in a thread"] : []),
      ...(message.editedTs ? ["edited"] : []),
    ];
    io.stdout("");
    io.stdout(dim(`── ${facts.join(" · ")} ──`));
    const text = messageToText(message, { color, fileNotes: notes, numberActions: message === clickable });
    if (text) for (const line of text.split("\n")) io.stdout(line);
    for (const fileId of attached) io.stdout(`[file ${fileId} — ${notes[fileId]}]`);
  }
  if (clickable && person?.email) {
    io.stdout("");
    io.stdout(dim(`Answer: npm run chat -- --as ${person.email} --click <row>:<answer>   (a comment: --comment <row> "text")`));
  }
  return 0;
}

// --- clicking ---------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function asJson(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function labelOf(value: unknown): string {
  const text = asJson(value)?.["text"];
  return typeof text === "string" ? text : "";
}

/** The message's rows of buttons and selects, in order: the rows `--dm` numbers. */
function actionRows(message: { blocks?: unknown[] | undefined }): Json[] {
  return (message.blocks ?? []).map(asJson).filter((block): block is Json => block?.["type"] === "actions");
}

interface ClickChoice {
  blockId: string;
  actionId: string;
  selectedValue?: string;
  label: string;
}

/** The element of `row` whose label or value is `wanted` ("7", "4", "Agree", a select option). */
function pickElement(row: Json, rowNumber: number, wanted: string): ClickChoice {
  const blockId = String(row["block_id"] ?? "");
  const folded = wanted.trim().toLocaleLowerCase();
  const candidates: ClickChoice[] = [];
  for (const element of (row["elements"] as unknown[] | undefined) ?? []) {
    const object = asJson(element) ?? {};
    const actionId = String(object["action_id"] ?? "");
    if (object["type"] === "button") {
      candidates.push({ blockId, actionId, label: labelOf(object["text"]), ...(typeof object["value"] === "string" ? { selectedValue: object["value"] } : {}) });
    } else if (object["type"] === "static_select") {
      for (const option of (object["options"] as unknown[] | undefined) ?? []) {
        const value = String(asJson(option)?.["value"] ?? "");
        candidates.push({ blockId, actionId, selectedValue: value, label: labelOf(asJson(option)?.["text"]) });
      }
    }
  }
  // A label as shown ("4 · Agree") matches whole, by its number, or by its words alone ("Agree"):
  // never by a prefix, so that "Agree" picks "4 · Agree" and not "5 · Strongly agree".
  const matches = (choice: ClickChoice) => {
    const label = choice.label.trim().toLocaleLowerCase();
    const numbered = /^(\d+)\s*·\s*(.+)$/u.exec(label);
    return (
      label === folded ||
      choice.selectedValue?.toLocaleLowerCase() === folded ||
      (numbered !== null && (numbered[1] === folded || numbered[2]!.trim() === folded))
    );
  };
  const found = candidates.find(matches);
  if (!found) {
    throw new ChatFailure(`Row ${rowNumber} has no "${wanted}". It offers: ${candidates.map((choice) => `"${choice.label}"`).join(", ") || "nothing to click"}.`, 2);
  }
  // A button's value is Slack's to send; only a select reports the option picked.
  const isSelect = ((row["elements"] as unknown[] | undefined) ?? []).some((element) => asJson(element)?.["action_id"] === found.actionId && asJson(element)?.["type"] === "static_select");
  return isSelect ? found : { blockId: found.blockId, actionId: found.actionId, label: found.label };
}

interface Clicker {
  io: ChatIo;
  local: Awaited<ReturnType<typeof loadLocalSlack>>;
  user: ChatUser;
  email: string;
}

async function clicker(io: ChatIo, email: string): Promise<Clicker> {
  const local = await loadLocalSlack(io.env ?? process.env);
  const user = (await listUsers(local, email))?.users[0];
  if (!user) throw new ChatFailure(`No one with the e-mail ${email} in the local Slack workspace. See who is: npm run chat -- --people`);
  if (!local.botUrl) throw new ChatFailure(`${BOT_NOT_RUNNING} (it has not recorded its address in ${LOCAL_SLACK_FILE} yet)`);
  return { io, local, user, email };
}

/** The latest 50 messages of the person's DM with the app. */
async function dmMessages(who: Clicker): Promise<z.infer<typeof messagesAnswer> | z.infer<typeof failureAnswer>> {
  const url = new URL("messages", who.local.controlUrl);
  url.searchParams.set("user", who.user.id);
  url.searchParams.set("limit", "50");
  return await controlJson(await request(url.toString()), messagesAnswer, "the messages");
}

/** A reply only the person sees (a refusal), printed as such. */
function printPrivately(who: Clicker, message: { text?: unknown; blocks?: unknown }): void {
  who.io.stdout(`(only ${who.user.realName} sees this)`);
  for (const line of messageToText(message, { color: who.io.color ?? false }).split("\n")) who.io.stdout(line);
}

/** The latest message in the person's DM with the app that has buttons, and its channel. */
async function latestInteractive(who: Clicker): Promise<{ channel: string; message: ChatMessage }> {
  const answer = await dmMessages(who);
  if (!answer.ok) throw new ChatFailure(`The local Slack workspace could not show the messages: ${answer.error}`);
  const message = [...answer.messages].reverse().find((candidate) => candidate.byBot && actionRows(candidate).length > 0);
  if (!answer.conversation || !message) throw new ChatFailure(`Nothing to click: the bot's DM with ${who.user.realName} has no message with buttons (a survey that closed has none).`);
  return { channel: answer.conversation.id, message };
}

function rowOf(message: ChatMessage, rowNumber: number): Json {
  const rows = actionRows(message);
  const row = rows[rowNumber - 1];
  if (!row) throw new ChatFailure(`The message has ${rows.length} row${rows.length === 1 ? "" : "s"} of buttons; there is no row ${rowNumber}. See them: npm run chat -- --dm <email>`, 2);
  return row;
}

async function postControl<T>(who: Clicker, path: string, body: unknown, schema: z.ZodType<T>, what: string): Promise<T> {
  const answer = await controlJson(
    await request(new URL(path, who.local.controlUrl).toString(), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), timeoutMs: 15_000 }),
    schema,
    what,
  );
  const failed = failureAnswer.safeParse(answer);
  if (failed.success) throw new ChatFailure(`The local Slack workspace could not send ${what}: ${failed.data.error}`);
  return answer as T;
}

/** What only the person saw in Slack, after the first `after` such replies. */
async function privateReplies(who: Clicker, after: number): Promise<z.infer<typeof ephemeralsAnswer> | z.infer<typeof failureAnswer>> {
  const url = new URL("ephemerals", who.local.controlUrl);
  url.searchParams.set("user", who.user.id);
  url.searchParams.set("after", String(after));
  return await controlJson(await request(url.toString()), ephemeralsAnswer, "the private replies");
}

/** The first private reply after the first `after`, once it arrives (polling), or undefined past `deadline`. */
async function waitForPrivateReply(who: Clicker, after: number, deadline: number): Promise<{ text?: unknown; blocks?: unknown } | undefined> {
  for (;;) {
    const replies = await privateReplies(who, after);
    const reply = replies.ok ? replies.ephemerals[0] : undefined;
    if (reply || Date.now() > deadline) return reply;
    await pause(50);
  }
}

async function ephemeralCount(who: Clicker): Promise<number> {
  const answer = await privateReplies(who, 0);
  if (!answer.ok) throw new ChatFailure(`The local Slack workspace refused the private replies: ${answer.error} (restart the bot if it predates this command)`);
  return answer.total;
}

/** The survey message as it now reads, rows numbered. */
async function printMessage(who: Clicker, ts: string): Promise<void> {
  const answer = await dmMessages(who);
  const message = answer.ok ? answer.messages.find((candidate) => candidate.ts === ts) : undefined;
  if (!message) return;
  for (const line of messageToText(message, { color: who.io.color ?? false, numberActions: actionRows(message).length > 0 }).split("\n")) who.io.stdout(line);
}

function sendFailure(status: number, body: string, what: string): ChatFailure {
  if (status === 401) return new ChatFailure(`The bot refused the request's signature (HTTP 401). Its signing secret differs from ${LOCAL_SLACK_FILE}; restart the bot.`);
  return new ChatFailure(`The bot answered HTTP ${status} to ${what}${body.trim() ? `: ${body.trim().slice(0, 200)}` : ""}`);
}

/** `--click <row>:<answer>`: clicks, then prints the updated message, or the private reply that refused it. */
async function clickAs(io: ChatIo, email: string, spec: string): Promise<number> {
  const match = /^(\d+):(.+)$/.exec(spec.trim());
  if (!match) throw new ChatFailure(`--click takes <row>:<answer>, e.g. --click 1:7 (got "${spec}")`, 2);
  const who = await clicker(io, email);
  const { channel, message } = await latestInteractive(who);
  const choice = pickElement(rowOf(message, Number(match[1])), Number(match[1]), match[2]!);
  const outcome = await postControl(who, "interactions/click", { user: who.user.id, channel, ts: message.ts, ...choice }, interactionAnswer, `the click on "${choice.label}"`);
  if (outcome.status !== 200) throw sendFailure(outcome.status, outcome.body, `the click on "${choice.label}"`);
  const timeoutMs = io.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  const postsUrl = new URL(`response-urls/${encodeURIComponent(outcome.responseUrlId ?? "")}/posts`, who.local.controlUrl);
  postsUrl.searchParams.set("after", "0");
  postsUrl.searchParams.set("wait", String(timeoutMs));
  const replies = await controlJson(await request(postsUrl.toString(), { timeoutMs: timeoutMs + REQUEST_TIMEOUT_MS }), postsAnswer, "the reply");
  const reply = replies.ok ? replies.posts[0] : undefined;
  if (!reply) throw new ChatFailure(`The bot accepted the click on "${choice.label}" but did not answer within ${Math.round(timeoutMs / 1000)} s; see its log.`);
  if (reply.body["replace_original"] === true || reply.body["replace_original"] === "true") {
    io.stdout(`Clicked "${choice.label}" as ${who.user.realName}. The message now reads:`);
    io.stdout("");
    await printMessage(who, message.ts);
    // Then the answer itself, confirmed in a reply only the person sees (the message never shows it).
    postsUrl.searchParams.set("after", "1");
    const more = await controlJson(await request(postsUrl.toString(), { timeoutMs: timeoutMs + REQUEST_TIMEOUT_MS }), postsAnswer, "the confirmation");
    const confirmation = more.ok ? more.posts[0] : undefined;
    if (confirmation) {
      io.stdout("");
      printPrivately(who, confirmation.body);
    } else {
      io.stderr(`The bot did not confirm the answer privately within ${Math.round(timeoutMs / 1000)} s; see its log.`);
    }
    return 0;
  }
  printPrivately(who, reply.body);
  return 1;
}

async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** `--comment <row> "text"`: opens the row's comment form, fills it in and submits it. */
async function commentAs(io: ChatIo, email: string, rowText: string, text: string): Promise<number> {
  if (!/^\d+$/.test(rowText.trim())) throw new ChatFailure(`--comment takes a row number, e.g. --comment 4 "More coaching, please" (got "${rowText}")`, 2);
  if (text.trim() === "") throw new ChatFailure('--comment needs the text of the comment after the row, e.g. --comment 4 "More coaching, please"', 2);
  const rowNumber = Number(rowText);
  const who = await clicker(io, email);
  const { channel, message } = await latestInteractive(who);
  const row = rowOf(message, rowNumber);
  const buttons = ((row["elements"] as unknown[] | undefined) ?? []).map(asJson).filter((element) => element?.["type"] === "button");
  const button = buttons.length === 1 ? buttons[0]! : buttons.find((element) => String(element?.["action_id"] ?? "").includes("comment"));
  if (!button) throw new ChatFailure(`Row ${rowNumber} has no comment button; --click answers it instead.`, 2);
  const viewsUrl = new URL("views", who.local.controlUrl);
  viewsUrl.searchParams.set("user", who.user.id);
  const openViews = async () => {
    const answer = await controlJson(await request(viewsUrl.toString()), viewsAnswer, "the open forms");
    if (!answer.ok) throw new ChatFailure(`The local Slack workspace refused the open forms: ${answer.error} (restart the bot if it predates this command)`);
    return answer.views;
  };
  const before = new Set((await openViews()).map((view) => view.id));
  const ephemeralsBefore = await ephemeralCount(who);
  const label = labelOf(button["text"]);
  const clicked = await postControl(who, "interactions/click", { user: who.user.id, channel, ts: message.ts, blockId: String(row["block_id"] ?? ""), actionId: String(button["action_id"] ?? "") }, interactionAnswer, `the click on "${label}"`);
  if (clicked.status !== 200) throw sendFailure(clicked.status, clicked.body, `the click on "${label}"`);

  const timeoutMs = io.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const postsUrl = new URL(`response-urls/${encodeURIComponent(clicked.responseUrlId ?? "")}/posts`, who.local.controlUrl);
  let form: z.infer<typeof viewsAnswer>["views"][number] | undefined;
  while (!form) {
    form = (await openViews()).find((view) => !before.has(view.id));
    if (form) break;
    const posts = await controlJson(await request(postsUrl.toString()), postsAnswer, "the reply");
    const reply = posts.ok ? posts.posts[0] : undefined;
    if (reply) {
      printPrivately(who, reply.body);
      return 1;
    }
    if (Date.now() > deadline) throw new ChatFailure(`The bot accepted the click on "${label}" but opened no form within ${Math.round(timeoutMs / 1000)} s; see its log.`);
    await pause(50);
  }
  const input = form.blocks.map(asJson).find((block) => block?.["type"] === "input");
  const element = asJson(input?.["element"]);
  if (!input || !element) throw new ChatFailure(`The form "${form.title}" has nothing to type into.`);
  const editedBefore = message.editedTs;
  const submitted = await postControl(
    who,
    "interactions/submit",
    { user: who.user.id, viewId: form.id, values: { [String(input["block_id"])]: { [String(element["action_id"])]: text } } },
    interactionAnswer,
    `the form "${form.title}"`,
  );
  if (submitted.status !== 200) throw sendFailure(submitted.status, submitted.body, `the form "${form.title}"`);
  // Saved: the survey message is edited in place, then the comment is confirmed in a private
  // reply. Refused: a private reply alone. The replies are read before the message: a reply
  // that came after the edit is then never taken for a refusal.
  for (;;) {
    const replies = await privateReplies(who, ephemeralsBefore);
    const answer = await dmMessages(who);
    const now = answer.ok ? answer.messages.find((candidate) => candidate.ts === message.ts) : undefined;
    if (now?.editedTs && now.editedTs !== editedBefore) {
      io.stdout(`Comment saved as ${who.user.realName}. The message now reads:`);
      io.stdout("");
      await printMessage(who, message.ts);
      const confirmation = await waitForPrivateReply(who, ephemeralsBefore, deadline);
      if (confirmation) {
        io.stdout("");
        printPrivately(who, confirmation);
      } else {
        io.stderr(`The bot did not confirm the comment privately within ${Math.round(timeoutMs / 1000)} s; see its log.`);
      }
      return 0;
    }
    const refused = replies.ok ? replies.ephemerals[0] : undefined;
    if (refused) {
      printPrivately(who, refused);
      return 1;
    }
    if (Date.now() > deadline) throw new ChatFailure(`The bot accepted the comment but did not update the survey within ${Math.round(timeoutMs / 1000)} s; see its log.`);
    await pause(50);
  }
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
    for (const line of USAGE.split("\n")) io.stderr(line);
    return 2;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: {
          as: { type: "string" },
          people: { type: "boolean" },
          channel: { type: "string" },
          dm: { type: "string" },
          last: { type: "string" },
          click: { type: "string" },
          comment: { type: "string" },
          help: { type: "boolean", short: "h" },
        },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new ChatFailure(error instanceof Error ? error.message : String(error), 2);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      for (const line of USAGE.split("\n")) io.stdout(line);
      return 0;
    }
    const modes = (["as", "people", "channel", "dm"] as const).filter((mode) => values[mode] !== undefined);
    if (modes.length > 1) throw new ChatFailure(`give one of --as, --people, --channel and --dm (got ${modes.map((mode) => `--${mode}`).join(" and ")})`, 2);
    if (values.last !== undefined && values.channel === undefined && values.dm === undefined) throw new ChatFailure("--last goes with --channel or --dm", 2);
    if ((values.click !== undefined || values.comment !== undefined) && values.as === undefined) {
      throw new ChatFailure(`--${values.click !== undefined ? "click" : "comment"} goes with --as <email>: whose click it is`, 2);
    }
    if (values.people) {
      if (positionals.length > 0) throw new ChatFailure("--people takes no other arguments", 2);
      return await showPeople(io);
    }
    if (values.channel !== undefined || values.dm !== undefined) {
      if (positionals.length > 0) throw new ChatFailure(`--${values.channel !== undefined ? "channel" : "dm"} takes no command (got "${positionals.join(" ")}")`, 2);
      const last = values.last === undefined ? DEFAULT_LAST : Number(values.last);
      if (!Number.isInteger(last) || last < 1 || last > MAX_LAST) throw new ChatFailure(`--last needs a whole number from 1 to ${MAX_LAST} (got "${values.last}")`, 2);
      if (values.channel !== undefined) {
        if (values.channel.trim() === "") throw new ChatFailure("--channel needs a team name, a channel name or a channel id", 2);
        return await showConversation(io, { channel: values.channel }, last);
      }
      const dm = values.dm!.trim().toLowerCase();
      if (!dm.includes("@")) throw new ChatFailure("--dm needs the e-mail address of the person whose DM with the bot to show", 2);
      return await showConversation(io, { dm }, last);
    }
    const email = values.as?.trim().toLowerCase();
    if (!email || !email.includes("@")) throw new ChatFailure("--as needs the e-mail address of the person to chat as", 2);
    if (values.click !== undefined && values.comment !== undefined) throw new ChatFailure("give --click or --comment, not both", 2);
    if (values.click !== undefined) {
      if (positionals.length > 0) throw new ChatFailure(`--click takes no other arguments (got "${positionals.join(" ")}")`, 2);
      return await clickAs(io, email, values.click);
    }
    if (values.comment !== undefined) return await commentAs(io, email, values.comment, positionals.join(" "));
    const commandLine = positionals.join(" ").trim();
    if (!/^\/[a-z0-9_-]+(\s|$)/i.test(commandLine)) throw new ChatFailure('give one slash command, e.g. "/quota what if 40k"', 2);
    return await sendCommand(io, email, commandLine);
  } catch (error) {
    if (error instanceof ChatFailure) {
      io.stderr(error.message);
      if (error.exitCode === 2) for (const line of USAGE.split("\n")) io.stderr(line);
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
