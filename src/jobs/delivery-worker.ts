// Sends the delivery outbox. Each replica runs one worker: it claims a few due rows under a lease,
// sends them through the ChatPort within Slack's limits (one message per channel per
// `channelIntervalMs`, Retry-After per method and channel) and records each outcome only while it
// still holds the row's lease. A row claimed before (attempts > 1) may have reached Slack already,
// so it is looked up by its delivery id first and never sent twice.
import { ZodError } from "zod";
import { type Clock, systemClock } from "../clock.js";
import type { ChatPort, DeliveredMessage, OutgoingMessage, SendFailure } from "../core/chat-port.js";
import type { Database } from "../db/database.js";
import {
  type ClaimedDelivery,
  claimDeliveries,
  markFailed,
  markSent,
  markSkipped,
  reschedule,
  unfinishedDeliveryCount,
} from "../db/repositories/deliveries.js";
import type { Logger } from "../logger.js";
import { DeliveryRenderError, type DeliveryRenderers, DeliverySkipped } from "./delivery-renderers.js";

export interface RetryPolicy {
  /** Delay after the first transient failure, milliseconds; doubles with each attempt. */
  baseMs: number;
  /** Longest delay between two attempts, milliseconds. */
  maxMs: number;
  /** Attempts (claims that may have reached the platform) before the row fails as `gave_up`. */
  maxAttempts: number;
}

/** 1–2 s, 2–4 s, 4–8 s … capped at 5–10 min; the 10th failure gives up (13.5 to 27 minutes in). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, maxMs: 600_000, maxAttempts: 10 };

export interface DeliveryWorkerOptions {
  db: Database;
  chat: ChatPort;
  renderers: DeliveryRenderers;
  /** This replica's id; it owns the leases it takes. */
  owner: string;
  /** The platform `chat` talks to: only its rows are claimed. Default "slack". */
  platform?: string;
  logger: Logger;
  /** Rows being reconciled, rendered or sent at once. Default 4. */
  concurrency?: number;
  /** Rows held at most (claimed, waiting or in flight). Default 10. */
  batchSize?: number;
  /** Lease on a claimed row, milliseconds. Default 60 s. */
  leaseMs?: number;
  /** How often an idle worker looks for due rows, milliseconds. Default 1 s. */
  pollIntervalMs?: number;
  /** Least time between two messages to one channel or DM, milliseconds (Slack: 1 per second). Default 1000. */
  channelIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Reads the time for in-memory waits (pacing, Retry-After); row times come from the database. */
  clock?: Clock;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

export interface DeliveryWorker {
  /** Stops claiming, gives back rows not started yet, finishes the sends in flight and records them. */
  stop(): Promise<void>;
  /** Resolves once no delivery of its platform is pending or sending (any worker's), for tests and one-shot runs. */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  /** Rows were just enqueued: look now instead of at the next poll. */
  wakeUp(): void;
}

export type FailureStep =
  | { action: "retry"; delayMs: number; countAttempt: boolean }
  | { action: "fail"; reason: string };

/** The wait before retrying after the `attempts`-th transient failure, with equal jitter (half fixed, half random). */
/** Slack's file-upload steps, limited per workspace: a 429 there concerns pictures only. */
function isUploadMethod(method: string): boolean {
  return method.startsWith("files.") || method === "upload_url";
}

export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** What to do with a row whose `attempts`-th try ended in `failure`. */
export function nextStepAfterFailure(failure: SendFailure, attempts: number, policy: RetryPolicy, random: () => number): FailureStep {
  switch (failure.kind) {
    case "rate_limited":
      // Slack refused before doing anything: not an attempt, and never a reason to give up.
      return { action: "retry", delayMs: failure.retryAfterMs, countAttempt: false };
    case "transient":
      if (attempts >= policy.maxAttempts) return { action: "fail", reason: "gave_up" };
      return { action: "retry", delayMs: retryDelayMs(attempts, policy, random), countAttempt: true };
    case "permanent":
      return { action: "fail", reason: failure.reason };
  }
}

interface HeldRow {
  row: ClaimedDelivery;
  /**
   * The lease this claim took, `<owner>/<claim number>`: a row this same replica claims again
   * (its first lease expired) cannot be finished through the stale copy.
   */
  lease: string;
  /** Local clock, milliseconds, when the claim returned. */
  claimedAt: number;
}

type Operation = "find" | "send" | "upload";

const RECONCILE_WINDOW_MS = 60_000;

function isFailure(value: DeliveredMessage | SendFailure): value is SendFailure {
  return "kind" in value;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, chat, renderers, owner } = options;
  const platform = options.platform ?? "slack";
  const logger = options.logger.child({ component: "delivery-worker", owner });
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const batchSize = Math.max(concurrency, options.batchSize ?? 10);
  const leaseMs = options.leaseMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const channelIntervalMs = options.channelIntervalMs ?? 1_000;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const now = () => clock.now().getTime();
  // A row still waiting after this long goes back to the queue, and one whose send has not begun
  // by `sendDeadlineMs` is not sent: both keep every send well inside the lease.
  const holdLimitMs = leaseMs / 3;
  const sendDeadlineMs = leaseMs / 2;

  const ready: HeldRow[] = [];
  const inFlight = new Set<Promise<void>>();
  /** Recipients with a row in flight: one at a time per channel keeps Slack's order and pace. */
  const busy = new Set<string>();
  /** Per recipient, when its next message may go (local clock). */
  const nextSendAt = new Map<string, number>();
  /** `${operation}|${channel}` → until when Slack asked us to wait, and which method it was. */
  const blocked = new Map<string, { until: number; method: string }>();

  let stopping = false;
  let claims = 0;
  let napWake: (() => void) | undefined;
  let woken = false;
  let pumpTimer: NodeJS.Timeout | undefined;
  let pumpAt = Infinity;

  /** Ends the loop's current nap, or the next one if it is busy claiming right now. */
  function poke(): void {
    if (napWake) napWake();
    else woken = true;
  }

  function nap(ms: number): Promise<void> {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        napWake = undefined;
        resolve();
      }
      napWake = done;
    });
  }

  function blockFor(operation: Operation, recipient: string, at: number): { until: number; method: string } | undefined {
    for (const key of [`${operation}|${recipient}`, `${operation}|*`]) {
      const block = blocked.get(key);
      if (!block) continue;
      if (block.until > at) return block;
      blocked.delete(key);
    }
    return undefined;
  }

  /** Gives a row back without having sent anything (the claim does not count as an attempt). */
  async function release(held: HeldRow, delayMs: number, why: string): Promise<void> {
    try {
      await reschedule(db.prisma, held.row.id, held.lease, { delayMs }, null, { countAttempt: false });
      logger.debug({ deliveryId: held.row.id, delayMs, why }, "delivery given back");
    } catch (error) {
      // The lease will expire and another claim will pick the row up.
      logger.warn({ deliveryId: held.row.id, err: errorText(error) }, "could not give a delivery back");
    }
  }

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  function schedulePump(delayMs: number): void {
    const at = now() + delayMs;
    if (pumpTimer && pumpAt <= at) return;
    clearTimeout(pumpTimer);
    pumpAt = at;
    pumpTimer = setTimeout(() => {
      pumpTimer = undefined;
      pumpAt = Infinity;
      pump();
    }, Math.max(0, delayMs));
  }

  /** Starts the rows that may go now; gives back those that must wait long. */
  function pump(): void {
    if (stopping) return;
    const at = now();
    let soonest = Infinity;
    for (let index = 0; index < ready.length && busy.size < concurrency; ) {
      const held = ready[index]!;
      const recipient = held.row.recipient;
      if (busy.has(recipient)) {
        index += 1;
        continue;
      }
      const block = blockFor(held.row.attempts > 1 ? "find" : "send", recipient, at);
      if (block || at - held.claimedAt > holdLimitMs) {
        ready.splice(index, 1);
        track(release(held, block ? block.until - at : channelIntervalMs, block ? `${block.method} rate limited` : "held too long"));
        continue;
      }
      const wait = (nextSendAt.get(recipient) ?? 0) - at;
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        index += 1;
        continue;
      }
      ready.splice(index, 1);
      busy.add(recipient);
      track(
        deliver(held)
          .catch((error: unknown) => logger.error({ deliveryId: held.row.id, err: errorText(error) }, "delivery crashed; its lease will expire"))
          .finally(() => {
            busy.delete(recipient);
            pump();
            poke();
          }),
      );
    }
    if (soonest < Infinity) schedulePump(soonest);
    if (nextSendAt.size > 10_000) {
      for (const [recipient, when] of nextSendAt) if (when <= at) nextSendAt.delete(recipient);
    }
  }

  async function deliver(held: HeldRow): Promise<void> {
    const { row } = held;
    const log = logger.child({ deliveryId: row.id, kind: row.kind, recipient: row.recipient, attempt: row.attempts });

    if (row.attempts > 1) {
      // An earlier claim may have reached Slack without hearing back: look before sending again.
      const found = await chat.findDelivered(row.recipient, row.id, new Date(row.createdAt.getTime() - RECONCILE_WINDOW_MS));
      if (found !== null) {
        if (isFailure(found)) return settleFailure(held, found, "find", log);
        const recorded = await markSent(db.prisma, row.id, held.lease, found);
        log.info({ channel: found.channel, ts: found.ts, recorded }, "delivery found already sent; not sending again");
        return;
      }
    }

    let message: OutgoingMessage;
    const renderer = Object.hasOwn(renderers, row.kind) ? renderers[row.kind] : undefined;
    if (!renderer) {
      await markFailed(db.prisma, row.id, held.lease, "render_failed", `no renderer for kind "${row.kind}"`);
      log.warn("delivery failed: no renderer for its kind");
      return;
    }
    try {
      message = await renderer(row.payload, { id: row.id, tenantId: row.tenantId, recipient: row.recipient });
    } catch (error) {
      if (error instanceof DeliverySkipped) {
        const recorded = await markSkipped(db.prisma, row.id, held.lease, errorText(error).slice(0, 2_000));
        log.info({ reason: errorText(error), recorded }, "delivery skipped: no longer to be sent");
        return;
      }
      if (error instanceof ZodError || error instanceof DeliveryRenderError) {
        await markFailed(db.prisma, row.id, held.lease, "render_failed", errorText(error).slice(0, 2_000));
        log.warn({ err: errorText(error) }, "delivery failed: its payload cannot be rendered");
        return;
      }
      return settleFailure(held, { kind: "transient", message: `render: ${errorText(error)}` }, "send", log);
    }

    const at = now();
    const block = blockFor("send", row.recipient, at) ?? (message.image ? blockFor("upload", "*", at) : undefined);
    if (block) return release(held, block.until - at, `${block.method} rate limited`);
    if (at - held.claimedAt > sendDeadlineMs) return release(held, 0, "lease too old to send under");
    nextSendAt.set(row.recipient, Math.max(at, nextSendAt.get(row.recipient) ?? 0) + channelIntervalMs);

    const result = await chat.send(row.recipient, message, row.id);
    // Counted from the answer too: Slack paces by arrival, and this one arrived before we heard back.
    nextSendAt.set(row.recipient, now() + channelIntervalMs);
    if (!result.ok) return settleFailure(held, result, "send", log);
    const recorded = await markSent(db.prisma, row.id, held.lease, { channel: result.channel, ts: result.ts });
    if (recorded) log.debug({ channel: result.channel, ts: result.ts }, "delivery sent");
    // Our lease was taken over; the new owner reconciles before sending, and finds this message.
    else log.warn({ channel: result.channel, ts: result.ts }, "delivery sent after its lease was taken over");
  }

  async function settleFailure(held: HeldRow, failure: SendFailure, operation: Operation, log: Logger): Promise<void> {
    const { row } = held;
    const step = nextStepAfterFailure(failure, row.attempts, policy, random);
    if (failure.kind === "rate_limited") {
      const until = now() + failure.retryAfterMs;
      // A refused upload holds back only messages that carry a picture; DMs without one go on.
      const key = isUploadMethod(failure.method) ? "upload|*" : `${operation}|${failure.channel}`;
      if ((blocked.get(key)?.until ?? 0) < until) blocked.set(key, { until, method: failure.method });
      pump(); // gives back the held rows the block now covers
    }
    if (step.action === "fail") {
      await markFailed(db.prisma, row.id, held.lease, step.reason, failure.message.slice(0, 2_000));
      log.warn({ reason: step.reason, err: failure.message }, "delivery failed");
      return;
    }
    await reschedule(db.prisma, row.id, held.lease, { delayMs: step.delayMs }, failure.message.slice(0, 2_000), { countAttempt: step.countAttempt });
    log.info({ failure: failure.kind, err: failure.message, retryInMs: step.delayMs }, "delivery will be retried");
  }

  /** Tops the held rows up to `batchSize` once fewer than `concurrency` wait. */
  async function claim(): Promise<void> {
    const room = batchSize - ready.length - busy.size;
    if (room <= 0 || ready.length >= concurrency) return;
    claims += 1;
    const lease = `${owner}/${claims}`;
    const rows = await claimDeliveries(db.prisma, { owner: lease, limit: room, leaseMs, platform });
    const at = now();
    const fresh = new Set(rows.map((row) => row.id));
    // A copy still waiting here lost its lease to this claim: drop it.
    for (let index = ready.length - 1; index >= 0; index -= 1) if (fresh.has(ready[index]!.row.id)) ready.splice(index, 1);
    for (const row of rows) ready.push({ row, lease, claimedAt: at });
  }

  const loop = (async () => {
    while (!stopping) {
      try {
        await claim();
      } catch (error) {
        logger.error({ err: errorText(error) }, "claiming deliveries failed; retrying at the next poll");
      }
      pump();
      // Every finished row (and wakeUp) ends the nap early, so a busy queue is claimed as it drains.
      if (!stopping) await nap(pollIntervalMs);
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    wakeUp: poke,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        poke();
        await loop;
        clearTimeout(pumpTimer);
        for (const held of ready.splice(0)) track(release(held, 0, "worker stopping"));
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      })();
      return stopped;
    },
    async drain({ timeoutMs = 60_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (stopping) throw new Error("the delivery worker is stopped");
        if (ready.length === 0 && inFlight.size === 0 && (await unfinishedDeliveryCount(db.prisma, platform)) === 0) return;
        if (Date.now() > deadline) throw new Error(`deliveries still unfinished after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, pollIntervalMs)));
      }
    },
  };
}
