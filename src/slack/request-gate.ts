// What every request to /slack/events passes before Bolt sees it: POST only, a bounded body,
// Slack's signature with a timestamp within five minutes either way, a body zod accepts, and a
// key no earlier request (on any replica) claimed. Bolt still checks the signature itself; this
// gate exists because Bolt alone let a signed `payload=null` kill the process (its receiver reads
// `body.ssl_check` outside any catch), accepted timestamps from the future, accepted exact
// replays, and logged every refused GET with its headers. Refusals are logged by reason, at most
// one line a minute each (src/http/rejection-log.ts); headers and bodies never.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { z } from "zod";
import type { SlackRequestKeys } from "../db/repositories/slack-request-keys.js";
import { createRejectionLog, type RejectionLog } from "../http/rejection-log.js";
import type { Logger } from "../logger.js";

/** Slack's own window: a request signed more than five minutes before (or after) now is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;
/**
 * A claimed key is kept this long past its timestamp: the window, plus as much again for replicas
 * whose clocks disagree. Older keys are purged; their requests would be refused as stale anyway.
 */
const KEY_LIFETIME_SECONDS = 2 * SIGNATURE_WINDOW_SECONDS;
/** Slack's payloads are small; a modal's state is the largest (tens of kB). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this, the replay check is skipped rather than holding the acknowledgement past Slack's 3 s. */
const CLAIM_TIMEOUT_MS = 1_500;
const PURGE_INTERVAL_MS = 60_000;

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

/** An interactive payload (block_actions, view_submission, …): its listeners parse the rest. */
const interactivePayload = z.looseObject({ type: z.string().min(1) });
/** A slash command, as Slack posts it (form fields). */
const slashCommand = z.looseObject({
  command: z.string().regex(/^\/\S+$/),
  team_id: z.string().min(1),
  user_id: z.string().min(1),
});
/** An Events API body (url_verification, event_callback). */
const eventsBody = z.looseObject({
  type: z.string().min(1),
  event_id: z.string().min(1).optional(),
  team_id: z.string().min(1).optional(),
});

type Parsed =
  | { kind: "form"; body: Record<string, string> }
  | { kind: "json"; body: z.infer<typeof eventsBody> };

export interface RequestGateOptions {
  signingSecret: string;
  /** The replay table; without it (tests of the gate alone) only one process's memory is used. */
  keys: SlackRequestKeys | undefined;
  logger: Logger;
  /** Milliseconds since the epoch: Slack's clock, never a pinned domain clock. Default Date.now. */
  now?: () => number;
}

export interface RequestGate {
  /** Wraps Bolt's request listener. */
  wrap(bolt: RequestListener): RequestListener;
  close(): void;
}

class Refusal {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {}
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(header(request, "content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new Refusal(413, "body_too_large");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, "body_too_large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
function verifySignature(secret: string, request: IncomingMessage, raw: Buffer, nowMs: number): { timestamp: number; signature: string } {
  const signature = header(request, "x-slack-signature");
  const timestampText = header(request, "x-slack-request-timestamp");
  if (signature === undefined || timestampText === undefined) throw new Refusal(401, "unsigned");
  if (!/^[0-9]{1,12}$/.test(timestampText) || !/^v0=[0-9a-f]{64}$/.test(signature)) throw new Refusal(401, "bad_signature");
  const timestamp = Number(timestampText);
  const skew = Math.floor(nowMs / 1000) - timestamp;
  if (skew > SIGNATURE_WINDOW_SECONDS) throw new Refusal(401, "stale_timestamp");
  if (skew < -SIGNATURE_WINDOW_SECONDS) throw new Refusal(401, "future_timestamp");
  const expected = `v0=${createHmac("sha256", secret).update(`v0:${timestampText}:`).update(raw).digest("hex")}`;
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) throw new Refusal(401, "bad_signature");
  return { timestamp, signature };
}

function parseBody(raw: Buffer, mediaType: string): Parsed {
  const text = raw.toString("utf8");
  if (mediaType === FORM) {
    const fields: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(text)) {
      // Bolt's parser turns a repeated field into an array its listeners do not expect.
      if (key in fields) throw new Refusal(400, "malformed_body");
      fields[key] = value;
    }
    if ("payload" in fields) {
      let payload: unknown;
      try {
        payload = JSON.parse(fields["payload"]!);
      } catch {
        throw new Refusal(400, "malformed_body");
      }
      if (!interactivePayload.safeParse(payload).success) throw new Refusal(400, "malformed_body");
      return { kind: "form", body: fields };
    }
    if (!slashCommand.safeParse(fields).success) throw new Refusal(400, "malformed_body");
    return { kind: "form", body: fields };
  }
  if (mediaType === JSON_TYPE) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Refusal(400, "malformed_body");
    }
    const parsed = eventsBody.safeParse(body);
    if (!parsed.success) throw new Refusal(400, "malformed_body");
    return { kind: "json", body: parsed.data };
  }
  throw new Refusal(415, "unsupported_media_type");
}

/**
 * The key a replay or a retry of this request would claim again: an Events API event by its id
 * (Slack's retries, marked X-Slack-Retry-Num, are signed afresh), anything else by its timestamp
 * and signature (Slack never sends a slash command or a click twice; an attacker can only copy).
 */
function requestKey(parsed: Parsed, timestamp: number, signature: string): string {
  if (parsed.kind === "json" && parsed.body.event_id) return `event:${parsed.body.team_id ?? ""}:${parsed.body.event_id}`;
  return `sig:${timestamp}:${signature}`;
}

function refuse(response: ServerResponse, status: number, extraHeaders: Record<string, string> = {}): void {
  response.writeHead(status, { "content-length": "0", ...extraHeaders });
  response.end();
}

export function createRequestGate(options: RequestGateOptions): RequestGate {
  const now = options.now ?? Date.now;
  const rejections: RejectionLog = createRejectionLog({ logger: options.logger.child({ component: "slack-events" }) });
  /** Keys this process let through without the table (none given, or it could not be reached). */
  const seen = new Map<string, number>();
  let lastPurge = 0;

  function forgetExpired(nowMs: number): void {
    for (const [key, expires] of seen) if (expires < nowMs) seen.delete(key);
  }

  /** Memory's answer: for a gate without the table, and while the table cannot be reached. */
  function claimInMemory(key: string, expiresAtMs: number): boolean {
    if (seen.has(key)) return false;
    seen.set(key, expiresAtMs);
    return true;
  }

  async function claim(key: string, expiresAtMs: number): Promise<boolean> {
    const nowMs = now();
    if (nowMs - lastPurge > PURGE_INTERVAL_MS) {
      lastPurge = nowMs;
      forgetExpired(nowMs);
      options.keys?.purgeExpired(new Date(nowMs)).catch((error: unknown) => rejections.note("replay_purge_failed", { error: error instanceof Error ? error.message.slice(0, 200) : "unknown" }));
    }
    if (!options.keys) return claimInMemory(key, expiresAtMs);
    const claimed = options.keys.claim(key, new Date(expiresAtMs));
    claimed.catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        claimed,
        new Promise<boolean>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${CLAIM_TIMEOUT_MS} ms`)), CLAIM_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      // Fail open: with the database away the request's own work fails too, and says so to the
      // person; refusing it here would leave them with no answer at all. This process's memory
      // still stops replays reaching it meanwhile.
      rejections.note("replay_check_unavailable", { error: error instanceof Error ? error.message.slice(0, 200) : "unknown" });
      return claimInMemory(key, expiresAtMs);
    } finally {
      clearTimeout(timer);
    }
  }

  async function admit(request: IncomingMessage, response: ServerResponse, bolt: RequestListener): Promise<void> {
    if (request.method !== "POST") {
      // Drain nothing, log nothing but the count: this is where scanners knock.
      request.resume();
      rejections.note("method_not_allowed", { method: (request.method ?? "").slice(0, 16) });
      return refuse(response, 405, { allow: "POST" });
    }
    try {
      const raw = await readBody(request);
      const mediaType = (header(request, "content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      // Slack's own check of the connection: unsigned, and it asks for nothing.
      if (mediaType === FORM && new URLSearchParams(raw.toString("utf8")).get("ssl_check") === "1") return refuse(response, 200);
      const { timestamp, signature } = verifySignature(options.signingSecret, request, raw, now());
      const parsed = parseBody(raw, mediaType);
      if (!(await claim(requestKey(parsed, timestamp, signature), (timestamp + KEY_LIFETIME_SECONDS) * 1000))) {
        // Acknowledged, so that Slack does not retry it again; nothing runs.
        rejections.note("replay");
        return refuse(response, 200, { "x-slack-no-retry": "1" });
      }
      // Bolt reads the body from here instead of the stream we consumed; its parser compares the
      // media type exactly, so a charset parameter must not reach it.
      (request as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
      request.headers["content-type"] = mediaType;
      await bolt(request, response);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      rejections.note(error.reason);
      if (!response.headersSent) refuse(response, error.status);
    }
  }

  return {
    wrap(bolt) {
      return (request, response) => admit(request, response, bolt);
    },
    close() {
      rejections.close();
    },
  };
}
