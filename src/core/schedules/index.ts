export { assertTimeZone, canonicalTimeZone, isTimeZone } from "./assert-time-zone.js";
export { catchUpDecision, missedSlots, type CatchUpDecision, type MissedSlotsOptions } from "./decide-catch-up.js";
export { describeSchedule, scheduleCadence, type ScheduleCadence } from "./describe-schedule.js";
export {
  latestOccurrences,
  nextOccurrence,
  occurrencesBetween,
  previousOccurrence,
  type OccurrenceOptions,
} from "./list-occurrences.js";
export { parseCronExpression, type CronPlan, type NthWeekday } from "./parse-cron-expression.js";
export { parseScheduleSpec, type ParseScheduleSpecOptions } from "./parse-schedule-spec.js";
export type { ScheduleKind, ScheduleSpec } from "./schedule-spec.js";
