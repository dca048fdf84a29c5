// Planning a pulse round: the date from the survey's schedule in its own zone, each person's
// instant at the schedule's wall time in their own zone (half-hour zones, both ends of the
// date line, DST gap and overlap), when planning is due, closing, and catch-up after downtime.
// Every instant below is worked out by hand from the zone's offset on that date.
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { dueRoundDates, planSurveyRound, ROUND_LATE_LIMIT_MS } from "../../src/core/pulse/plan-survey-round.js";
import { parseScheduleSpec } from "../../src/core/schedules/parse-schedule-spec.js";

const KL = "Asia/Kuala_Lumpur";
// Monday 10 Aug 2026, 09:00 local. Offsets that day: Kuala Lumpur +08:00, Kolkata +05:30,
// London +01:00 (BST), New York −04:00 (EDT), Kiritimati +14:00, Pago Pago −11:00.
const MONDAY_0900 = { opensOn: "2026-08-10", minuteOfDay: 9 * 60 };
const weeklyMonday = { spec: parseScheduleSpec("weekly Mon 09:00"), timeZone: KL };

function sendsOf(plan: ReturnType<typeof planSurveyRound>): Record<string, string> {
  return Object.fromEntries(plan.sends.map((send) => [send.recipientId, send.sendAt.toISOString()]));
}

describe("planSurveyRound: each person at the survey's wall time in their own zone", () => {
  it("sends 09:00 local everywhere, from Kiritimati (first) to Pago Pago (last), Kolkata on the half hour", () => {
    const plan = planSurveyRound({
      when: MONDAY_0900,
      referenceTimeZone: KL,
      recipients: [
        { id: "kl", timeZone: KL },
        { id: "kolkata", timeZone: "Asia/Kolkata" },
        { id: "london", timeZone: "Europe/London" },
        { id: "new-york", timeZone: "America/New_York" },
        { id: "kiritimati", timeZone: "Pacific/Kiritimati" },
        { id: "pago-pago", timeZone: "Pacific/Pago_Pago" },
      ],
      openDays: 3,
      now: new Date("2026-08-09T18:00:00Z"),
    });
    expect(sendsOf(plan)).toEqual({
      kl: "2026-08-10T01:00:00.000Z", // 09:00 − 8 h
      kolkata: "2026-08-10T03:30:00.000Z", // 09:00 − 5 h 30
      london: "2026-08-10T08:00:00.000Z", // 09:00 − 1 h
      "new-york": "2026-08-10T13:00:00.000Z", // 09:00 + 4 h
      kiritimati: "2026-08-09T19:00:00.000Z", // 09:00 − 14 h: the day before in UTC
      "pago-pago": "2026-08-10T20:00:00.000Z", // 09:00 + 11 h
    });
    expect(plan.opensOn).toBe("2026-08-10");
    expect(plan.firstSendAt.toISOString()).toBe("2026-08-09T19:00:00.000Z");
    expect(plan.lastSendAt.toISOString()).toBe("2026-08-10T20:00:00.000Z");
    // Three days after the LAST person (Pago Pago) receives it.
    expect(plan.closesAt.toISOString()).toBe("2026-08-13T20:00:00.000Z");
    expect(plan.decision).toEqual({ action: "on_time" });
  });

  it("sends a wall time skipped by spring-forward at the first minute after the gap", () => {
    // New York, Sun 8 Mar 2026: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist -> 03:00 EDT = 07:00Z.
    // London, Sun 29 Mar 2026: 01:00 GMT jumps to 02:00 BST; 01:30 does not exist -> 02:00 BST = 01:00Z.
    const newYork = planSurveyRound({
      when: { opensOn: "2026-03-08", minuteOfDay: 2 * 60 + 30 },
      referenceTimeZone: "America/New_York",
      recipients: [{ id: "ny", timeZone: "America/New_York" }, { id: "kl", timeZone: KL }],
      openDays: 2,
      now: new Date("2026-03-01T00:00:00Z"),
    });
    expect(sendsOf(newYork)).toEqual({ ny: "2026-03-08T07:00:00.000Z", kl: "2026-03-07T18:30:00.000Z" });
    const london = planSurveyRound({
      when: { opensOn: "2026-03-29", minuteOfDay: 90 },
      referenceTimeZone: "Europe/London",
      recipients: [{ id: "london", timeZone: "Europe/London" }],
      openDays: 2,
      now: new Date("2026-03-01T00:00:00Z"),
    });
    expect(sendsOf(london)).toEqual({ london: "2026-03-29T01:00:00.000Z" });
  });

  it("sends a wall time repeated by autumn fall-back once, at its first occurrence", () => {
    // New York, Sun 1 Nov 2026: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST) -> 05:30Z.
    // London, Sun 25 Oct 2026: 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT) -> 00:30Z.
    const plan = planSurveyRound({
      when: { opensOn: "2026-11-01", minuteOfDay: 90 },
      referenceTimeZone: "America/New_York",
      recipients: [{ id: "ny", timeZone: "America/New_York" }],
      openDays: 1,
      now: new Date("2026-10-30T00:00:00Z"),
    });
    expect(sendsOf(plan)).toEqual({ ny: "2026-11-01T05:30:00.000Z" });
    expect(plan.closesAt.toISOString()).toBe("2026-11-02T05:30:00.000Z");
    const london = planSurveyRound({
      when: { opensOn: "2026-10-25", minuteOfDay: 90 },
      referenceTimeZone: "Europe/London",
      recipients: [{ id: "london", timeZone: "Europe/London" }],
      openDays: 1,
      now: new Date("2026-10-20T00:00:00Z"),
    });
    expect(sendsOf(london)).toEqual({ london: "2026-10-25T00:30:00.000Z" });
  });

  it("opens a round started by hand now, for everyone at once, dated today in the survey's zone", () => {
    // 20:30Z on Sunday 9 Aug is 04:30 on Monday 10 Aug in Kuala Lumpur.
    const now = new Date("2026-08-09T20:30:00Z");
    const plan = planSurveyRound({
      when: { startNow: true },
      referenceTimeZone: KL,
      recipients: [{ id: "kl", timeZone: KL }, { id: "ny", timeZone: "America/New_York" }],
      openDays: 3,
      now,
    });
    expect(plan.opensOn).toBe("2026-08-10");
    expect(plan.sends.map((send) => send.sendAt)).toEqual([now, now]);
    expect(plan.closesAt.toISOString()).toBe("2026-08-12T20:30:00.000Z");
  });

  it("dates an empty round at the wall time in the survey's own zone", () => {
    const plan = planSurveyRound({ when: MONDAY_0900, referenceTimeZone: KL, recipients: [], openDays: 3, now: new Date("2026-08-09T00:00:00Z") });
    expect([plan.firstSendAt.toISOString(), plan.lastSendAt.toISOString(), plan.sends.length]).toEqual(["2026-08-10T01:00:00.000Z", "2026-08-10T01:00:00.000Z", 0]);
  });

  it("refuses open days outside 1-14", () => {
    for (const openDays of [0, 15, 2.5]) {
      expect(() => planSurveyRound({ when: MONDAY_0900, referenceTimeZone: KL, recipients: [], openDays, now: new Date("2026-08-09T00:00:00Z") })).toThrow(AppError);
    }
  });
});

describe("planSurveyRound: catch-up after downtime", () => {
  const recipients = [
    { id: "kl", timeZone: KL }, // 01:00Z
    { id: "london", timeZone: "Europe/London" }, // 08:00Z
  ];

  it("sends a round less than 24 h late: past instants at once (notBefore in the past), later ones on time", () => {
    const now = new Date("2026-08-10T05:00:00Z"); // 4 h after Kuala Lumpur's 09:00
    const plan = planSurveyRound({ when: MONDAY_0900, referenceTimeZone: KL, recipients, openDays: 3, now });
    expect(plan.decision).toEqual({ action: "late", lateByMs: 4 * 3_600_000 });
    expect(sendsOf(plan)).toEqual({ kl: "2026-08-10T01:00:00.000Z", london: "2026-08-10T08:00:00.000Z" });
    expect(plan.closesAt.toISOString()).toBe("2026-08-13T08:00:00.000Z");
  });

  it("counts the open days from now when even the last instant has passed", () => {
    const now = new Date("2026-08-10T12:00:00Z");
    const plan = planSurveyRound({ when: MONDAY_0900, referenceTimeZone: KL, recipients, openDays: 3, now });
    expect(plan.decision.action).toBe("late");
    expect(plan.closesAt.toISOString()).toBe("2026-08-13T12:00:00.000Z");
  });

  it("skips a round 24 h late or more, inviting nobody, with the reason to log", () => {
    const justInTime = planSurveyRound({ when: MONDAY_0900, referenceTimeZone: KL, recipients, openDays: 3, now: new Date(Date.parse("2026-08-10T01:00:00Z") + ROUND_LATE_LIMIT_MS - 60_000) });
    expect(justInTime.decision.action).toBe("late");
    const plan = planSurveyRound({ when: MONDAY_0900, referenceTimeZone: KL, recipients, openDays: 3, now: new Date("2026-08-11T01:00:00Z") });
    expect(plan.decision.action).toBe("skip");
    expect(plan.sends).toEqual([]);
    expect(plan.decision.action === "skip" && plan.decision.reason).toBe(
      "The round of 2026-08-10 was missed by 24 h (the app was not running); a round 24 h late or more is skipped.",
    );
  });
});

describe("dueRoundDates: which dates are planned, and when", () => {
  const countFrom = new Date("2026-07-01T00:00:00Z");

  it("plans a date an hour before anyone anywhere (UTC+14) can receive it", () => {
    // Mon 10 Aug 09:00 at UTC+14 is Sun 9 Aug 19:00Z; an hour before is 18:00Z.
    expect(dueRoundDates({ schedule: weeklyMonday, countFrom, lastOpensOn: "2026-08-03", now: new Date("2026-08-09T17:59:59Z") })).toEqual([]);
    expect(dueRoundDates({ schedule: weeklyMonday, countFrom, lastOpensOn: "2026-08-03", now: new Date("2026-08-09T18:00:00Z") })).toEqual([
      {
        opensOn: "2026-08-10",
        minuteOfDay: 540,
        referenceSlot: new Date("2026-08-10T01:00:00Z"), // 09:00 in Kuala Lumpur
        planFrom: new Date("2026-08-09T18:00:00Z"),
      },
    ]);
  });

  it("lists every date after the last round and after creation, oldest first (downtime)", () => {
    const now = new Date("2026-08-09T18:00:00Z");
    expect(dueRoundDates({ schedule: weeklyMonday, countFrom: new Date("2026-07-28T00:00:00Z"), lastOpensOn: null, now }).map((date) => date.opensOn)).toEqual([
      "2026-08-03",
      "2026-08-10",
    ]);
    // A round already on 10 Aug (started by hand, or planned by another replica): nothing due.
    expect(dueRoundDates({ schedule: weeklyMonday, countFrom, lastOpensOn: "2026-08-10", now })).toEqual([]);
  });

  it("counts from the survey's creation, edit or resume: an occurrence before it never comes due", () => {
    // Created Mon 10 Aug 02:00Z, an hour after Kuala Lumpur's 09:00: that Monday is not planned.
    const created = new Date("2026-08-10T02:00:00Z");
    expect(dueRoundDates({ schedule: weeklyMonday, countFrom: created, lastOpensOn: null, now: new Date("2026-08-10T02:01:00Z") })).toEqual([]);
    expect(dueRoundDates({ schedule: weeklyMonday, countFrom: created, lastOpensOn: null, now: new Date("2026-08-16T18:00:00Z") }).map((date) => date.opensOn)).toEqual([
      "2026-08-17",
    ]);
  });

  it("takes a cron's first time of day, once per date", () => {
    const twiceADay = { spec: parseScheduleSpec("0 9,17 * * 1"), timeZone: "Europe/London" };
    const dates = dueRoundDates({ schedule: twiceADay, countFrom, lastOpensOn: "2026-08-03", now: new Date("2026-08-10T18:00:00Z") });
    expect(dates.map((date) => [date.opensOn, date.minuteOfDay])).toEqual([["2026-08-10", 540]]);
  });

  it("keeps the every-2-weeks parity and the monthly first Monday", () => {
    const fortnightly = { spec: parseScheduleSpec("every 2 weeks Mon 09:00", { anchorDate: "2026-08-03" }), timeZone: KL };
    const now = new Date("2026-08-30T18:00:00Z");
    expect(dueRoundDates({ schedule: fortnightly, countFrom, lastOpensOn: "2026-08-03", now }).map((date) => date.opensOn)).toEqual(["2026-08-17", "2026-08-31"]);
    const monthly = { spec: parseScheduleSpec("monthly on the first Monday 09:00"), timeZone: KL };
    expect(dueRoundDates({ schedule: monthly, countFrom, lastOpensOn: "2026-08-03", now: new Date("2026-09-06T18:00:00Z") }).map((date) => date.opensOn)).toEqual(["2026-09-07"]);
  });
});
