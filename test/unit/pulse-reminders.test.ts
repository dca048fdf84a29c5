import { describe, expect, it } from "vitest";
import { reminderRecipients, reminderSlots, type SentReminder } from "../../src/core/pulse/index.js";

// Sent at 09:00 Monday in Kuala Lumpur (01:00 UTC), open for 7 days.
const schedule = { opensAt: new Date("2026-03-02T01:00:00Z"), closesAt: new Date("2026-03-09T01:00:00Z") };
const invited = ["aisyah", "ben", "chen", "devi"];
const at = (iso: string) => new Date(iso);

describe("reminderSlots", () => {
  it("defaults to 2 days after opening and 1 day before closing", () => {
    expect(reminderSlots(schedule)).toEqual([at("2026-03-04T01:00:00Z"), at("2026-03-08T01:00:00Z")]);
  });

  it("keeps only slots inside the window, merged and capped", () => {
    // Open 2 days: +2 days is the closing instant (dropped); the last day starts at +1 day.
    expect(reminderSlots({ opensAt: schedule.opensAt, closesAt: at("2026-03-04T01:00:00Z") })).toEqual([at("2026-03-03T01:00:00Z")]);
    // Open 3 days: both rules give +2 days, sent once.
    expect(reminderSlots({ opensAt: schedule.opensAt, closesAt: at("2026-03-05T01:00:00Z") })).toEqual([at("2026-03-04T01:00:00Z")]);
    // Open 1 day: the last day starts when it opens; no reminders.
    expect(reminderSlots({ opensAt: schedule.opensAt, closesAt: at("2026-03-03T01:00:00Z") })).toEqual([]);
    expect(reminderSlots({ ...schedule, maxReminders: 1 })).toEqual([at("2026-03-04T01:00:00Z")]);
    expect(reminderSlots({ ...schedule, onLastDay: false, afterDays: 3 })).toEqual([at("2026-03-05T01:00:00Z")]);
  });

  it("refuses a window that closes before it opens", () => {
    expect(() => reminderSlots({ opensAt: schedule.closesAt, closesAt: schedule.opensAt })).toThrow("closesAt: must be after opensAt.");
  });
});

describe("reminderRecipients across the open window", () => {
  it("reminds exactly the non-respondents, at most twice, never after they answer", () => {
    const sent: SentReminder[] = [];
    const tick = (iso: string, answered: string[]) => {
      const due = reminderRecipients(invited, answered, sent, at(iso), schedule);
      for (const reminder of due) sent.push({ recipientId: reminder.recipientId, at: at(iso) });
      return due.map((reminder) => [reminder.recipientId, reminder.ordinal, reminder.slot.toISOString()]);
    };

    expect(tick("2026-03-02T01:00:00Z", [])).toEqual([]); // just opened
    expect(tick("2026-03-04T00:59:59Z", ["aisyah"])).toEqual([]); // one second before the first slot
    expect(tick("2026-03-04T01:00:00Z", ["aisyah"])).toEqual([
      ["ben", 1, "2026-03-04T01:00:00.000Z"],
      ["chen", 1, "2026-03-04T01:00:00.000Z"],
      ["devi", 1, "2026-03-04T01:00:00.000Z"],
    ]);
    expect(tick("2026-03-04T01:05:00Z", ["aisyah"])).toEqual([]); // the next tick sends nothing again
    expect(tick("2026-03-06T12:00:00Z", ["aisyah", "ben"])).toEqual([]); // between slots
    expect(tick("2026-03-08T01:00:00Z", ["aisyah", "ben", "devi"])).toEqual([["chen", 2, "2026-03-08T01:00:00.000Z"]]);
    expect(tick("2026-03-08T23:00:00Z", ["aisyah", "ben", "devi"])).toEqual([]); // two is the most
    expect(tick("2026-03-09T01:00:00Z", [])).toEqual([]); // closed
    expect(sent.filter((reminder) => reminder.recipientId === "chen")).toHaveLength(2);
  });

  it("collapses missed slots into one reminder when ticks were late", () => {
    const now = at("2026-03-08T06:00:00Z");
    const due = reminderRecipients(["ben"], [], [], now, schedule);
    expect(due).toEqual([{ recipientId: "ben", ordinal: 1, slot: at("2026-03-08T01:00:00Z") }]);
    expect(reminderRecipients(["ben"], [], [{ recipientId: "ben", at: now }], at("2026-03-08T07:00:00Z"), schedule)).toEqual([]);
  });

  it("ignores duplicate invitees and reminders of other people", () => {
    const due = reminderRecipients(["ben", "ben"], [], [{ recipientId: "chen", at: at("2026-03-04T01:00:00Z") }], at("2026-03-04T02:00:00Z"), schedule);
    expect(due.map((reminder) => reminder.recipientId)).toEqual(["ben"]);
  });
});
