// Turning a delivery row's payload into the message to send, by the row's `kind`. Renderers are
// registered by the composition root (the forecast digest's among them); `announcement` is built in.
import { z } from "zod";
import type { OutgoingMessage } from "../core/chat-port.js";

/**
 * Renders one payload (as stored, JSON) into a message. Throw `DeliveryRenderError` (or let a
 * zod parse fail) when the payload can never be rendered: the delivery then fails for good with
 * the reason `render_failed`. Any other error counts as transient and is retried with backoff.
 */
export type DeliveryRenderer = (payload: unknown, delivery?: DeliveryContext) => Promise<OutgoingMessage>;

/** The row being rendered, for renderers whose message depends on who receives it (the worker always passes it). */
export interface DeliveryContext {
  id: string;
  tenantId: string;
  /** A channel id, or a user id for a DM. */
  recipient: string;
}

/** Renderers by delivery kind. */
export type DeliveryRenderers = Readonly<Record<string, DeliveryRenderer>>;

export class DeliveryRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeliveryRenderError";
  }
}

/**
 * Thrown by a renderer when the message must not go out any more (e.g. a survey reminder to
 * someone who answered after it was queued): the worker sends nothing and records the row as
 * done with `skipped: <reason>` in `last_error` (status `sent`, no message channel or ts) —
 * not a failure, and never retried.
 */
export class DeliverySkipped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "DeliverySkipped";
  }
}

/**
 * A stored payload parsed with `schema`. One that does not parse can never be rendered, so it
 * fails with `DeliveryRenderError` (the delivery fails for good) naming `what` and the first bad field.
 */
export function parseDeliveryPayload<T>(schema: z.ZodType<T>, payload: unknown, what: string): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DeliveryRenderError(`The ${what} payload is not valid at ${issue.path.join(".") || "payload"}: ${issue.message}`);
}

/** Slack's limits: 50 blocks per message; text beyond 40,000 characters is refused. */
const announcementPayload = z.object({
  text: z.string().trim().min(1).max(40_000),
  blocks: z.array(z.looseObject({ type: z.string() })).max(50).optional(),
});

export type AnnouncementPayload = z.input<typeof announcementPayload>;

/** A plain message: `{ text, blocks? }`, blocks in the platform's own format. */
export const renderAnnouncement: DeliveryRenderer = async (payload) => {
  const parsed = announcementPayload.parse(payload);
  return { text: parsed.text, ...(parsed.blocks ? { blocks: parsed.blocks } : {}) };
};

export const builtInRenderers: DeliveryRenderers = { announcement: renderAnnouncement };
