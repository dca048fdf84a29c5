// Pulse rounds on the scheduler tick (elected once across replicas; every step is also safe to
// run twice): plan the rounds that came due — each written with its recipients and invitations
// in one transaction —, queue reminders to the invitees who have not answered, and close the
// rounds whose time is up, queueing the results post in the same transaction as the closing.
import { countFromOf } from "../core/pulse/manage-pulse-surveys.js";
import { openSurveyRound } from "../core/pulse/open-survey-round.js";
import { groupReminderSlots, planGroupReminders, slotsPassed } from "../core/pulse/plan-round-reminders.js";
import { dueRoundDates } from "../core/pulse/plan-survey-round.js";
import type { PulseTenant } from "../core/pulse/pulse-store.js";
import type { PulsePerson } from "../core/pulse/resolve-audience.js";
import type { Database } from "../db/database.js";
import { enqueueDeliveries, type NewDelivery } from "../db/repositories/deliveries.js";
import {
  activeSurveys,
  closeRound,
  createPulseStore,
  latestRoundDates,
  lockReminderCandidates,
  markRemindersCovered,
  openRounds,
  pulseReminderKey,
  recipientGroups,
  roundsDueToClose,
  type OpenRound,
  type RecipientGroup,
} from "../db/repositories/pulse-surveys.js";
import type { Logger } from "../logger.js";

export interface RunPulseRoundsOptions {
  db: Database;
  now: Date;
  logger: Logger;
}

export interface PulseTickReport {
  /** Rounds written: planned (on time or late) and skipped ones recorded. */
  planned: Array<{ surveyId: string; opensOn: string; outcome: "planned" | "late" | "skipped"; invited: number }>;
  /** Reminder deliveries queued. */
  reminders: number;
  /** Rounds closed (each with its results post queued). */
  closed: number;
}

/** One tick of pulse work. A failing survey or round is logged and retried at the next tick; the others go on. */
export async function runPulseRounds(options: RunPulseRoundsOptions): Promise<PulseTickReport> {
  const planned = await planDueRounds(options);
  const reminders = await queueDueReminders(options);
  const closed = await closeDueRounds(options);
  return { planned, reminders, closed };
}

async function planDueRounds(options: RunPulseRoundsOptions): Promise<PulseTickReport["planned"]> {
  const { db, now, logger } = options;
  const store = createPulseStore(db.prisma);
  const tenants = new Map<string, { tenant: PulseTenant | null; people: PulsePerson[] }>();
  const planned: PulseTickReport["planned"] = [];
  const surveys = await activeSurveys(db.prisma);
  const lastOpensOn = await latestRoundDates(db.prisma, surveys.map((survey) => survey.id));
  for (const survey of surveys) {
    try {
      const dates = dueRoundDates({
        schedule: { spec: survey.spec, timeZone: survey.timeZone },
        countFrom: countFromOf(survey),
        lastOpensOn: lastOpensOn.get(survey.id) ?? null,
        now,
      });
      if (dates.length === 0) continue;
      let cached = tenants.get(survey.tenantId);
      if (!cached) {
        cached = { tenant: await store.tenant(survey.tenantId), people: await store.people(survey.tenantId) };
        tenants.set(survey.tenantId, cached);
      }
      if (!cached.tenant) continue;
      for (const [index, date] of dates.entries()) {
        const opened = await openSurveyRound({
          store,
          tenant: cached.tenant,
          survey,
          when: date,
          now,
          people: cached.people,
          // Only the latest decision needs a row: a later round moves the survey past older dates anyway.
          recordSkip: index === dates.length - 1,
        });
        const log = { surveyId: survey.id, survey: survey.name, opensOn: date.opensOn };
        switch (opened.outcome) {
          case "duplicate":
            break;
          case "skipped":
            logger.warn({ ...log, reason: opened.reason }, "pulse round skipped");
            if (opened.round) planned.push({ surveyId: survey.id, opensOn: date.opensOn, outcome: "skipped", invited: 0 });
            break;
          default: {
            const { audience, round, plan } = opened;
            logger.info(
              {
                ...log,
                outcome: opened.outcome,
                round: round.number,
                invited: round.invited,
                firstSendAt: plan.firstSendAt,
                lastSendAt: plan.lastSendAt,
                closesAt: plan.closesAt,
                optedOut: audience.skipped.optedOut.length,
                outOfOffice: audience.skipped.outOfOffice.length,
              },
              "pulse round planned",
            );
            // Named in the log so an admin can link their accounts; they are not silently dropped.
            if (audience.unreachable.length > 0) {
              logger.warn({ ...log, unreachable: audience.unreachable.map((person) => person.email) }, "pulse round: people without a Slack account were not invited");
            }
            planned.push({ surveyId: survey.id, opensOn: date.opensOn, outcome: opened.outcome, invited: round.invited });
          }
        }
      }
    } catch (error) {
      logger.error({ err: error, surveyId: survey.id, survey: survey.name }, "planning a pulse round failed");
    }
  }
  return planned;
}

async function queueDueReminders(options: RunPulseRoundsOptions): Promise<number> {
  const { db, now, logger } = options;
  let queued = 0;
  const rounds = await openRounds(db.prisma, now);
  const groups = await recipientGroups(db.prisma, rounds.map((round) => round.id));
  for (const round of rounds) {
    try {
      queued += await queueRoundReminders(db, round, groups.get(round.id) ?? [], now);
    } catch (error) {
      logger.error({ err: error, roundId: round.id }, "queueing pulse reminders failed");
    }
  }
  if (queued > 0) logger.info({ reminders: queued }, "pulse reminders queued");
  return queued;
}

async function queueRoundReminders(db: Database, round: OpenRound, groups: readonly RecipientGroup[], now: Date): Promise<number> {
  const settings = { remindAfterDays: round.remindAfterDays, remindOnLastDay: round.remindOnLastDay, maxReminders: round.maxReminders };
  let queued = 0;
  for (const group of groups) {
    const passed = slotsPassed(groupReminderSlots({ sentAt: group.sendAt, closesAt: round.closesAt, settings }), now);
    // Cheap test first: most ticks find every group's slots covered.
    if (passed === 0 || group.leastCovered === null || group.leastCovered >= passed) continue;
    queued += await db.prisma.$transaction(
      async (tx) => {
        const candidates = await lockReminderCandidates(tx, round.id, group.sendAt, passed);
        const byId = new Map(candidates.map((candidate) => [candidate.employeeId, candidate]));
        const due = planGroupReminders({
          sentAt: group.sendAt,
          closesAt: round.closesAt,
          settings,
          invitees: candidates.map((candidate) => ({ employeeId: candidate.employeeId, answered: false, remindersCovered: candidate.remindersCovered })),
          now,
        });
        if (due.length === 0) return 0;
        await markRemindersCovered(tx, round.id, due.map((reminder) => reminder.employeeId), due[0]!.covers);
        const rows = due.map((reminder): NewDelivery => {
          const candidate = byId.get(reminder.employeeId)!;
          return {
            tenantId: round.tenantId,
            kind: "pulse_reminder",
            idempotencyKey: pulseReminderKey(round.id, reminder.employeeId, reminder.ordinal),
            recipient: candidate.slackUserId,
            payload: { roundId: round.id, employeeId: reminder.employeeId, locale: candidate.locale, ordinal: reminder.ordinal, invite: candidate.invite },
          };
        });
        return enqueueDeliveries(tx, rows);
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  }
  return queued;
}

async function closeDueRounds(options: RunPulseRoundsOptions): Promise<number> {
  const { db, now, logger } = options;
  let closed = 0;
  for (const round of await roundsDueToClose(db.prisma, now)) {
    try {
      const result = await db.prisma.$transaction((tx) => closeRound(tx, round.id, now));
      if (!result.closed) continue;
      closed += 1;
      if (result.posted) logger.info({ roundId: round.id, surveyId: round.surveyId }, "pulse round closed; results post queued");
      else logger.warn({ roundId: round.id, surveyId: round.surveyId }, "pulse round closed; its owner has no Slack account linked, so no results post");
    } catch (error) {
      logger.error({ err: error, roundId: round.id }, "closing a pulse round failed");
    }
  }
  return closed;
}
