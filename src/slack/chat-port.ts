// The ChatPort on Slack's Web API. One call, one outcome: the client never retries by itself
// (the delivery worker owns retries, backoff and Retry-After), and every Slack failure is mapped
// here, once, to rate_limited / transient / permanent.
import { ErrorCode, LogLevel, WebClient } from "@slack/web-api";
import { z } from "zod";
import type { ChatPort, DeliveredMessage, OutgoingImage, OutgoingMessage, SendFailure, SendResult } from "../core/chat-port.js";

/** The metadata event type every delivered message carries, with `{ delivery_id }` as payload. */
export const DELIVERY_EVENT_TYPE = "salesops_delivery";

/**
 * `channel` of a rate_limited failure for methods Slack limits per workspace (every method but
 * chat.postMessage, which is limited per channel): the wait applies to all channels.
 */
export const ANY_CHANNEL = "*";

export interface SlackChatPortOptions {
  botToken: string;
  /** Slack's Web API base, e.g. the stand-in's "http://127.0.0.1:4321/api/"; default Slack's. */
  apiUrl?: string | undefined;
  /** Per request, milliseconds. Keep it well below the delivery lease. Default 20 s. */
  timeoutMs?: number;
}

/** Slack errors that retrying with backoff may cure. Anything unlisted is permanent. */
const TRANSIENT_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "request_timeout",
  "service_unavailable",
  "ratelimited",
  // App-wide problems an admin can fix (a revoked or rotated token); retried until `gave_up`
  // rather than failing every recipient at once.
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "team_access_not_granted",
]);

const USER_ID = /^[UW][A-Z0-9]+$/;

const postAnswer = z.object({ channel: z.string(), ts: z.string() });
const uploadUrlAnswer = z.object({ upload_url: z.string().url(), file_id: z.string() });
const openAnswer = z.object({ channel: z.object({ id: z.string() }) });
const historyAnswer = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional(),
      }),
    )
    .default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** A failure of one step, already classified. */
class StepFailure extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.message);
  }
}

/** Section blocks for `text` (a section holds at most 3000 characters). */
function textSections(text: string): unknown[] {
  const sections: unknown[] = [];
  for (let start = 0; start < text.length && sections.length < 49; start += 3000) {
    sections.push({ type: "section", text: { type: "mrkdwn", text: text.slice(start, start + 3000) } });
  }
  return sections;
}

export function createSlackChatPort(options: SlackChatPortOptions): ChatPort {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const client = new WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logLevel: LogLevel.ERROR,
  });
  // A DM's channel id never changes; conversations.open is asked once per user and process.
  const dmChannels = new Map<string, string>();

  /** Maps what @slack/web-api threw (or anything else) to a SendFailure. */
  function classify(error: unknown, method: string, channel: string, context: { withImage?: boolean } = {}): SendFailure {
    if (error instanceof StepFailure) return error.failure;
    const code = (error as { code?: unknown } | null)?.code;
    if (code === ErrorCode.RateLimitedError) {
      const seconds = Number((error as { retryAfter?: unknown }).retryAfter);
      const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
      return { kind: "rate_limited", method, channel, retryAfterMs, message: `${method}: rate limited, retry after ${retryAfterMs / 1000} s` };
    }
    if (code === ErrorCode.HTTPError) {
      const status = Number((error as { statusCode?: unknown }).statusCode);
      if (status >= 500 || status === 408) return { kind: "transient", message: `${method}: HTTP ${status}` };
      return { kind: "permanent", reason: `http_${status}`, message: `${method}: HTTP ${status}` };
    }
    if (code === ErrorCode.PlatformError) {
      const reason = String((error as { data?: { error?: unknown } }).data?.error ?? "unknown_error");
      // A private file is not always ready the instant its upload completes; Slack then refuses
      // the image block. Retrying (with a fresh upload) cures that, so it is not final there.
      if (TRANSIENT_ERRORS.has(reason) || (reason === "invalid_blocks" && context.withImage)) {
        return { kind: "transient", message: `${method}: ${reason}` };
      }
      return { kind: "permanent", reason, message: `${method}: ${reason}` };
    }
    // Network errors, timeouts, a connection dropped before the answer, an answer we cannot read.
    const message = error instanceof Error ? (error as { original?: Error }).original?.message ?? error.message : String(error);
    return { kind: "transient", message: `${method}: ${message}` };
  }

  async function step<T>(method: string, channel: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new StepFailure(classify(error, method, channel));
    }
  }

  /** Uploads a PNG as a private file (shared nowhere) and returns its id. */
  async function uploadPrivately(image: OutgoingImage): Promise<string> {
    const target = await step("files.getUploadURLExternal", ANY_CHANNEL, async () =>
      uploadUrlAnswer.parse(await client.files.getUploadURLExternal({ filename: image.filename, length: image.png.byteLength, alt_text: image.altText })),
    );
    await step("upload_url", ANY_CHANNEL, async () => {
      const answer = await fetch(target.upload_url, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: image.png,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await answer.arrayBuffer();
      // Any refusal here is worth a retry: the next attempt asks for a fresh upload URL.
      if (!answer.ok) throw new Error(`upload URL answered HTTP ${answer.status}`);
    });
    await step("files.completeUploadExternal", ANY_CHANNEL, () => client.files.completeUploadExternal({ files: [{ id: target.file_id, title: image.title }] }));
    return target.file_id;
  }

  async function dmChannel(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const opened = await step("conversations.open", ANY_CHANNEL, async () => openAnswer.parse(await client.conversations.open({ users: userId })));
    dmChannels.set(userId, opened.channel.id);
    return opened.channel.id;
  }

  async function send(recipient: string, message: OutgoingMessage, deliveryId: string): Promise<SendResult> {
    if (message.replace) return replace(message.replace, message);
    try {
      let blocks = message.blocks ? [...message.blocks] : undefined;
      if (message.image) {
        const fileId = await uploadPrivately(message.image);
        const image = {
          type: "image",
          slack_file: { id: fileId },
          alt_text: message.image.altText,
          title: { type: "plain_text", text: message.image.title },
        };
        // With blocks, Slack shows only the blocks: keep the text visible above the picture.
        blocks = [...(blocks ?? textSections(message.text)), image];
      }
      const answer = await client.chat
        .postMessage({
          channel: recipient,
          text: message.text,
          // Block Kit exactly as the renderer built it; Slack itself validates it (invalid_blocks).
          ...(blocks ? { blocks: blocks as never } : {}),
          metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: deliveryId } },
        })
        .catch((error: unknown) => {
          throw new StepFailure(classify(error, "chat.postMessage", recipient, { withImage: message.image !== undefined }));
        });
      const delivered = postAnswer.safeParse(answer);
      // Slack said ok but the answer is unreadable: the message exists; reconciliation will find it.
      if (!delivered.success) return { ok: false, kind: "transient", message: "chat.postMessage: unreadable answer" };
      return { ok: true, channel: delivered.data.channel, ts: delivered.data.ts };
    } catch (error) {
      return { ok: false, ...classify(error, "chat.postMessage", recipient) };
    }
  }

  /** Updates an earlier message in place; the same update twice leaves the same message. */
  async function replace(target: DeliveredMessage, message: OutgoingMessage): Promise<SendResult> {
    try {
      await client.chat.update({ channel: target.channel, ts: target.ts, text: message.text, ...(message.blocks ? { blocks: [...message.blocks] as never } : {}) });
      return { ok: true, channel: target.channel, ts: target.ts };
    } catch (error) {
      return { ok: false, ...classify(error, "chat.update", target.channel) };
    }
  }

  async function findDelivered(recipient: string, deliveryId: string, since: Date): Promise<DeliveredMessage | null | SendFailure> {
    try {
      const channel = USER_ID.test(recipient) ? await dmChannel(recipient) : recipient;
      const oldest = (Math.max(0, since.getTime()) / 1000).toFixed(6);
      let cursor: string | undefined;
      do {
        const page = await step("conversations.history", ANY_CHANNEL, async () =>
          historyAnswer.parse(
            await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) }),
          ),
        );
        const found = page.messages.find(
          (candidate) => candidate.metadata?.event_type === DELIVERY_EVENT_TYPE && candidate.metadata.event_payload?.["delivery_id"] === deliveryId,
        );
        if (found) return { channel, ts: found.ts };
        cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
      } while (cursor);
      return null;
    } catch (error) {
      return classify(error, "conversations.history", ANY_CHANNEL);
    }
  }

  return { send, findDelivered };
}
