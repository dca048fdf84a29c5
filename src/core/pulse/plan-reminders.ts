import { AppError } from "../errors.js";

const MS_PER_DAY = 86_400_000;

/** When a round's reminders are due. Instants are UTC `Date`s. */
export interface ReminderSchedule {
  /** When these invitees received the survey. */
  readonly opensAt: Date;
  /** When answers stop being accepted. */
  readonly closesAt: Date;
  /** First reminder this many days (24 h) after opening; default 2. */
  readonly afterDays?: number;
  /** A reminder one day (24 h) before closing; default true. */
  readonly onLastDay?: boolean;
  /** At most this many reminders per person; default 2. */
  readonly maxReminders?: number;
}

/** A reminder already planned or sent to a person; `at` its slot or its sending time (UTC). */
export interface SentReminder {
  readonly recipientId: string;
  readonly at: Date;
}

export interface DueReminder {
  readonly recipientId: string;
  /** 1 for the first reminder this person gets, 2 for the second… */
  readonly ordinal: number;
  /** The slot it is for (UTC): stable, so it suits an idempotency key. */
  readonly slot: Date;
}

function invalid(message: string, field: string): AppError {
  return new AppError("invalid_input", message, { field });
}

/**
 * The reminder slots of a round, earliest first: `afterDays` after opening and one day before
 * closing, only those strictly inside the open window, merged when they coincide, and at most
 * `maxReminders` of them.
 */
export function reminderSlots(schedule: ReminderSchedule): Date[] {
  const opens = schedule.opensAt.getTime();
  const closes = schedule.closesAt.getTime();
  if (Number.isNaN(opens) || Number.isNaN(closes)) throw invalid("The open window has an invalid instant.", "schedule");
  if (closes <= opens) throw invalid("closesAt: must be after opensAt.", "closesAt");
  const afterDays = schedule.afterDays ?? 2;
  const maxReminders = schedule.maxReminders ?? 2;
  if (!(afterDays > 0)) throw invalid("afterDays: must be more than 0.", "afterDays");
  if (!Number.isInteger(maxReminders) || maxReminders < 0) throw invalid("maxReminders: must be a whole number.", "maxReminders");
  const candidates = [opens + afterDays * MS_PER_DAY];
  if (schedule.onLastDay ?? true) candidates.push(closes - MS_PER_DAY);
  const inside = [...new Set(candidates.filter((slot) => slot > opens && slot < closes))].sort((a, b) => a - b);
  return inside.slice(0, maxReminders).map((slot) => new Date(slot));
}

/**
 * Who gets a reminder at `now` (UTC): invitees who have not answered, when the latest slot at
 * or before `now` is not yet covered by a reminder of theirs (one at or after that slot) and
 * they have had fewer than `maxReminders`. Missed slots collapse into one reminder, so a late
 * tick never sends two at once; nothing is due before the first slot or once the round closes.
 * Call once per group of invitees sharing `opensAt` (one time zone's delivery); invitee order
 * is kept.
 */
export function reminderRecipients(
  invitedIds: readonly string[],
  answeredIds: Iterable<string>,
  sentReminders: readonly SentReminder[],
  now: Date,
  schedule: ReminderSchedule,
): DueReminder[] {
  const slots = reminderSlots(schedule);
  if (now.getTime() >= schedule.closesAt.getTime()) return [];
  const current = slots.filter((slot) => slot.getTime() <= now.getTime()).at(-1);
  if (current === undefined) return [];
  const answered = new Set(answeredIds);
  const sentTo = new Map<string, Date[]>();
  for (const reminder of sentReminders) {
    const list = sentTo.get(reminder.recipientId);
    if (list === undefined) sentTo.set(reminder.recipientId, [reminder.at]);
    else list.push(reminder.at);
  }
  const due: DueReminder[] = [];
  for (const recipientId of new Set(invitedIds)) {
    if (answered.has(recipientId)) continue;
    const sent = sentTo.get(recipientId) ?? [];
    if (sent.length >= slots.length) continue;
    if (sent.some((at) => at.getTime() >= current.getTime())) continue;
    due.push({ recipientId, ordinal: sent.length + 1, slot: current });
  }
  return due;
}
