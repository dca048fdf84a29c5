// The stand-in's HTTP face: Slack's Web API under /api/, the file upload URLs it hands out,
// and the response_urls it mints. Answers as Slack does (HTTP 200 with ok:false for errors,
// 429 with Retry-After when a rate limit is exceeded).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { systemClock, type Clock } from "./clock.js";
import { createLocalControl, LOCAL_CONTROL_PREFIX, type LocalControlOptions } from "./control.js";
import { describeFault, type Fault } from "./faults.js";
import {
  buildBlockActionsPayload,
  buildViewSubmissionPayload,
  type ClickInput,
  type InteractionOutcome,
  InteractionError,
  type InteractionTarget,
  keepsViewOpen,
  postInteraction,
  type SubmitViewInput,
} from "./interactions.js";
import { blockList, flag } from "./methods/args.js";
import { WEB_API_METHODS } from "./methods/index.js";
import { RateLimiter, type RateLimitOptions } from "./rate-limits.js";
import type { StandInCall, WorkspaceState } from "./state.js";
import { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_MAX_USES, WorkspaceModel, type StandInWorkspace } from "./workspace.js";

export const DEFAULT_BOT_TOKEN = "xoxb-stand-in-bot-token";

export interface SlackStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  teamId?: string;
  teamName?: string;
  /** Bot tokens accepted as `Authorization: Bearer …`. Default [DEFAULT_BOT_TOKEN]. */
  botTokens?: string[];
  bot?: { userId?: string; botId?: string; appId?: string; name?: string };
  /** Slack's documented limits by default; `false` turns them off; an object tunes them. */
  rateLimits?: false | RateLimitOptions;
  /** Milliseconds since the epoch; defaults to the system clock. */
  clock?: Clock;
  /** Restores a workspace saved with `workspace.snapshot()`. */
  initialState?: WorkspaceState;
  /** Largest request body accepted, in bytes. Default 50 MB. */
  maxBodyBytes?: number;
  /** Serves the local control API under /_local/ (loopback callers only); off by default. */
  localControl?: LocalControlOptions;
  /** Where clicks and modal submissions are sent; also settable later with `setInteractionTarget`. */
  interactions?: InteractionTarget;
  /**
   * Called after each request that changed the workspace, before it is answered: what the app
   * was told succeeded is saved by then (local mode keeps the workspace on disk this way, so a
   * SIGKILL loses nothing). A failure fails the request.
   */
  onChange?: () => Promise<void>;
}

/** Web API methods that only read the workspace (their call log aside, which need not survive a crash). */
const READ_ONLY_METHODS = new Set(["auth.test", "users.info", "users.lookupByEmail", "conversations.history"]);

export interface SlackStandIn {
  /** Base of the Web API, e.g. "http://127.0.0.1:4321/api/" — pass as WebClient's `slackApiUrl`. */
  readonly url: string;
  /** Scheme, host and port, e.g. "http://127.0.0.1:4321". */
  readonly origin: string;
  readonly port: number;
  /** The first accepted bot token. */
  readonly botToken: string;
  readonly workspace: StandInWorkspace;
  /** Where `click` and `submitView` send their payloads (the app's request URL and signing secret). */
  setInteractionTarget(target: InteractionTarget | undefined): void;
  /** Clicks a button or picks a select option of a stored message as `input.user`: a signed block_actions POST to the app. */
  click(input: ClickInput): Promise<InteractionOutcome>;
  /** Submits an open modal with the given input values: a signed view_submission POST; closes the modal unless the app keeps it open. */
  submitView(input: SubmitViewInput): Promise<InteractionOutcome>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

function sendText(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": String(Buffer.byteLength(text)) });
  response.end(text);
}

async function readBody(request: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBytes) throw new HttpFailure(413, "request_too_large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

type FormValue = string | Buffer;

async function parseMultipart(body: Buffer, contentType: string): Promise<Array<[string, FormValue]>> {
  try {
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
    const entries: Array<[string, FormValue]> = [];
    for (const [key, value] of form.entries()) {
      entries.push([key, typeof value === "string" ? value : Buffer.from(await value.arrayBuffer())]);
    }
    return entries;
  } catch {
    throw new HttpFailure(200, "invalid_form_data");
  }
}

/** Arguments from the query string and a JSON, form-encoded or multipart body. */
async function parseArguments(body: Buffer, contentType: string, query: URLSearchParams): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = Object.fromEntries(query);
  if (body.length === 0) return args;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw new HttpFailure(200, "invalid_json");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new HttpFailure(200, "invalid_json");
    return { ...args, ...(parsed as Record<string, unknown>) };
  }
  if (type === "application/x-www-form-urlencoded" || type === "" || type === "text/plain") {
    return { ...args, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  }
  if (type === "multipart/form-data") return { ...args, ...Object.fromEntries(await parseMultipart(body, contentType)) };
  throw new HttpFailure(200, "invalid_post_type");
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}

const responseUrlBody = z.looseObject({
  text: z.string().optional(),
  blocks: blockList.optional(),
  response_type: z.enum(["ephemeral", "in_channel"]).optional(),
  replace_original: flag.optional(),
  delete_original: flag.optional(),
  thread_ts: z.string().optional(),
});

export function createSlackStandIn(options: SlackStandInOptions = {}): SlackStandIn {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? "127.0.0.1";
  const tokens = new Set(options.botTokens ?? [DEFAULT_BOT_TOKEN]);
  if (tokens.size === 0) throw new Error("the stand-in needs at least one bot token");
  const maxBodyBytes = options.maxBodyBytes ?? 50 * 1024 * 1024;
  const limiter = options.rateLimits === false ? undefined : new RateLimiter(options.rateLimits ?? {}, clock);
  const workspace = new WorkspaceModel({
    teamId: options.teamId ?? "T0STANDIN",
    teamName: options.teamName ?? "Stand-in Sales",
    clock,
    ...(options.bot ? { bot: options.bot } : {}),
    ...(options.initialState ? { initialState: options.initialState } : {}),
    onReset: () => limiter?.reset(),
  });
  let interactionTarget = options.interactions;
  function requireTarget(): InteractionTarget {
    if (!interactionTarget) throw new InteractionError("no_app", "the stand-in does not know where the app listens (setInteractionTarget)");
    return interactionTarget;
  }
  async function click(input: ClickInput): Promise<InteractionOutcome> {
    const target = requireTarget();
    const built = buildBlockActionsPayload(workspace, input);
    const outcome = await postInteraction(target, built.payload, clock);
    return { ...outcome, responseUrlId: built.responseUrlId, triggerId: built.triggerId };
  }
  async function submitView(input: SubmitViewInput): Promise<InteractionOutcome> {
    const target = requireTarget();
    const payload = buildViewSubmissionPayload(workspace, input);
    const outcome = await postInteraction(target, payload, clock);
    const view = workspace.state.views[input.viewId];
    if (view && outcome.status === 200 && !keepsViewOpen(outcome.body)) view.closedAt = clock();
    return outcome;
  }
  const control = options.localControl ? createLocalControl(workspace, options.localControl, { click, submitView }) : undefined;

  let server: http.Server | undefined;
  let origin: string | undefined;
  let port = 0;

  async function changed(): Promise<void> {
    await options.onChange?.();
  }

  function record(call: Omit<StandInCall, "at">): void {
    workspace.recordCall({ at: clock(), ...call });
  }

  function channelOf(args: Record<string, unknown>): string | undefined {
    const value = args["channel"] ?? args["channel_id"];
    return typeof value === "string" ? value : undefined;
  }

  /** Answers a scripted fault that replaces the method's work; returns false for dropResponseAfterCommit. */
  function answerFault(response: http.ServerResponse, method: string, fault: Fault, channel: string | undefined): boolean {
    const base = { method, ...(channel ? { channel } : {}), fault: describeFault(fault) };
    if ("dropResponseAfterCommit" in fault) return false;
    if ("error" in fault) {
      record({ ...base, httpStatus: 200, ok: false, error: fault.error });
      sendJson(response, 200, { ok: false, error: fault.error });
      return true;
    }
    if (fault.status === 429) {
      const retryAfter = String(fault.retryAfterSeconds ?? 1);
      record({ ...base, httpStatus: 429, ok: false, error: "ratelimited" });
      sendJson(response, 429, { ok: false, error: "ratelimited" }, { "retry-after": retryAfter });
      return true;
    }
    record({ ...base, httpStatus: fault.status, ok: false, error: "http_error" });
    sendJson(response, fault.status, { ok: false, error: fault.status >= 500 ? "internal_error" : "request_failed" });
    return true;
  }

  async function handleWebApi(method: string, request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    let args: Record<string, unknown>;
    try {
      const body = await readBody(request, maxBodyBytes);
      args = await parseArguments(body, request.headers["content-type"] ?? "", url.searchParams);
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      record({ method, httpStatus: error.status, ok: false, error: error.code });
      sendJson(response, error.status, { ok: false, error: error.code });
      return;
    }
    const token = bearerToken(request.headers.authorization) ?? (typeof args["token"] === "string" ? args["token"] : undefined);
    delete args["token"];
    const channel = channelOf(args);
    const refuse = (error: string): void => {
      record({ method, ...(channel ? { channel } : {}), httpStatus: 200, ok: false, error });
      sendJson(response, 200, { ok: false, error });
    };
    if (!token) return refuse("not_authed");
    if (!tokens.has(token)) return refuse("invalid_auth");
    const definition = WEB_API_METHODS.get(method);
    if (!definition) return refuse("unknown_method");

    if (limiter) {
      const channelArgument = definition.channelArgument ? args[definition.channelArgument] : undefined;
      const key = typeof channelArgument === "string" ? workspace.channelKey(channelArgument) : undefined;
      const decision = limiter.check(workspace.teamId, method, key);
      if (!decision.allowed) {
        record({ method, ...(channel ? { channel } : {}), httpStatus: 429, ok: false, error: "ratelimited" });
        sendJson(response, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(decision.retryAfterSeconds) });
        return;
      }
    }

    const fault = workspace.faults.take(method, args);
    if (fault && answerFault(response, method, fault, channel)) return;

    const outcome = definition.run({ workspace }, args);
    const body = outcome.ok
      ? { ok: true, ...outcome.body }
      : { ok: false, error: outcome.error, ...(outcome.messages ? { response_metadata: { messages: outcome.messages } } : {}) };
    record({
      method,
      ...(channel ? { channel } : {}),
      httpStatus: 200,
      ok: outcome.ok,
      ...(outcome.ok ? {} : { error: outcome.error }),
      ...(fault ? { fault: describeFault(fault) } : {}),
    });
    if (outcome.ok && !READ_ONLY_METHODS.has(method)) await changed();
    if (fault) {
      // The work is committed; the caller never learns it, as when a connection drops mid-answer.
      request.socket.destroy();
      return;
    }
    sendJson(response, 200, body);
  }

  async function handleUpload(fileId: string, secret: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request, maxBodyBytes);
    const file = workspace.state.files[fileId];
    if (!file || file.uploadSecret !== secret || file.completedAt !== undefined) {
      record({ method: "upload_url", httpStatus: 404, ok: false, error: "file_not_found" });
      return sendText(response, 404, "file_not_found");
    }
    const fault = workspace.faults.take("upload_url", { file_id: fileId });
    if (fault && answerFault(response, "upload_url", fault, undefined)) return;
    const contentType = request.headers["content-type"] ?? "";
    let bytes = body;
    if (contentType.toLowerCase().startsWith("multipart/form-data")) {
      const entries = await parseMultipart(body, contentType);
      const part = entries.find(([, value]) => Buffer.isBuffer(value)) ?? entries[0];
      bytes = part ? Buffer.from(part[1]) : Buffer.alloc(0);
    }
    file.bytesBase64 = bytes.toString("base64");
    file.size = bytes.length;
    file.uploadedAt = clock();
    record({ method: "upload_url", httpStatus: 200, ok: true, ...(fault ? { fault: describeFault(fault) } : {}) });
    await changed();
    if (fault) {
      request.socket.destroy();
      return;
    }
    sendText(response, 200, `OK - ${bytes.length}`);
  }

  async function handleResponseUrl(id: string, secret: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const raw = await readBody(request, maxBodyBytes);
    const minted = workspace.state.responseUrls[id];
    if (!minted || minted.secret !== secret) {
      record({ method: "response_url", httpStatus: 404, ok: false, error: "invalid_url" });
      return sendJson(response, 404, { ok: false, error: "invalid_url" });
    }
    let parsedBody: Record<string, unknown>;
    try {
      parsedBody = await parseArguments(raw, request.headers["content-type"] ?? "application/json", new URLSearchParams());
    } catch {
      parsedBody = {};
    }
    const parsed = responseUrlBody.safeParse(parsedBody);
    const now = clock();
    const reject = (status: number, error: string): void => {
      workspace.state.responsePosts.push({ responseUrlId: id, at: now, body: parsedBody, accepted: false, error });
      record({ method: "response_url", channel: minted.channel, httpStatus: status, ok: false, error });
      sendJson(response, status, { ok: false, error });
    };
    if (!parsed.success) return reject(400, "invalid_payload");
    if (now - minted.createdAt > RESPONSE_URL_LIFETIME_MS) return reject(404, "expired_url");
    if (minted.uses >= RESPONSE_URL_MAX_USES) return reject(404, "used_url");
    const fault = workspace.faults.take("response_url", parsedBody);
    if (fault && answerFault(response, "response_url", fault, minted.channel)) return;

    minted.uses += 1;
    workspace.state.responsePosts.push({ responseUrlId: id, at: now, body: parsedBody, accepted: true });
    applyResponse(id, parsed.data);
    record({ method: "response_url", channel: minted.channel, httpStatus: 200, ok: true, ...(fault ? { fault: describeFault(fault) } : {}) });
    await changed();
    if (fault) {
      request.socket.destroy();
      return;
    }
    sendJson(response, 200, { ok: true });
  }

  /** What Slack shows after a response_url post: a channel message, an ephemeral, or a replacement. */
  function applyResponse(id: string, body: z.output<typeof responseUrlBody>): void {
    const minted = workspace.state.responseUrls[id]!;
    const original = minted.originalMessageTs ? workspace.findMessage(minted.channel, minted.originalMessageTs) : undefined;
    if (body.delete_original) {
      if (original) workspace.deleteMessage(minted.channel, original.ts);
      return;
    }
    if (body.replace_original) {
      if (original) {
        original.text = body.text ?? "";
        if (body.blocks) original.blocks = body.blocks;
        else delete original.blocks;
        original.editedTs = workspace.nextTs();
        return;
      }
      const previous = [...workspace.state.ephemerals].reverse().find((ephemeral) => ephemeral.responseUrlId === id && !ephemeral.replacedAt);
      if (previous) previous.replacedAt = clock();
    }
    const content = { text: body.text ?? "", ...(body.blocks ? { blocks: body.blocks } : {}), ...(body.thread_ts ? { threadTs: body.thread_ts } : {}) };
    if (body.response_type === "in_channel") {
      workspace.appendMessage({
        channel: minted.channel,
        ts: workspace.nextTs(),
        user: workspace.state.bot.userId,
        botId: workspace.state.bot.botId,
        ...content,
        via: "response_url",
      });
      return;
    }
    workspace.state.ephemerals.push({ channel: minted.channel, user: minted.user, ts: workspace.nextTs(), ...content, via: "response_url", responseUrlId: id });
  }

  async function route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", origin ?? "http://127.0.0.1");
    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (segments[0] === "api" && segments.length === 2) {
      if (request.method !== "POST" && request.method !== "GET") return sendJson(response, 405, { ok: false, error: "method_not_allowed" });
      return handleWebApi(segments[1]!, request, response, url);
    }
    if (request.method === "POST" && segments[0] === "upload" && segments[1] === "v1" && segments.length === 4) {
      return handleUpload(segments[2]!, segments[3]!, request, response);
    }
    if (request.method === "POST" && segments[0] === "commands" && segments.length === 4 && segments[1] === workspace.teamId) {
      return handleResponseUrl(segments[2]!, segments[3]!, request, response);
    }
    if (control && url.pathname.startsWith(LOCAL_CONTROL_PREFIX)) return control(request, response, url);
    sendJson(response, 404, { ok: false, error: "not_found" });
  }

  function requireStarted(): string {
    if (!origin) throw new Error("the Slack stand-in is not started; call start() first");
    return origin;
  }

  return {
    get url() {
      return `${requireStarted()}/api/`;
    },
    get origin() {
      return requireStarted();
    },
    get port() {
      requireStarted();
      return port;
    },
    botToken: [...tokens][0]!,
    workspace,
    setInteractionTarget(target) {
      interactionTarget = target;
    },
    click,
    submitView,
    async start() {
      if (server) return;
      const created = http.createServer((request, response) => {
        route(request, response).catch((error: unknown) => {
          if (!response.headersSent) sendJson(response, 500, { ok: false, error: "internal_error", detail: String(error) });
          else response.destroy();
        });
      });
      await new Promise<void>((resolve, reject) => {
        created.once("error", reject);
        created.listen(options.port ?? 0, host, () => {
          created.off("error", reject);
          resolve();
        });
      });
      server = created;
      port = (created.address() as AddressInfo).port;
      origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
      workspace.setPublicOrigin(origin);
    },
    async stop() {
      const running = server;
      if (!running) return;
      server = undefined;
      origin = undefined;
      workspace.setPublicOrigin(undefined);
      await new Promise<void>((resolve, reject) => {
        running.close((error) => (error ? reject(error) : resolve()));
        running.closeAllConnections();
      });
    },
  };
}
