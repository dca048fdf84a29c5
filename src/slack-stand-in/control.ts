// The local control API: what the chat CLI needs from the stand-in that Slack itself would do
// in its own client (mint a response_url as if a person had typed a slash command, show what the
// app answered there, list the people and channels, read a channel or a DM, open a shared file).
// Served under /_local/ only when the stand-in is created with `localControl`, and only to a
// loopback caller that names the stand-in's own address in `Host` (a web page that rebinds its
// DNS name to 127.0.0.1 sends its own name) and carries the control secret as a bearer token
// (local mode keeps it in the 0600 DATA_DIR/local-slack.json, so other users of the machine
// cannot read every DM and click surveys as anyone). Not part of Slack's API.
import { createHash, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { z } from "zod";
import { type ClickInput, type InteractionOutcome, InteractionError, type SubmitViewInput } from "./interactions.js";
import type { MessageMetadata, StandInEphemeral, StandInResponsePost } from "./state.js";
import type { WorkspaceModel } from "./workspace.js";

export const LOCAL_CONTROL_PREFIX = "/_local/";

/** Facts the stand-in does not hold (they live in the app's database), keyed by Slack user id. */
export interface LocalUserDetails {
  role?: string | null;
  title?: string | null;
  team?: string | null;
}

export interface LocalControlOptions {
  /** Required as `Authorization: Bearer <secret>` on every control request (at least 16 characters). */
  secret: string;
  /** Called for each user listing; a failure leaves the details out rather than failing the list. */
  describeUsers?: () => Promise<Record<string, LocalUserDetails>>;
  /** The team each channel belongs to, keyed by channel id; like `describeUsers`, best effort. */
  describeChannels?: () => Promise<Record<string, { team?: string | null }>>;
}

export interface LocalControlUser extends LocalUserDetails {
  id: string;
  name: string;
  realName: string;
  email: string | null;
  tz: string;
  locale: string;
  deleted: boolean;
}

/** GET /_local/users[?email=…] */
export interface LocalUsersAnswer {
  ok: true;
  team: { id: string; name: string; domain: string };
  appId: string;
  users: LocalControlUser[];
}

/** POST /_local/response-urls with JSON { user, channel? }; channel defaults to the user's DM with the app. */
export interface LocalMintAnswer {
  ok: true;
  id: string;
  url: string;
  channel: string;
  channelName: string;
  triggerId: string;
}

/** GET /_local/response-urls/<id>/posts?after=<count>&wait=<ms> */
export interface LocalPostsAnswer {
  ok: true;
  /** Posts after the first `after`, oldest first. Empty when `wait` ran out. */
  posts: StandInResponsePost[];
  /** Total posts to this URL so far, to pass as `after` next time. */
  total: number;
}

export interface LocalControlChannel {
  id: string;
  name: string;
  /** The team whose channel this is, when the app knows it. */
  team: string | null;
  isPrivate: boolean;
  isArchived: boolean;
  /** Messages in it, thread replies included. */
  messageCount: number;
}

/** GET /_local/channels: the workspace's channels (not DMs), by name. */
export interface LocalChannelsAnswer {
  ok: true;
  bot: { userId: string; name: string };
  channels: LocalControlChannel[];
}

export interface LocalControlMessage {
  ts: string;
  threadTs?: string;
  user: string;
  /** The author's display name: the app's name for its own messages. */
  userName: string;
  byBot: boolean;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
  /** Files shared with the message itself (a file an image block shows is in its block). */
  fileIds?: string[];
  editedTs?: string;
}

/**
 * GET /_local/messages?channel=<id or name>&limit=<n> or ?user=<user id>&limit=<n> (the user's DM
 * with the app): the latest `limit` messages, oldest first. `conversation` is null for a DM never
 * opened; reading never opens one.
 */
export interface LocalMessagesAnswer {
  ok: true;
  bot: { userId: string; name: string };
  conversation: { id: string; name: string; isIm: boolean; user?: string } | null;
  messages: LocalControlMessage[];
  /** Messages in the conversation in all. */
  total: number;
}

/** POST /_local/interactions/click (body ClickInput) and /_local/interactions/submit (body SubmitViewInput). */
export interface LocalInteractionAnswer extends InteractionOutcome {
  ok: true;
}

/** An open modal, as GET /_local/views?user=<id> lists them (oldest first). */
export interface LocalControlView {
  id: string;
  callbackId: string | null;
  title: string;
  blocks: unknown[];
  openedAt: number;
}

export interface LocalViewsAnswer {
  ok: true;
  views: LocalControlView[];
}

/** GET /_local/ephemerals?user=<id>&after=<n>&wait=<ms>: what only that person saw, after the first `after`. */
export interface LocalEphemeralsAnswer {
  ok: true;
  ephemerals: StandInEphemeral[];
  total: number;
}

/** What the control API does on the app's behalf (the stand-in server supplies it). */
export interface LocalInteractions {
  click(input: ClickInput): Promise<InteractionOutcome>;
  submitView(input: SubmitViewInput): Promise<InteractionOutcome>;
}

export type LocalControlHandler = (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => Promise<void>;

const MAX_WAIT_MS = 60_000;
const POLL_INTERVAL_MS = 25;
const MAX_CONTROL_BODY_BYTES = 64 * 1024;

const DEFAULT_MESSAGE_LIMIT = 20;
const MAX_MESSAGE_LIMIT = 1_000;

const messagesQuery = z
  .object({
    channel: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_MESSAGE_LIMIT).default(DEFAULT_MESSAGE_LIMIT),
  })
  .refine((query) => (query.channel === undefined) !== (query.user === undefined), "give channel or user, not both");

const mintBody = z.object({ user: z.string().min(1), channel: z.string().min(1).optional() });
const clickBody = z.object({
  user: z.string().min(1),
  channel: z.string().min(1),
  ts: z.string().min(1),
  blockId: z.string().min(1),
  actionId: z.string().min(1),
  selectedValue: z.string().optional(),
});
const submitBody = z.object({
  user: z.string().min(1),
  viewId: z.string().min(1),
  values: z.record(z.string(), z.record(z.string(), z.string())),
});
const userQuery = z.object({ user: z.string().min(1) });
const postsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  wait: z.coerce.number().int().min(0).max(MAX_WAIT_MS).default(0),
});

/** The only `Host` values the control API answers: its own loopback address and port. */
function hostIsOurs(request: http.IncomingMessage): boolean {
  const port = request.socket.localPort;
  const host = (request.headers.host ?? "").toLowerCase();
  return port !== undefined && (host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`);
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function json(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)) });
  response.end(text);
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > MAX_CONTROL_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch {
    return undefined;
  }
}

/**
 * `current()` once it holds more than `after` items, or as it is when `wait` ms have passed or the
 * caller hung up (long polling for the chat CLI).
 */
async function waitForMore<T>(current: () => T[], after: number, wait: number, response: http.ServerResponse): Promise<T[]> {
  const deadline = Date.now() + wait;
  let closed = false;
  response.once("close", () => {
    closed = true;
  });
  let found = current();
  while (found.length <= after && Date.now() < deadline && !closed) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    found = current();
  }
  return found;
}

export function createLocalControl(workspace: WorkspaceModel, options: LocalControlOptions, interactions?: LocalInteractions): LocalControlHandler {
  if (options.secret.length < 16) throw new Error("the local control API needs a secret of at least 16 characters");
  const secretDigest = digest(options.secret);
  function authorised(request: http.IncomingMessage): boolean {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
    return match !== null && timingSafeEqual(digest(match[1]!), secretDigest);
  }

  /** A click or a submission, sent to the app; the app's acknowledgement is in the answer. */
  async function interact(request: http.IncomingMessage, kind: "click" | "submit"): Promise<{ status: number; body: unknown }> {
    if (!interactions) return { status: 404, body: { ok: false, error: "not_found" } };
    const raw = await readJson(request);
    try {
      let outcome: InteractionOutcome;
      if (kind === "click") {
        const parsed = clickBody.safeParse(raw);
        if (!parsed.success) return { status: 400, body: { ok: false, error: "invalid_arguments", detail: "expected JSON { user, channel, ts, blockId, actionId, selectedValue? }" } };
        const { selectedValue, ...input } = parsed.data;
        outcome = await interactions.click({ ...input, ...(selectedValue !== undefined ? { selectedValue } : {}) });
      } else {
        const parsed = submitBody.safeParse(raw);
        if (!parsed.success) return { status: 400, body: { ok: false, error: "invalid_arguments", detail: "expected JSON { user, viewId, values: { blockId: { actionId: text } } }" } };
        outcome = await interactions.submitView(parsed.data);
      }
      const answer: LocalInteractionAnswer = { ok: true, ...outcome };
      return { status: 200, body: answer };
    } catch (error) {
      if (error instanceof InteractionError) return { status: 404, body: { ok: false, error: error.code, detail: error.message } };
      // The app did not answer at all (not running, or it hung).
      return { status: 502, body: { ok: false, error: "app_unreachable", detail: error instanceof Error ? error.message : String(error) } };
    }
  }

  function listViews(url: URL): { status: number; body: unknown } {
    const query = userQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return { status: 400, body: { ok: false, error: "invalid_arguments", detail: "user is required" } };
    const views: LocalControlView[] = Object.values(workspace.state.views)
      .filter((view) => view.type === "modal" && view.userId === query.data.user && view.closedAt === undefined)
      .sort((a, b) => a.openedAt - b.openedAt)
      .map((view) => {
        const title = (view.payload["title"] as { text?: unknown } | undefined)?.text;
        return structuredClone({
          id: view.id,
          callbackId: view.callbackId ?? null,
          title: typeof title === "string" ? title : "",
          blocks: (view.payload["blocks"] as unknown[] | undefined) ?? [],
          openedAt: view.openedAt,
        });
      });
    const answer: LocalViewsAnswer = { ok: true, views };
    return { status: 200, body: answer };
  }

  /** Answers as soon as an ephemeral beyond `after` reaches the user, or once `wait` ms have passed. */
  async function listEphemerals(response: http.ServerResponse, url: URL): Promise<{ status: number; body: unknown }> {
    const user = userQuery.safeParse(Object.fromEntries(url.searchParams));
    const query = postsQuery.safeParse(Object.fromEntries([...url.searchParams].filter(([key]) => key !== "user")));
    if (!user.success || !query.success) return { status: 400, body: { ok: false, error: "invalid_arguments", detail: `user, and wait from 0 to ${MAX_WAIT_MS} ms` } };
    const { after, wait } = query.data;
    const found = await waitForMore(() => workspace.state.ephemerals.filter((ephemeral) => ephemeral.user === user.data.user), after, wait, response);
    const answer: LocalEphemeralsAnswer = { ok: true, ephemerals: structuredClone(found.slice(after)), total: found.length };
    return { status: 200, body: answer };
  }

  async function listUsers(url: URL): Promise<{ status: number; body: unknown }> {
    const email = url.searchParams.get("email")?.trim().toLowerCase();
    const humans = Object.values(workspace.state.users)
      .filter((user) => !user.isBot && (email === undefined || user.email === email))
      // An active account wins over a deactivated one with the same address.
      .sort((a, b) => Number(a.deleted) - Number(b.deleted));
    if (email !== undefined && humans.length === 0) return { status: 404, body: { ok: false, error: "users_not_found" } };
    let details: Record<string, LocalUserDetails> = {};
    try {
      details = (await options.describeUsers?.()) ?? {};
    } catch {
      details = {};
    }
    const users: LocalControlUser[] = humans.map((user) => ({
      id: user.id,
      name: user.name,
      realName: user.realName,
      email: user.email ?? null,
      tz: user.tz,
      locale: user.locale,
      deleted: user.deleted,
      ...details[user.id],
    }));
    const answer: LocalUsersAnswer = { ok: true, team: { ...workspace.state.team }, appId: workspace.state.bot.appId, users };
    return { status: 200, body: answer };
  }

  async function mint(request: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
    const parsed = mintBody.safeParse(await readJson(request));
    if (!parsed.success) return { status: 400, body: { ok: false, error: "invalid_arguments", detail: "expected JSON { user, channel? }" } };
    const user = workspace.state.users[parsed.data.user];
    if (!user || user.isBot) return { status: 404, body: { ok: false, error: "user_not_found" } };
    const channel = parsed.data.channel ? workspace.resolveChannel(parsed.data.channel) : workspace.openDm(user.id).channel;
    if (!channel) return { status: 404, body: { ok: false, error: "channel_not_found" } };
    const minted = workspace.createResponseUrl(channel.id, user.id);
    const answer: LocalMintAnswer = {
      ok: true,
      id: minted.id,
      url: minted.url,
      channel: channel.id,
      channelName: channel.isIm ? "directmessage" : channel.name,
      triggerId: workspace.createTriggerId(user.id),
    };
    return { status: 200, body: answer };
  }

  /** Answers as soon as a post beyond `after` arrives, or with none once `wait` ms have passed. */
  async function posts(id: string, response: http.ServerResponse, url: URL): Promise<{ status: number; body: unknown }> {
    if (!workspace.state.responseUrls[id]) return { status: 404, body: { ok: false, error: "invalid_url" } };
    const query = postsQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return { status: 400, body: { ok: false, error: "invalid_arguments", detail: `wait is 0 to ${MAX_WAIT_MS} ms` } };
    const { after, wait } = query.data;
    const found = await waitForMore(() => workspace.state.responsePosts.filter((post) => post.responseUrlId === id), after, wait, response);
    const answer: LocalPostsAnswer = { ok: true, posts: structuredClone(found.slice(after)), total: found.length };
    return { status: 200, body: answer };
  }

  async function listChannels(): Promise<{ status: number; body: unknown }> {
    let details: Record<string, { team?: string | null }> = {};
    try {
      details = (await options.describeChannels?.()) ?? {};
    } catch {
      details = {};
    }
    const channels: LocalControlChannel[] = Object.values(workspace.state.channels)
      .filter((channel) => !channel.isIm)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((channel) => ({
        id: channel.id,
        name: channel.name,
        team: details[channel.id]?.team ?? null,
        isPrivate: channel.isPrivate,
        isArchived: channel.isArchived,
        messageCount: workspace.state.messages[channel.id]?.length ?? 0,
      }));
    const answer: LocalChannelsAnswer = { ok: true, bot: botOf(), channels };
    return { status: 200, body: answer };
  }

  function botOf(): { userId: string; name: string } {
    return { userId: workspace.state.bot.userId, name: workspace.state.users[workspace.state.bot.userId]?.realName ?? workspace.state.bot.name };
  }

  function listMessages(url: URL): { status: number; body: unknown } {
    const query = messagesQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      return { status: 400, body: { ok: false, error: "invalid_arguments", detail: `channel or user, and limit from 1 to ${MAX_MESSAGE_LIMIT}` } };
    }
    const { channel: channelArgument, user: userId, limit } = query.data;
    let conversation: LocalMessagesAnswer["conversation"] = null;
    if (userId !== undefined) {
      const user = workspace.state.users[userId];
      if (!user || user.isBot) return { status: 404, body: { ok: false, error: "user_not_found" } };
      const dm = workspace.dmChannelFor(user.id);
      if (dm) conversation = { id: dm, name: user.name, isIm: true, user: user.id };
    } else {
      const channel = workspace.state.channels[channelArgument!] ?? workspace.channelByName(channelArgument!);
      if (!channel || channel.isIm) return { status: 404, body: { ok: false, error: "channel_not_found" } };
      conversation = { id: channel.id, name: channel.name, isIm: false };
    }
    const all = conversation ? (workspace.state.messages[conversation.id] ?? []) : [];
    const bot = botOf();
    const messages: LocalControlMessage[] = all.slice(-limit).map((message) => {
      const byBot = message.user === bot.userId || message.botId !== undefined;
      const author = workspace.state.users[message.user];
      return structuredClone({
        ts: message.ts,
        ...(message.threadTs ? { threadTs: message.threadTs } : {}),
        user: message.user,
        userName: byBot ? bot.name : (author?.realName ?? message.user),
        byBot,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(message.attachments ? { attachments: message.attachments } : {}),
        ...(message.metadata ? { metadata: message.metadata } : {}),
        ...(message.fileIds ? { fileIds: message.fileIds } : {}),
        ...(message.editedTs ? { editedTs: message.editedTs } : {}),
      });
    });
    const answer: LocalMessagesAnswer = { ok: true, bot, conversation, messages, total: all.length };
    return { status: 200, body: answer };
  }

  /** GET /_local/files/<id>: the uploaded bytes, as the file's MIME type. */
  function sendFile(id: string, response: http.ServerResponse): void {
    const file = workspace.file(id);
    if (!file) return json(response, 404, { ok: false, error: "file_not_found" });
    if (!file.bytes) return json(response, 404, { ok: false, error: "file_not_uploaded" });
    response.writeHead(200, {
      "content-type": file.mimetype,
      "content-length": String(file.bytes.length),
      "content-disposition": `inline; filename="${file.filename.replace(/["\\\r\n]/g, "_")}"`,
    });
    response.end(file.bytes);
  }

  return async (request, response, url) => {
    if (!isLoopback(request.socket.remoteAddress)) return json(response, 403, { ok: false, error: "local_only" });
    if (!hostIsOurs(request)) return json(response, 403, { ok: false, error: "host_not_allowed" });
    if (!authorised(request)) {
      return json(response, 401, { ok: false, error: "not_authed", detail: "send the control secret of DATA_DIR/local-slack.json as Authorization: Bearer <secret>" });
    }
    const segments = url.pathname.slice(LOCAL_CONTROL_PREFIX.length).split("/").filter(Boolean).map(decodeURIComponent);
    let outcome: { status: number; body: unknown } | undefined;
    if (request.method === "GET" && segments.length === 1 && segments[0] === "users") outcome = await listUsers(url);
    else if (request.method === "GET" && segments.length === 1 && segments[0] === "channels") outcome = await listChannels();
    else if (request.method === "GET" && segments.length === 1 && segments[0] === "messages") outcome = listMessages(url);
    else if (request.method === "GET" && segments.length === 2 && segments[0] === "files") return sendFile(segments[1]!, response);
    else if (request.method === "POST" && segments.length === 1 && segments[0] === "response-urls") outcome = await mint(request);
    else if (request.method === "POST" && segments.length === 2 && segments[0] === "interactions" && segments[1] === "click") outcome = await interact(request, "click");
    else if (request.method === "POST" && segments.length === 2 && segments[0] === "interactions" && segments[1] === "submit") outcome = await interact(request, "submit");
    else if (request.method === "GET" && segments.length === 1 && segments[0] === "views") outcome = listViews(url);
    else if (request.method === "GET" && segments.length === 1 && segments[0] === "ephemerals") outcome = await listEphemerals(response, url);
    else if (request.method === "GET" && segments.length === 3 && segments[0] === "response-urls" && segments[2] === "posts") {
      outcome = await posts(segments[1]!, response, url);
    }
    if (response.destroyed) return;
    if (!outcome) return json(response, 404, { ok: false, error: "not_found" });
    json(response, outcome.status, outcome.body);
  };
}
