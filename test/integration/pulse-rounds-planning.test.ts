// Pulse rounds on a real database (PGlite always, PostgreSQL when TEST_DATABASE_URL is set) with
// the demo organisation: the scheduler tick's planning (one invitation per person at 09:00 in
// their own zone, a rerun or a second planner writing nothing more), reminders to exactly the
// people who have not answered (and none once they have — checked again at send time), closing
// with one results post, opt-out and out of office, and catch-up after downtime.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPulseSurvey, setPulseOptOut, addOutOfOffice, type PulseAdminOptions } from "../../src/core/pulse/manage-pulse-surveys.js";
import { enqueueDeliveries } from "../../src/db/repositories/deliveries.js";
import { createPulseStore, insertPlannedRound } from "../../src/db/repositories/pulse-surveys.js";
import { seedDemoTenant } from "../../src/db/seed/demo-tenant.js";
import { startDeliveryWorker, type DeliveryWorker } from "../../src/jobs/delivery-worker.js";
import { runPulseRounds } from "../../src/jobs/pulse-rounds.js";
import { createPulseReminderRenderer } from "../../src/jobs/render/pulse-reminder.js";
import { createPulseResultsRenderer } from "../../src/jobs/render/pulse-results.js";
import { createSlackChatPort } from "../../src/slack/chat-port.js";
import { createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";
import { describeEachBackend } from "../support/databases.js";
import { silentLogger } from "../support/delivery-fakes.js";
import { deliveriesOf, employeeIdOf, insertResponses, markAnswered, markInvitesSent, teamIdOf } from "../support/pulse-rounds.js";

const TODAY = "2026-08-07";
// Friday 7 Aug 2026: the surveys are created here.
const CREATED = new Date("2026-08-07T00:00:00Z");
// Monday 10 Aug 2026 09:00 in each zone (offsets that day): Kuala Lumpur +08 -> 01:00Z, Kolkata
// +05:30 -> 03:30Z, London +01 (BST) -> 08:00Z, New York −04 (EDT) -> 13:00Z, Chicago −05 (CDT) -> 14:00Z.
const NINE_AM_MONDAY: Record<string, string> = {
  "Asia/Kuala_Lumpur": "2026-08-10T01:00:00.000Z",
  "Asia/Kolkata": "2026-08-10T03:30:00.000Z",
  "Europe/London": "2026-08-10T08:00:00.000Z",
  "America/New_York": "2026-08-10T13:00:00.000Z",
  "America/Chicago": "2026-08-10T14:00:00.000Z",
};
// Monday 09:00 at UTC+14 is Sunday 19:00Z; planning starts an hour before.
const PLANNING_TIME = new Date("2026-08-09T18:00:00Z");
const ADMIN = "kevin.tan@demo.salesops.test";

describeEachBackend("pulse rounds: planning, reminders, closing", ({ db }) => {
  let tenantId: string;
  let admin: PulseAdminOptions;
  let people: Array<{ id: string; email: string; timeZone: string; locale: string; slackUserId: string | null }>;
  let standIn: SlackStandIn | undefined;
  let worker: DeliveryWorker | undefined;

  beforeAll(async () => {
    tenantId = (await seedDemoTenant(db(), { today: TODAY })).tenantId;
    admin = { store: createPulseStore(db().prisma), tenantId, employeeId: await employeeIdOf(db(), tenantId, ADMIN), locale: "en", now: CREATED };
    people = await db().prisma.employee.findMany({ where: { tenantId, active: true }, select: { id: true, email: true, timeZone: true, locale: true, slackUserId: true } });
  });

  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await standIn?.stop();
    standIn = undefined;
  });

  const tick = (now: Date) => runPulseRounds({ db: db(), now, logger: silentLogger });

  async function roundOf(surveyName: string, opensOn: string) {
    const survey = await db().prisma.pulseSurvey.findFirstOrThrow({ where: { tenantId, name: surveyName }, select: { id: true } });
    return db().prisma.pulseRound.findFirstOrThrow({ where: { surveyId: survey.id, opensOn: new Date(`${opensOn}T00:00:00Z`) } });
  }

  it("plans a round once: one invitation per person, at 09:00 in their own zone; a rerun and a second planner add nothing", async () => {
    await createPulseSurvey({ ...admin, name: "Weekly check", template: "weekly", when: "weekly Mon 09:00", openDays: 3 });
    // An hour and a second before anyone could receive it: nothing yet.
    expect((await tick(new Date("2026-08-09T17:59:59Z"))).planned).toEqual([]);
    const report = await tick(PLANNING_TIME);
    expect(report.planned).toEqual([{ surveyId: expect.any(String), opensOn: "2026-08-10", outcome: "planned", invited: people.length }]);

    const round = await roundOf("Weekly check", "2026-08-10");
    expect(round).toMatchObject({
      number: 1,
      status: "open",
      invited: people.length,
      threshold: 5,
      firstSendAt: new Date(NINE_AM_MONDAY["Asia/Kuala_Lumpur"]!),
      lastSendAt: new Date(NINE_AM_MONDAY["America/Chicago"]!),
      // Three days after the last person (Chicago) receives it.
      closesAt: new Date("2026-08-13T14:00:00.000Z"),
    });
    const invites = await deliveriesOf(db(), "pulse_invite", round.id);
    expect(invites).toHaveLength(people.length);
    for (const person of people) {
      const invite = invites.find((row) => row.idempotencyKey === `pulse_invite:${round.id}:${person.id}`);
      expect(invite, person.email).toMatchObject({
        recipient: person.slackUserId,
        payload: { roundId: round.id, locale: person.locale },
        notBefore: new Date(NINE_AM_MONDAY[person.timeZone]!),
        status: "pending",
      });
    }
    const recipients = await db().prisma.pulseRecipient.findMany({ where: { roundId: round.id } });
    expect(recipients.map((row) => row.employeeId).sort()).toEqual(people.map((person) => person.id).sort());

    // The next ticks, and a second replica writing the same date, collide instead of duplicating.
    expect((await tick(PLANNING_TIME)).planned).toEqual([]);
    expect((await tick(new Date("2026-08-10T05:00:00Z"))).planned).toEqual([]);
    const survey = await db().prisma.pulseSurvey.findFirstOrThrow({ where: { tenantId, name: "Weekly check" } });
    const again = await db().prisma.$transaction((tx) =>
      insertPlannedRound(tx, {
        tenantId, surveyId: survey.id, definition: round.definition as never, opensOn: "2026-08-10", firstSendAt: round.firstSendAt,
        lastSendAt: round.lastSendAt, closesAt: round.closesAt, threshold: 5, commentThreshold: 5, status: "open",
        sends: [{ employeeId: people[0]!.id, slackUserId: people[0]!.slackUserId!, locale: "en", timeZone: "Asia/Kuala_Lumpur", sendAt: round.firstSendAt }],
      }),
    );
    expect(again).toBe("duplicate");
    expect(await db().prisma.delivery.count({ where: { kind: "pulse_invite", payload: { path: ["roundId"], equals: round.id } } })).toBe(people.length);
    expect(await db().prisma.pulseRound.count({ where: { surveyId: survey.id } })).toBe(1);
  });

  it("reminds exactly the people who have not answered, once per slot, collapsing a missed slot", async () => {
    // Open 5 days: the round closes Sat 15 Aug 14:00Z (5 days after Chicago's 09:00). Reminder
    // slots per zone: 2 days after their 09:00 (KL: Wed 12 Aug 01:00Z) and the last day (Fri 14 Aug 14:00Z).
    await createPulseSurvey({ ...admin, name: "Reminded", template: "enps", when: "weekly Mon 09:00", openDays: 5 });
    await tick(PLANNING_TIME);
    const round = await roundOf("Reminded", "2026-08-10");
    expect(round.closesAt).toEqual(new Date("2026-08-15T14:00:00.000Z"));
    await markInvitesSent(db(), round.id);
    const kl = people.filter((person) => person.timeZone === "Asia/Kuala_Lumpur");
    const answeredEarly = kl.slice(0, 4).map((person) => person.id);
    await markAnswered(db(), round.id, answeredEarly);

    // Wed 12 Aug 01:00Z: Kuala Lumpur's first slot — only its non-respondents, nobody elsewhere yet.
    expect((await tick(new Date("2026-08-12T00:59:00Z"))).reminders).toBe(0);
    expect((await tick(new Date("2026-08-12T01:00:00Z"))).reminders).toBe(kl.length - 4);
    const first = await deliveriesOf(db(), "pulse_reminder", round.id);
    expect(first.map((row) => row.idempotencyKey).sort()).toEqual(
      kl.filter((person) => !answeredEarly.includes(person.id)).map((person) => `pulse_reminder:${round.id}:${person.id}:1`).sort(),
    );
    const invite = await db().prisma.delivery.findUniqueOrThrow({ where: { idempotencyKey: `pulse_invite:${round.id}:${kl[5]!.id}` } });
    expect(first.find((row) => row.idempotencyKey.includes(kl[5]!.id))).toMatchObject({
      recipient: kl[5]!.slackUserId,
      payload: { roundId: round.id, employeeId: kl[5]!.id, ordinal: 1, locale: kl[5]!.locale, invite: { channel: invite.messageChannel, ts: invite.messageTs } },
    });
    // Later ticks of the same slot add nothing.
    expect((await tick(new Date("2026-08-12T02:00:00Z"))).reminders).toBe(0);

    // One more Kuala Lumpur person answers; nobody elsewhere was reminded at their first slot (the
    // app "was down"), so on the last day each of them gets one reminder (their first), not two.
    await markAnswered(db(), round.id, [kl[5]!.id]);
    const lastDay = await tick(new Date("2026-08-14T14:00:00Z"));
    const answered = new Set([...answeredEarly, kl[5]!.id]);
    const expected = people
      .filter((person) => !answered.has(person.id))
      .map((person) => `pulse_reminder:${round.id}:${person.id}:${person.timeZone === "Asia/Kuala_Lumpur" ? 2 : 1}`);
    expect(lastDay.reminders).toBe(expected.length);
    const all = (await deliveriesOf(db(), "pulse_reminder", round.id)).map((row) => row.idempotencyKey);
    expect(all.filter((key) => !first.some((row) => row.idempotencyKey === key)).sort()).toEqual(expected.sort());
    expect((await tick(new Date("2026-08-15T13:59:00Z"))).reminders).toBe(0);
    // No reminder ever went to someone who had answered before it was queued.
    for (const id of answeredEarly) expect(all.some((key) => key.includes(id))).toBe(false);
  });

  it("sends a queued reminder to someone who has not answered, and skips it (nothing sent) once they have", async () => {
    await createPulseSurvey({ ...admin, name: "Rendered", template: "weekly", when: "weekly Mon 09:00", openDays: 5 });
    await tick(PLANNING_TIME);
    const round = await roundOf("Rendered", "2026-08-10");
    await markInvitesSent(db(), round.id);
    await tick(new Date("2026-08-12T01:00:00Z"));
    const reminders = await deliveriesOf(db(), "pulse_reminder", round.id);
    const [stillWaiting, answersNow] = reminders.slice(0, 2).map((row) => row.recipient);
    const answerer = people.find((person) => person.slackUserId === answersNow)!;
    // Answers after the reminder was queued, before it is sent.
    await markAnswered(db(), round.id, [answerer.id]);
    await db().prisma.delivery.updateMany({ where: { kind: "pulse_reminder", recipient: { notIn: [stillWaiting!, answersNow!] } }, data: { status: "failed" } });

    standIn = createSlackStandIn({ rateLimits: false });
    await standIn.start();
    for (const person of people.filter((entry) => [stillWaiting, answersNow].includes(entry.slackUserId!))) {
      standIn.workspace.addUser({ id: person.slackUserId!, name: person.email, email: person.email, tz: person.timeZone });
    }
    const now = new Date("2026-08-12T01:00:30Z");
    worker = startDeliveryWorker({
      db: db(),
      chat: createSlackChatPort({ botToken: standIn.botToken, apiUrl: standIn.url }),
      renderers: { pulse_reminder: createPulseReminderRenderer({ db: db(), clock: { now: () => now } }) },
      owner: "reminder-test",
      logger: silentLogger,
      pollIntervalMs: 20,
      platform: "slack",
    });
    await worker.drain();

    const rows = await deliveriesOf(db(), "pulse_reminder", round.id);
    expect(rows.find((row) => row.recipient === answersNow)).toMatchObject({ status: "sent", lastError: "skipped: the invitee answered after the reminder was queued" });
    expect(standIn.workspace.dmMessagesFor(answersNow!)).toEqual([]);
    const sent = standIn.workspace.dmMessagesFor(stillWaiting!);
    expect(sent).toHaveLength(1);
    const invite = await db().prisma.delivery.findFirstOrThrow({ where: { kind: "pulse_invite", recipient: stillWaiting!, payload: { path: ["roundId"], equals: round.id } } });
    expect(JSON.stringify(sent[0]!.blocks)).toContain(`https://slack.com/app_redirect?channel=${invite.messageChannel}`);
    expect(sent[0]!.text).toBe('Reminder: "Weekly check-in" is waiting for your answers');
  });

  it("closes a round once its time is up, with one results post to the owner, figures above the threshold", async () => {
    await createPulseSurvey({ ...admin, name: "Closing", template: "enps", when: "weekly Mon 09:00", openDays: 3 });
    await tick(PLANNING_TIME);
    const round = await roundOf("Closing", "2026-08-10");
    const apac = await teamIdOf(db(), tenantId, "APAC Enterprise");
    // Six answers from one team: 10, 9, 9, 8, 6, 3 -> 3 promoters, 1 passive, 2 detractors; eNPS = (3 − 2) / 6 = +17.
    await insertResponses(
      db(),
      tenantId,
      round.id,
      [10, 9, 9, 8, 6, 3].map((score) => ({ teamId: apac, answers: { enps: score } })),
    );
    expect((await tick(new Date("2026-08-13T13:59:59Z"))).closed).toBe(0);
    expect((await tick(new Date("2026-08-13T14:00:00Z"))).closed).toBe(1);
    expect((await tick(new Date("2026-08-13T14:01:00Z"))).closed).toBe(0);
    const closed = await db().prisma.pulseRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(closed).toMatchObject({ status: "closed", closedAt: new Date("2026-08-13T14:00:00Z") });
    const posts = await deliveriesOf(db(), "pulse_results", round.id);
    const kevin = people.find((person) => person.email === ADMIN)!;
    expect(posts).toEqual([
      { idempotencyKey: `pulse_results:${round.id}`, recipient: kevin.slackUserId, payload: { roundId: round.id, locale: "en" }, notBefore: expect.any(Date), status: "pending", lastError: null },
    ]);
    const message = await createPulseResultsRenderer({ db: db() })(posts[0]!.payload);
    const text = JSON.stringify(message.blocks);
    expect(message.text).toContain("eNPS +17");
    expect(text).toContain("round 1 closed");
    expect(text).toContain(`6 of ${people.length} answered`);
    // A reminder is not sent once the round has closed.
    expect((await tick(new Date("2026-08-13T14:02:00Z"))).reminders).toBe(0);
  });

  it("skips the people who opted out or are out of office in the next round", async () => {
    const optedOut = people.find((person) => person.email === "weiming.tan@demo.salesops.test")!;
    const away = people.find((person) => person.email === "oliver.bennett@demo.salesops.test")!;
    await setPulseOptOut({ ...admin, optedOut: true, employeeId: optedOut.id });
    await addOutOfOffice({ ...admin, person: away.email, from: "2026-08-17", to: "2026-08-21" });
    await createPulseSurvey({ ...admin, name: "Next week", template: "weekly", when: "weekly Mon 09:00", openDays: 3 });
    await tick(PLANNING_TIME);
    const thisWeek = await roundOf("Next week", "2026-08-10");
    const recipientsNow = (await db().prisma.pulseRecipient.findMany({ where: { roundId: thisWeek.id } })).map((row) => row.employeeId);
    // Opted out before this round: not asked; away only next week: asked this week.
    expect(recipientsNow).not.toContain(optedOut.id);
    expect(recipientsNow).toContain(away.id);
    expect(recipientsNow).toHaveLength(people.length - 1);

    await tick(new Date("2026-08-16T18:00:00Z"));
    const nextWeek = await roundOf("Next week", "2026-08-17");
    const recipientsNext = (await db().prisma.pulseRecipient.findMany({ where: { roundId: nextWeek.id } })).map((row) => row.employeeId);
    expect(nextWeek.number).toBe(2);
    expect(recipientsNext).not.toContain(optedOut.id);
    expect(recipientsNext).not.toContain(away.id);
    expect(recipientsNext).toHaveLength(people.length - 2);
    await setPulseOptOut({ ...admin, optedOut: false, employeeId: optedOut.id });
  });

  it("enqueues deliveries in bulk with the same rules as one by one: a known key is skipped, new rows counted", async () => {
    const rows = ["UBULK1", "UBULK2", "UBULK3"].map((recipient, index) => ({
      tenantId, kind: "announcement", idempotencyKey: `bulk:${recipient}`, recipient, payload: { text: `hello ${index}`, nested: { n: index } },
      ...(index === 0 ? { notBefore: new Date("2030-01-01T00:00:00Z") } : {}),
    }));
    expect(await enqueueDeliveries(db().prisma, rows)).toBe(3);
    expect(await enqueueDeliveries(db().prisma, [...rows, { ...rows[0]!, idempotencyKey: "bulk:UBULK4", recipient: "UBULK4" }])).toBe(1);
    const stored = await db().prisma.delivery.findMany({ where: { idempotencyKey: { startsWith: "bulk:" } }, orderBy: { idempotencyKey: "asc" } });
    expect(stored.map((row) => [row.recipient, row.platform, row.status, row.payload])).toEqual([
      ["UBULK1", "slack", "pending", { text: "hello 0", nested: { n: 0 } }],
      ["UBULK2", "slack", "pending", { text: "hello 1", nested: { n: 1 } }],
      ["UBULK3", "slack", "pending", { text: "hello 2", nested: { n: 2 } }],
      ["UBULK4", "slack", "pending", { text: "hello 0", nested: { n: 0 } }],
    ]);
    expect(stored[0]!.notBefore).toEqual(new Date("2030-01-01T00:00:00Z"));
    // No notBefore: due now (the database's clock).
    expect(Math.abs(stored[1]!.notBefore.getTime() - Date.now())).toBeLessThan(60_000);
    await db().prisma.delivery.deleteMany({ where: { idempotencyKey: { startsWith: "bulk:" } } });
  });

  describe("catch-up after downtime", () => {
    it("sends a round less than a day late at once, and records one missed by a day or more as skipped", async () => {
      const survey = await createPulseSurvey({ ...admin, name: "Downtime", template: "weekly", when: "weekly Mon 09:00", openDays: 3 });
      // The other tests' surveys are planned by the same ticks; only this one's entries count here.
      const mine = (report: Awaited<ReturnType<typeof tick>>) => report.planned.filter((entry) => entry.surveyId === survey.id);
      // Back up Monday 10 Aug 05:00Z: 4 h after Kuala Lumpur's 09:00 -> sent late.
      const late = await tick(new Date("2026-08-10T05:00:00Z"));
      expect(mine(late)).toEqual([{ surveyId: survey.id, opensOn: "2026-08-10", outcome: "late", invited: people.length }]);
      const round = await roundOf("Downtime", "2026-08-10");
      const klInvite = (await deliveriesOf(db(), "pulse_invite", round.id)).find((row) => row.idempotencyKey.includes(people.find((person) => person.timeZone === "Asia/Kuala_Lumpur")!.id));
      // Its instant has passed: the worker sends it at once.
      expect(klInvite?.notBefore).toEqual(new Date(NINE_AM_MONDAY["Asia/Kuala_Lumpur"]!));

      // Down again from Sunday until Tuesday 18 Aug 02:00Z: 17 Aug's round is over a day late -> skipped, recorded once.
      const skipped = await tick(new Date("2026-08-18T02:00:00Z"));
      expect(mine(skipped)).toEqual([{ surveyId: survey.id, opensOn: "2026-08-17", outcome: "skipped", invited: 0 }]);
      const record = await roundOf("Downtime", "2026-08-17");
      expect(record).toMatchObject({ status: "closed", invited: 0, number: 2 });
      expect(await db().prisma.delivery.count({ where: { payload: { path: ["roundId"], equals: record.id } } })).toBe(0);
      expect(mine(await tick(new Date("2026-08-18T02:01:00Z")))).toEqual([]);
      // The next Monday is planned as usual.
      expect(mine(await tick(new Date("2026-08-23T18:00:00Z")))).toEqual([{ surveyId: survey.id, opensOn: "2026-08-24", outcome: "planned", invited: people.length }]);
    });
  });
});
