/**
 * Reminders of one round for one group of invitees who received it at the same instant (one
 * time zone's send), on top of `reminderSlots` / `reminderRecipients`: only people who have
 * not answered, at most `maxReminders`, missed slots collapsed into one.
 *
 * What is stored per invitee is `remindersCovered` (the `pulse_recipient.reminders_sent`
 * column): how many of the group's reminder slots are behind them — a reminder at slot k
 * covers slots 1…k, so a catch-up reminder sent at the last-day slot after a missed first one
 * covers both and nothing more is due. With at most two slots this count equals the reminders
 * actually sent except after such a collapse, where it is one more; the ordinal a reminder
 * carries is always the true count.
 */
import { reminderRecipients, reminderSlots, type ReminderSchedule } from "./plan-reminders.js";

/** A survey's reminder settings (`pulse_survey` columns). */
export interface ReminderSettings {
  /** First reminder this many days (24 h) after the person received the survey. */
  readonly remindAfterDays: number;
  /** A reminder 24 h before the round closes. */
  readonly remindOnLastDay: boolean;
  /** 0-2. */
  readonly maxReminders: number;
}

export interface GroupInvitee {
  readonly employeeId: string;
  readonly answered: boolean;
  /** Reminder slots already behind this person (see above). */
  readonly remindersCovered: number;
}

export interface PlanGroupRemindersOptions {
  /** When this group received the round (UTC). */
  readonly sentAt: Date;
  readonly closesAt: Date;
  readonly settings: ReminderSettings;
  readonly invitees: readonly GroupInvitee[];
  readonly now: Date;
}

export interface GroupReminder {
  readonly employeeId: string;
  /** 1 for the person's first reminder, 2 for the second. */
  readonly ordinal: number;
  /** The slot it is for (UTC). */
  readonly slot: Date;
  /** Store this as the person's `remindersCovered` once it is queued. */
  readonly covers: number;
}

function scheduleOf(options: Pick<PlanGroupRemindersOptions, "sentAt" | "closesAt" | "settings">): ReminderSchedule {
  return {
    opensAt: options.sentAt,
    closesAt: options.closesAt,
    afterDays: options.settings.remindAfterDays,
    onLastDay: options.settings.remindOnLastDay,
    maxReminders: options.settings.maxReminders,
  };
}

/** The group's reminder slots (UTC, ascending); none when the round closes before anything is due. */
export function groupReminderSlots(options: Pick<PlanGroupRemindersOptions, "sentAt" | "closesAt" | "settings">): Date[] {
  if (options.closesAt.getTime() <= options.sentAt.getTime() || options.settings.maxReminders === 0) return [];
  return reminderSlots(scheduleOf(options));
}

/** How many of the group's slots are at or before `now`: a person covering fewer may be due. */
export function slotsPassed(slots: readonly Date[], now: Date): number {
  return slots.filter((slot) => slot.getTime() <= now.getTime()).length;
}

/**
 * The reminders due now in this group: invitees who have not answered and whose covered
 * slots do not reach the latest slot at or before `now`. Nothing once the round has closed.
 */
export function planGroupReminders(options: PlanGroupRemindersOptions): GroupReminder[] {
  const slots = groupReminderSlots(options);
  const passed = slotsPassed(slots, options.now);
  if (passed === 0) return [];
  const invitees = options.invitees.filter((invitee) => invitee.remindersCovered < passed);
  const sent = invitees.flatMap((invitee) =>
    slots.slice(0, Math.min(invitee.remindersCovered, slots.length)).map((at) => ({ recipientId: invitee.employeeId, at })),
  );
  const due = reminderRecipients(
    invitees.map((invitee) => invitee.employeeId),
    invitees.filter((invitee) => invitee.answered).map((invitee) => invitee.employeeId),
    sent,
    options.now,
    scheduleOf(options),
  );
  // ordinal = covered + 1: a collapse can only land on the last slot, so nothing follows it.
  return due.map((reminder) => ({ employeeId: reminder.recipientId, ordinal: reminder.ordinal, slot: reminder.slot, covers: passed }));
}
