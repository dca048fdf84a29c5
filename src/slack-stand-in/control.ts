// The local control API: what the chat CLI needs from the stand-in that Slack itself would do
// in its own client (mint a response_url as if a person had typed a slash command, show what the
// app answered there, list the people). Served under /_local/ only when the stand-in is created
// with `localControl`, and only to loopback callers. Not part of Slack's API.
import type http from "node:http";
import { z } from "zod";
import type { StandInResponsePost } from "./state.js";
import type { WorkspaceModel } from "./workspace.js";

export const LOCAL_CONTROL_PREFIX = "/_local/";

/** Facts the stand-in does not hold (they live in the app's database), keyed by Slack user id. */
export interface LocalUserDetails {
  role?: string | null;
  title?: string | null;
  team?: string | null;
}

export interface LocalControlOptions {
  /** Called for each user listing; a failure leaves the details out rather than failing the list. */
  describeUsers?: () => Promise<Record<string, LocalUserDetails>>;
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

export type LocalControlHandler = (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => Promise<void>;

const MAX_WAIT_MS = 60_000;
const POLL_INTERVAL_MS = 25;
const MAX_CONTROL_BODY_BYTES = 64 * 1024;

const mintBody = z.object({ user: z.string().min(1), channel: z.string().min(1).optional() });
const postsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  wait: z.coerce.number().int().min(0).max(MAX_WAIT_MS).default(0),
});

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

export function createLocalControl(workspace: WorkspaceModel, options: LocalControlOptions = {}): LocalControlHandler {
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
    const current = () => workspace.state.responsePosts.filter((post) => post.responseUrlId === id);
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
    const answer: LocalPostsAnswer = { ok: true, posts: structuredClone(found.slice(after)), total: found.length };
    return { status: 200, body: answer };
  }

  return async (request, response, url) => {
    if (!isLoopback(request.socket.remoteAddress)) return json(response, 403, { ok: false, error: "local_only" });
    const segments = url.pathname.slice(LOCAL_CONTROL_PREFIX.length).split("/").filter(Boolean).map(decodeURIComponent);
    let outcome: { status: number; body: unknown } | undefined;
    if (request.method === "GET" && segments.length === 1 && segments[0] === "users") outcome = await listUsers(url);
    else if (request.method === "POST" && segments.length === 1 && segments[0] === "response-urls") outcome = await mint(request);
    else if (request.method === "GET" && segments.length === 3 && segments[0] === "response-urls" && segments[2] === "posts") {
      outcome = await posts(segments[1]!, response, url);
    }
    if (response.destroyed) return;
    if (!outcome) return json(response, 404, { ok: false, error: "not_found" });
    json(response, outcome.status, outcome.body);
  };
}
