// The port through which outbound messages leave: one implementation per chat platform
// (src/slack/chat-port.ts), hand-written fakes in tests. Everything crossing it is plain data.

/** A picture to show with a message (e.g. the digest's forecast-trend chart). */
export interface OutgoingImage {
  png: Uint8Array;
  filename: string;
  title: string;
  altText: string;
}

/** A message ready to send. Blocks are the platform's own (Block Kit for Slack). */
export interface OutgoingMessage {
  /** Plain-text fallback and notification text. */
  text: string;
  blocks?: readonly unknown[];
  image?: OutgoingImage;
  /**
   * Replace this earlier message of ours in place (Slack: chat.update) instead of posting a new
   * one — e.g. a survey DM turned to its closed state. Sending it twice gives the same message.
   */
  replace?: DeliveredMessage;
}

/** Where the platform put a message: channel and its id there (Slack's `ts`). */
export interface DeliveredMessage {
  channel: string;
  ts: string;
}

export type SendFailure =
  /** Slow down: try this method on this channel again after `retryAfterMs`. */
  | { kind: "rate_limited"; method: string; channel: string; retryAfterMs: number; message: string }
  /** Worth retrying with backoff (network error, 5xx, a lost answer). */
  | { kind: "transient"; message: string }
  /** Will never succeed as is (channel_not_found, not_in_channel, account_inactive, ...). */
  | { kind: "permanent"; reason: string; message: string };

export type SendResult = ({ ok: true } & DeliveredMessage) | ({ ok: false } & SendFailure);

export interface ChatPort {
  /**
   * Sends `message` to `recipient` (a channel id, or a user id for a DM), stamped with
   * `deliveryId` so that `findDelivered` can recognise it later.
   */
  send(recipient: string, message: OutgoingMessage, deliveryId: string): Promise<SendResult>;
  /**
   * Looks for a message stamped with `deliveryId` sent to `recipient` since `since` — the
   * answer to "did an earlier attempt reach the platform even though we never heard back?".
   */
  findDelivered(recipient: string, deliveryId: string, since: Date): Promise<DeliveredMessage | null | SendFailure>;
}
