// Reminders of a round for one group of invitees (same send instant): only to people who have
// not answered, at the "after N days" and "last day" slots, at most max, never twice for a slot,
// a missed slot collapsed into one reminder, nothing after closing.
import { describe, expect, it } from "vitest";
import { groupReminderSlots, planGroupReminders, type GroupInvitee } from "../../src/core/pulse/plan-round-reminders.js";

// Sent Mon 10 Aug 01:00Z, open 5 days: closes Sat 15 Aug 01:00Z. Slots: 2 days after sending
// (Wed 12 Aug 01:00Z) and 1 day before closing (Fri 14 Aug 01:00Z).
const sentAt = new Date("2026-08-10T01:00:00Z");
const closesAt = new Date("2026-08-15T01:00:00Z");
const settings = { remindAfterDays: 2, remindOnLastDay: true, maxReminders: 2 };
const AFTER_TWO_DAYS = new Date("2026-08-12T01:00:00Z");
const LAST_DAY = new Date("2026-08-14T01:00:00Z");

const invitee = (employeeId: string, answered: boolean, remindersCovered: number): GroupInvitee => ({ employeeId, answered, remindersCovered });

describe("planGroupReminders", () => {
  it("has the two slots, merged when they fall together (open 3 days: both on day 2)", () => {
    expect(groupReminderSlots({ sentAt, closesAt, settings })).toEqual([AFTER_TWO_DAYS, LAST_DAY]);
    expect(groupReminderSlots({ sentAt, closesAt: new Date("2026-08-13T01:00:00Z"), settings })).toEqual([AFTER_TWO_DAYS]);
    expect(groupReminderSlots({ sentAt, closesAt, settings: { ...settings, maxReminders: 0 } })).toEqual([]);
  });

  it("reminds exactly the people who have not answered, at each slot once", () => {
    const invitees = [invitee("ana", false, 0), invitee("ben", true, 0), invitee("cai", false, 0)];
    expect(planGroupReminders({ sentAt, closesAt, settings, invitees, now: new Date("2026-08-12T00:59:59Z") })).toEqual([]);
    expect(planGroupReminders({ sentAt, closesAt, settings, invitees, now: AFTER_TWO_DAYS })).toEqual([
      { employeeId: "ana", ordinal: 1, slot: AFTER_TWO_DAYS, covers: 1 },
      { employeeId: "cai", ordinal: 1, slot: AFTER_TWO_DAYS, covers: 1 },
    ]);
    // Stored as covered: the next ticks of the same day give nothing.
    const afterFirst = [invitee("ana", false, 1), invitee("ben", true, 0), invitee("cai", false, 1)];
    expect(planGroupReminders({ sentAt, closesAt, settings, invitees: afterFirst, now: new Date("2026-08-13T12:00:00Z") })).toEqual([]);
    // Cai answers on Thursday: on the last day only Ana is reminded, for the second time.
    const lastDay = [invitee("ana", false, 1), invitee("ben", true, 0), invitee("cai", true, 1)];
    expect(planGroupReminders({ sentAt, closesAt, settings, invitees: lastDay, now: LAST_DAY })).toEqual([
      { employeeId: "ana", ordinal: 2, slot: LAST_DAY, covers: 2 },
    ]);
    expect(planGroupReminders({ sentAt, closesAt, settings, invitees: [invitee("ana", false, 2)], now: new Date("2026-08-14T20:00:00Z") })).toEqual([]);
  });

  it("collapses a missed slot into one reminder, which covers both", () => {
    // The app was down from Tuesday to Friday 02:00Z: Dan gets one reminder (his first), not two.
    const due = planGroupReminders({ sentAt, closesAt, settings, invitees: [invitee("dan", false, 0)], now: new Date("2026-08-14T02:00:00Z") });
    expect(due).toEqual([{ employeeId: "dan", ordinal: 1, slot: LAST_DAY, covers: 2 }]);
    expect(planGroupReminders({ sentAt, closesAt, settings, invitees: [invitee("dan", false, 2)], now: new Date("2026-08-14T02:01:00Z") })).toEqual([]);
  });

  it("respects max reminders and sends nothing once the round has closed", () => {
    const one = { ...settings, maxReminders: 1 };
    expect(planGroupReminders({ sentAt, closesAt, settings: one, invitees: [invitee("ana", false, 1)], now: LAST_DAY })).toEqual([]);
    expect(planGroupReminders({ sentAt, closesAt, settings, invitees: [invitee("ana", false, 0)], now: closesAt })).toEqual([]);
    expect(planGroupReminders({ sentAt, closesAt, settings: { ...settings, remindOnLastDay: false }, invitees: [invitee("ana", false, 1)], now: LAST_DAY })).toEqual([]);
  });
});
