import { AppError } from "../errors.js";
import { latestOccurrences, type OccurrenceOptions } from "./list-occurrences.js";
import type { ScheduleKind, ScheduleSpec } from "./schedule-spec.js";

export type CatchUpDecision = { action: "fire" } | { action: "late"; lateByMs: number } | { action: "skip"; reason: string };

interface CatchUpPolicy {
  /** Up to this long after its slot a fire counts as on time (ms, inclusive). */
  onTimeMs: number;
  /** Less than this long after its slot a missed fire still goes out, marked late (ms, exclusive). */
  lateLimitMs: number;
  /** What is skipped, for the log line. */
  noun: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const POLICIES: Record<ScheduleKind, CatchUpPolicy> = {
  // A digest a day old is stale: the next one is at most a week away.
  forecast_digest: { onTimeMs: 5 * MINUTE, lateLimitMs: 24 * HOUR, noun: "digest" },
};

function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/**
 * What to do with a slot (UTC) handled at `now` (UTC): "fire" within the on-time window (5 min
 * for a digest), "late" with `lateByMs` (ms after the slot) until the late limit (under 24 h
 * for a digest; the message should say it is late), "skip" with a reason to log after that.
 * Throws `invalid_input` for a slot after `now`.
 */
export function catchUpDecision(kind: ScheduleKind, slotAt: Date, now: Date): CatchUpDecision {
  const policy = POLICIES[kind];
  const lateByMs = now.getTime() - slotAt.getTime();
  if (Number.isNaN(lateByMs)) throw new AppError("invalid_input", "slotAt and now must be valid times.");
  if (lateByMs < 0) {
    throw new AppError("invalid_input", `The slot ${slotAt.toISOString()} is after now (${now.toISOString()}); it is not due yet.`);
  }
  if (lateByMs <= policy.onTimeMs) return { action: "fire" };
  if (lateByMs < policy.lateLimitMs) return { action: "late", lateByMs };
  return {
    action: "skip",
    reason: `The ${policy.noun} for ${slotAt.toISOString()} was missed by ${formatDuration(lateByMs)}; a ${policy.noun} more than ${formatDuration(policy.lateLimitMs)} late is skipped.`,
  };
}

export interface MissedSlotsOptions extends OccurrenceOptions {
  /** At most this many slots, the latest ones (default 50). */
  limit?: number;
}

/**
 * The slots (UTC, ascending) still to handle at `now`: those after the last handled slot (or
 * after creation when none was), up to and including `now`, keeping only the latest `limit`
 * (default 50) so a schedule dormant for a year does not return thousands. Feed each one to
 * `catchUpDecision`.
 */
export function missedSlots(
  spec: ScheduleSpec,
  timeZone: string,
  lastSlotAt: Date | null,
  createdAt: Date,
  now: Date,
  options: MissedSlotsOptions = {},
): Date[] {
  const { limit = 50, ...occurrenceOptions } = options;
  return latestOccurrences(spec, timeZone, lastSlotAt ?? createdAt, now, limit, occurrenceOptions);
}
