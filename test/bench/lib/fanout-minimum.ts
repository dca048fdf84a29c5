// The least time Slack's limits allow for a fan-out: for every rate-limit bucket the work must pass
// through, the calls it needs beyond the bucket's burst divided by its refill rate; the slowest
// bucket is the floor. Buckets are modelled exactly as the stand-in keeps them
// (src/slack-stand-in/rate-limits.ts: a bucket starts full with `burst` tokens and refills
// continuously; `scale` multiplies rates and bursts), from the same tier table.
import { METHOD_RATE_LIMITS, TIER_PER_MINUTE } from "../../../src/slack-stand-in/index.js";

/** The limits a fan-out run configures on the stand-in. */
export interface FanOutLimits {
  /** Multiplies every rate and burst (the stand-in's `rateLimits.scale`). */
  scale: number;
  /** chat.postMessage per channel: messages per second and the burst before that pace applies. */
  perChannelPerSecond: number;
  perChannelBurst: number;
  /** chat.postMessage across the workspace, messages per minute; undefined = no such bucket. */
  workspacePerMinute: number | undefined;
}

/** The work of a fan-out: how many calls each bucket has to let through. */
export interface FanOutWork {
  /** Messages per recipient channel (1 for a fan-out: every recipient gets one). */
  messagesPerChannel: number;
  /** All messages (digests and DMs). */
  messages: number;
  /** Messages carrying an uploaded picture: one files.getUploadURLExternal and one files.completeUploadExternal each. */
  uploads: number;
}

export interface BucketFloor {
  bucket: string;
  calls: number;
  burst: number;
  /** Refill, calls per minute (after scale). */
  perMinute: number;
  /** (calls − burst) ÷ rate, never below 0. */
  seconds: number;
  source: string;
}

function scaledBurst(burst: number, scale: number): number {
  return Math.max(1, Math.round(burst * scale));
}

function floorOf(bucket: string, calls: number, burst: number, perMinute: number, source: string): BucketFloor {
  return { bucket, calls, burst, perMinute, seconds: Math.max(0, calls - burst) / (perMinute / 60), source };
}

/** A tier-limited method's bucket (burst = one minute's allowance, as the stand-in has it). */
function tierFloor(method: string, calls: number, scale: number): BucketFloor {
  const limit = METHOD_RATE_LIMITS[method];
  if (limit?.kind !== "tier") throw new Error(`${method} is not a tier-limited method in the stand-in's table`);
  const perMinute = TIER_PER_MINUTE[limit.tier] * scale;
  return floorOf(method, calls, scaledBurst(TIER_PER_MINUTE[limit.tier], scale), perMinute, `Tier ${limit.tier} (${TIER_PER_MINUTE[limit.tier]}/min) × scale ${scale}`);
}

/** Every bucket the fan-out passes through, with the time it needs at least. */
export function bucketFloors(work: FanOutWork, limits: FanOutLimits): BucketFloor[] {
  const floors: BucketFloor[] = [
    floorOf(
      "chat.postMessage per channel",
      work.messagesPerChannel,
      scaledBurst(limits.perChannelBurst, limits.scale),
      limits.perChannelPerSecond * limits.scale * 60,
      `${limits.perChannelPerSecond}/s per channel, burst ${limits.perChannelBurst}, × scale ${limits.scale}`,
    ),
    tierFloor("files.getUploadURLExternal", work.uploads, limits.scale),
    tierFloor("files.completeUploadExternal", work.uploads, limits.scale),
  ];
  if (limits.workspacePerMinute !== undefined) {
    floors.push(
      floorOf(
        "chat.postMessage per workspace",
        work.messages,
        scaledBurst(limits.workspacePerMinute, limits.scale),
        limits.workspacePerMinute * limits.scale,
        `chosen ${limits.workspacePerMinute}/min (Slack publishes none) × scale ${limits.scale}`,
      ),
    );
  }
  return floors;
}

/** The slowest bucket's floor: the least wall time the limits allow, seconds. */
export function minimumSeconds(floors: readonly BucketFloor[]): { seconds: number; bucket: string | null } {
  let worst: BucketFloor | null = null;
  for (const floor of floors) if (floor.seconds > 0 && (worst === null || floor.seconds > worst.seconds)) worst = floor;
  return { seconds: worst?.seconds ?? 0, bucket: worst?.bucket ?? null };
}
