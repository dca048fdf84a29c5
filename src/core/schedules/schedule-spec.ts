/**
 * When a schedule fires, as stored on the `Schedule` row (columns `cron`, `preset`,
 * `everyWeeks`, `anchorDate`). Evaluated in the schedule's IANA time zone.
 *
 * `cron` is a normalised five-field cron expression (minute hour day-of-month month
 * day-of-week; numbers, not names; Sunday is 0). Two day-of-week extensions, borrowed from
 * Quartz, express the presets plain cron cannot:
 * - `D#k` — the k-th weekday D of the month (k 1-5): "first Tuesday" is `2#1`;
 * - `DL`  — the last weekday D of the month: "last Friday" is `5L`.
 * "Every 2 weeks" is not cron either: the cron names the weekday and `everyWeeks` (2-8) with
 * `anchorDate` (a Monday, ISO `YYYY-MM-DD`) keeps only the weeks 0, N, 2N… counted from the
 * anchor's week.
 */
export interface ScheduleSpec {
  cron: string;
  /** The admin's own words (whitespace collapsed) when a preset was used; null for raw cron. */
  preset: string | null;
  /** Fire only every N-th week (1 = every week), counted from `anchorDate`. */
  everyWeeks: number;
  /** Monday (ISO date) of week 0 when `everyWeeks` > 1; null otherwise. */
  anchorDate: string | null;
}

/** What a schedule does; mirrors the `ScheduleKind` enum of the schema. */
export type ScheduleKind = "forecast_digest";

/** How often a schedule fires, in the words a digest's heading needs. */
export type ScheduleCadence =
  | { kind: "daily" }
  | { kind: "weekdays" }
  | { kind: "weekly" }
  | { kind: "everyWeeks"; weeks: number }
  | { kind: "monthly" }
  | { kind: "quarterly" }
  /** Any other shape (several weekdays, a raw cron with steps, …): no single word fits. */
  | { kind: "custom" };
