// What reached the Slack stand-in during a fan-out: every message stamped with a delivery id is
// noticed the moment the stand-in stores it (for the progress, the kill and the last message's
// time), and at the end each recipient's messages are counted from the workspace itself.
import type { StandInCall, StandInMessage, WorkspaceState } from "../../../src/slack-stand-in/index.js";
import { type StandInWorkspace, WorkspaceModel } from "../../../src/slack-stand-in/workspace.js";
import { DELIVERY_EVENT_TYPE } from "../../../src/slack/chat-port.js";

export interface StoredLedger {
  /** Delivery-stamped messages stored so far. */
  count(): number;
  /** Of those, the ones in a channel (not a DM): the digests. */
  channelCount(): number;
  /** performance.now() when the first and the latest of them were stored; NaN before any. */
  firstAt(): number;
  lastAt(): number;
  /** Whether a message stamped with this delivery id was stored. */
  has(deliveryId: string): boolean;
  /** Resolves once `count()` reaches `target`. */
  reached(target: number): Promise<void>;
}

function modelOf(workspace: StandInWorkspace): WorkspaceModel {
  if (!(workspace instanceof WorkspaceModel)) throw new Error("the stand-in's workspace is not a WorkspaceModel; the fan-out ledger reads its state");
  return workspace;
}

function deliveryIdOf(message: StandInMessage): string | undefined {
  if (message.metadata?.event_type !== DELIVERY_EVENT_TYPE) return undefined;
  const id = message.metadata.event_payload["delivery_id"];
  return typeof id === "string" ? id : undefined;
}

/** Wraps the workspace's one way of storing a message, for this stand-in instance only. */
export function watchStoredMessages(workspace: StandInWorkspace): StoredLedger {
  const model = modelOf(workspace);
  const append = model.appendMessage.bind(model);
  const ids = new Set<string>();
  let count = 0;
  let inChannels = 0;
  let first = Number.NaN;
  let last = Number.NaN;
  const waiting: Array<{ target: number; resolve: () => void }> = [];
  model.appendMessage = (message) => {
    const stored = append(message);
    const id = deliveryIdOf(message);
    if (id !== undefined) {
      ids.add(id);
      count += 1;
      if (model.state.channels[message.channel]?.isIm === false) inChannels += 1;
      last = performance.now();
      if (Number.isNaN(first)) first = last;
      for (let index = waiting.length - 1; index >= 0; index--) {
        if (count >= waiting[index]!.target) waiting.splice(index, 1)[0]!.resolve();
      }
    }
    return stored;
  };
  return {
    count: () => count,
    channelCount: () => inChannels,
    firstAt: () => first,
    lastAt: () => last,
    has: (deliveryId) => ids.has(deliveryId),
    reached(target) {
      if (count >= target) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ target, resolve }));
    },
  };
}

export interface RecipientTally {
  recipients: number;
  /** Recipients with exactly one delivery-stamped message. */
  exactlyOne: number;
  /** Recipients with more than one (duplicates), and how many extra messages that is. */
  duplicated: number;
  extraMessages: number;
  /** Recipients with none (losses). */
  missing: number;
  /** Messages whose delivery id is not the row queued for that recipient. */
  misdelivered: number;
  /** Delivery-stamped messages in a conversation that is no recipient's. */
  strays: number;
  /** A few examples of each problem, for the report. */
  examples: string[];
}

/**
 * Counts, per recipient (a channel id, or a user id meaning the bot's DM with them), the messages
 * stamped with a delivery id, against the row id queued for that recipient.
 */
export function tallyRecipients(workspace: StandInWorkspace, expected: ReadonlyMap<string, string>): RecipientTally {
  const state: WorkspaceState = modelOf(workspace).state;
  const received = new Map<string, string[]>();
  for (const recipient of expected.keys()) received.set(recipient, []);
  let strays = 0;
  const examples: string[] = [];
  for (const [channelId, messages] of Object.entries(state.messages)) {
    const channel = state.channels[channelId];
    const recipient = channel?.isIm ? channel.imUserId : channelId;
    for (const message of messages) {
      const id = deliveryIdOf(message);
      if (id === undefined) continue;
      const list = recipient === undefined ? undefined : received.get(recipient);
      if (list) list.push(id);
      else {
        strays += 1;
        if (examples.length < 10) examples.push(`stray: delivery ${id} in ${channelId}`);
      }
    }
  }
  const tally: RecipientTally = { recipients: expected.size, exactlyOne: 0, duplicated: 0, extraMessages: 0, missing: 0, misdelivered: 0, strays, examples };
  for (const [recipient, ids] of received) {
    if (ids.length === 1) tally.exactlyOne += 1;
    if (ids.length > 1) {
      tally.duplicated += 1;
      tally.extraMessages += ids.length - 1;
      if (examples.length < 10) examples.push(`duplicate: ${recipient} got ${ids.length} (${ids.join(", ")})`);
    }
    if (ids.length === 0) {
      tally.missing += 1;
      if (examples.length < 10) examples.push(`missing: ${recipient} (row ${expected.get(recipient)})`);
    }
    for (const id of ids) {
      if (id === expected.get(recipient)) continue;
      tally.misdelivered += 1;
      if (examples.length < 10) examples.push(`misdelivered: ${recipient} got delivery ${id}, queued ${expected.get(recipient)}`);
    }
  }
  return tally;
}

export interface MethodCalls {
  method: string;
  calls: number;
  ok: number;
  /** Answered 429 with Retry-After. */
  rateLimited: number;
  /** Answered with another error (ok:false or an HTTP error). */
  failed: number;
}

/** The stand-in's call log by method. */
export function callsByMethod(workspace: StandInWorkspace): MethodCalls[] {
  const calls: readonly StandInCall[] = modelOf(workspace).state.calls;
  const byMethod = new Map<string, MethodCalls>();
  for (const call of calls) {
    let entry = byMethod.get(call.method);
    if (!entry) {
      entry = { method: call.method, calls: 0, ok: 0, rateLimited: 0, failed: 0 };
      byMethod.set(call.method, entry);
    }
    entry.calls += 1;
    if (call.ok) entry.ok += 1;
    else if (call.httpStatus === 429) entry.rateLimited += 1;
    else entry.failed += 1;
  }
  return [...byMethod.values()].sort((a, b) => a.method.localeCompare(b.method));
}

