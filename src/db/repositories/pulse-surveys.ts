// Pulse surveys, their rounds and who was invited to them, opt-outs and absences: the only code
// that knows how they are stored. Planning a round is one transaction — the round, a recipient
// row per person and a `pulse_invite` delivery per person, written in bulk — whose unique keys
// (survey + date for the round, `pulse_invite:<round>:<employee>` for each delivery) make a second
// replica or a rerun collide instead of duplicating. Nothing here reads a response token, and
// answers are read by round only (never joined to a recipient).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { anonymityThreshold, ATTAINMENT_BANDS, type AttainmentBand } from "../../core/pulse/anonymise-answer.js";
import type {
  NewRound,
  NewSurvey,
  PlannedRound,
  PulseStore,
  PulseTenant,
  RoundResponses,
  StoredRound,
  StoredSurvey,
  SurveyChanges,
} from "../../core/pulse/pulse-store.js";
import { parseAudience, type PulsePerson } from "../../core/pulse/resolve-audience.js";
import type { RoundAnswer } from "../../core/pulse/summarise-round.js";
import { validateSurvey } from "../../core/pulse/validate-survey.js";
import { isLocale } from "../../core/i18n/locale.js";
import { Prisma, type PrismaClient } from "../generated/client.js";
import { enqueueDeliveries, type NewDelivery } from "./deliveries.js";
import { dateValue, isoDate } from "./sales-data.js";

type Client = PrismaClient | Prisma.TransactionClient;

/** Deterministic keys of the outbox rows a round writes (see the delivery contract in README). */
export const pulseInviteKey = (roundId: string, employeeId: string): string => `pulse_invite:${roundId}:${employeeId}`;
export const pulseReminderKey = (roundId: string, employeeId: string, ordinal: number): string => `pulse_reminder:${roundId}:${employeeId}:${ordinal}`;
export const pulseResultsKey = (roundId: string): string => `pulse_results:${roundId}`;
export const pulseClosedKey = (roundId: string, employeeId: string): string => `pulse_closed:${roundId}:${employeeId}`;

/** Rows per bulk statement: well under PostgreSQL's 65,535 parameters, few round trips for 10,000 people. */
const BULK_ROWS = 5_000;

const surveySelect = {
  id: true,
  tenantId: true,
  name: true,
  templateId: true,
  definition: true,
  ownerId: true,
  resultsChannel: true,
  audience: true,
  cron: true,
  preset: true,
  everyWeeks: true,
  anchorDate: true,
  timeZone: true,
  openDays: true,
  remindAfterDays: true,
  remindOnLastDay: true,
  maxReminders: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

type SurveyRow = Prisma.PulseSurveyGetPayload<{ select: typeof surveySelect }>;

function toSurvey(row: SurveyRow): StoredSurvey {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    templateId: row.templateId,
    definition: validateSurvey(row.definition),
    ownerId: row.ownerId,
    resultsChannel: row.resultsChannel,
    audience: parseAudience(row.audience),
    spec: { cron: row.cron, preset: row.preset, everyWeeks: row.everyWeeks, anchorDate: row.anchorDate ? isoDate(row.anchorDate) : null },
    timeZone: row.timeZone,
    openDays: row.openDays,
    reminders: { remindAfterDays: row.remindAfterDays, remindOnLastDay: row.remindOnLastDay, maxReminders: row.maxReminders },
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const roundSelect = {
  id: true,
  surveyId: true,
  number: true,
  definition: true,
  opensOn: true,
  firstSendAt: true,
  lastSendAt: true,
  closesAt: true,
  status: true,
  invited: true,
  threshold: true,
  commentThreshold: true,
  closedAt: true,
} as const;

function toRound(row: Prisma.PulseRoundGetPayload<{ select: typeof roundSelect }>): StoredRound {
  return { ...row, definition: validateSurvey(row.definition), opensOn: isoDate(row.opensOn) };
}

function surveyData(survey: Partial<NewSurvey>) {
  return {
    ...(survey.name === undefined ? {} : { name: survey.name }),
    ...(survey.templateId === undefined ? {} : { templateId: survey.templateId }),
    ...(survey.definition === undefined ? {} : { definition: survey.definition as unknown as Prisma.InputJsonValue }),
    ...(survey.ownerId === undefined ? {} : { ownerId: survey.ownerId }),
    ...(survey.resultsChannel === undefined ? {} : { resultsChannel: survey.resultsChannel }),
    ...(survey.audience === undefined ? {} : { audience: survey.audience as unknown as Prisma.InputJsonValue }),
    ...(survey.spec === undefined
      ? {}
      : {
          cron: survey.spec.cron,
          preset: survey.spec.preset,
          everyWeeks: survey.spec.everyWeeks,
          anchorDate: survey.spec.anchorDate === null ? null : dateValue(survey.spec.anchorDate),
        }),
    ...(survey.timeZone === undefined ? {} : { timeZone: survey.timeZone }),
    ...(survey.openDays === undefined ? {} : { openDays: survey.openDays }),
    ...(survey.reminders === undefined ? {} : { ...survey.reminders }),
    ...(survey.status === undefined ? {} : { status: survey.status }),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function surveysOf(db: Client, tenantId: string): Promise<StoredSurvey[]> {
  const rows = await db.pulseSurvey.findMany({ where: { tenantId }, select: surveySelect, orderBy: { name: "asc" } });
  return rows.map(toSurvey);
}

/** Every active survey of every tenant, for the scheduler tick. */
export async function activeSurveys(db: Client): Promise<StoredSurvey[]> {
  const rows = await db.pulseSurvey.findMany({ where: { status: "active" }, select: surveySelect, orderBy: { createdAt: "asc" } });
  return rows.map(toSurvey);
}

export async function surveyById(db: Client, surveyId: string): Promise<StoredSurvey | null> {
  const row = await db.pulseSurvey.findUnique({ where: { id: surveyId }, select: surveySelect });
  return row ? toSurvey(row) : null;
}

export async function roundsOf(db: Client, surveyId: string, limit: number): Promise<StoredRound[]> {
  const rows = await db.pulseRound.findMany({ where: { surveyId }, select: roundSelect, orderBy: { number: "desc" }, take: limit });
  return rows.map(toRound);
}

const latestRoundRow = z.object({ survey_id: z.string(), opens_on: z.coerce.date() });

/** The local date (`YYYY-MM-DD`) of each survey's latest round (highest number), by survey id; one query. */
export async function latestRoundDates(db: Client, surveyIds: readonly string[]): Promise<Map<string, string>> {
  if (surveyIds.length === 0) return new Map();
  const rows = await db.$queryRaw<unknown[]>`
    SELECT DISTINCT ON (survey_id) survey_id::text AS survey_id, opens_on
      FROM pulse_round
     WHERE survey_id = ANY(${[...surveyIds]}::uuid[])
     ORDER BY survey_id, number DESC`;
  return new Map(rows.map((raw) => latestRoundRow.parse(raw)).map((row) => [row.survey_id, isoDate(row.opens_on)]));
}

export async function roundById(db: Client, roundId: string): Promise<(StoredRound & { tenantId: string }) | null> {
  const row = await db.pulseRound.findUnique({ where: { id: roundId }, select: { ...roundSelect, tenantId: true } });
  return row ? { ...toRound(row), tenantId: row.tenantId } : null;
}

export async function pulseTenant(db: Client, tenantId: string): Promise<PulseTenant | null> {
  const row = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true, timeZone: true, locale: true, anonymityThreshold: true, settings: true } });
  if (!row) return null;
  const setting = (row.settings as { pulseCommentThreshold?: unknown } | null)?.pulseCommentThreshold;
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    locale: isLocale(row.locale) ? row.locale : "en",
    anonymityThreshold: row.anonymityThreshold,
    commentThreshold: typeof setting === "number" && Number.isInteger(setting) ? setting : null,
  };
}

export async function pulsePeople(db: Client, tenantId: string): Promise<PulsePerson[]> {
  const rows = await db.employee.findMany({
    where: { tenantId },
    select: { id: true, name: true, email: true, role: true, managerId: true, teamId: true, active: true, timeZone: true, locale: true, slackUserId: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({ ...row, locale: isLocale(row.locale) ? row.locale : "en" }));
}

/**
 * Writes a planned round in the transaction `tx`: the round (numbered after the survey's
 * latest), one recipient row and one `pulse_invite` delivery per person — each statement in
 * bulk — and the invited count. The survey row is locked first, so that two planners of one
 * survey queue; "duplicate" when the survey already has a round on that date.
 */
export async function insertPlannedRound(tx: Prisma.TransactionClient, round: NewRound): Promise<PlannedRound | "duplicate"> {
  await tx.$queryRaw`SELECT id FROM pulse_survey WHERE id = ${round.surveyId}::uuid FOR UPDATE`;
  const roundId = randomUUID();
  const inserted = await tx.$queryRaw<Array<{ number: number }>>`
    INSERT INTO pulse_round (id, tenant_id, survey_id, number, definition, opens_on, first_send_at, last_send_at, closes_at,
                             status, invited, threshold, comment_threshold, closed_at)
    SELECT ${roundId}::uuid, ${round.tenantId}::uuid, ${round.surveyId}::uuid, COALESCE(MAX(number), 0) + 1,
           ${JSON.stringify(round.definition)}::jsonb, ${round.opensOn}::date, ${round.firstSendAt}, ${round.lastSendAt},
           ${round.closesAt}, ${round.status}::"PulseRoundStatus", ${round.sends.length}, ${round.threshold}, ${round.commentThreshold},
           ${round.status === "closed" ? round.closesAt : null}::timestamptz
      FROM pulse_round WHERE survey_id = ${round.surveyId}::uuid
    ON CONFLICT DO NOTHING
    RETURNING number`;
  if (inserted.length === 0) return "duplicate";
  for (let offset = 0; offset < round.sends.length; offset += BULK_ROWS) {
    const batch = round.sends.slice(offset, offset + BULK_ROWS);
    await tx.$executeRaw`
      INSERT INTO pulse_recipient (round_id, employee_id, tenant_id, time_zone, send_at)
      SELECT ${roundId}::uuid, u.employee_id, ${round.tenantId}::uuid, u.time_zone, u.send_at
        FROM unnest(${batch.map((send) => send.employeeId)}::uuid[], ${batch.map((send) => send.timeZone)}::text[],
                    ${batch.map((send) => send.sendAt.toISOString())}::timestamptz[]) AS u(employee_id, time_zone, send_at)`;
    await enqueueDeliveries(
      tx,
      batch.map(
        (send): NewDelivery => ({
          tenantId: round.tenantId,
          kind: "pulse_invite",
          idempotencyKey: pulseInviteKey(roundId, send.employeeId),
          recipient: send.slackUserId,
          payload: { roundId, locale: send.locale },
          notBefore: send.sendAt,
        }),
      ),
    );
  }
  return { roundId, number: Number(inserted[0]!.number), invited: round.sends.length };
}

const tallyRow = z.object({
  question_id: z.string(),
  team_key: z.string(),
  band_key: z.string(),
  value: z.string(),
  count: z.coerce.number().int(),
});

const commentRow = z.object({ question_id: z.string(), team_key: z.string(), text: z.string() });

function bandOf(value: string | null): AttainmentBand | null {
  return value !== null && (ATTAINMENT_BANDS as readonly string[]).includes(value) ? (value as AttainmentBand) : null;
}

const teamFilter = (teamIds: readonly string[] | undefined) =>
  teamIds === undefined ? Prisma.empty : Prisma.sql`AND team_key = ANY(${[...teamIds]}::text[])`;

/**
 * A round's answers (by round, and team when asked), from its tallies and comments: what
 * results are computed from. Only counted (complete) responses are in them — the one meaning
 * of "answered" (isResponseComplete, src/core/pulse/survey-message.ts); a partial response is
 * in no figure and no response rate. A tally of n is n answers alike; scores are numbers.
 */
export async function roundResponses(db: Client, roundId: string, teamIds?: readonly string[]): Promise<RoundResponses> {
  const [round, tallies, comments] = await Promise.all([
    db.pulseRound.findUnique({ where: { id: roundId }, select: { definition: true } }),
    db.$queryRaw<unknown[]>`
      SELECT question_id, team_key, band_key, value, count FROM pulse_tally
       WHERE round_id = ${roundId}::uuid ${teamFilter(teamIds)} ORDER BY question_id, team_key, band_key, value`,
    db.$queryRaw<unknown[]>`
      SELECT question_id, team_key, text FROM pulse_comment WHERE round_id = ${roundId}::uuid ${teamFilter(teamIds)} ORDER BY id`,
  ]);
  const definition = round ? validateSurvey(round.definition) : null;
  const scored = new Set((definition?.questions ?? []).filter((question) => question.kind === "enps" || question.kind === "agreement").map((question) => question.id));
  let respondents = 0;
  const answers: RoundAnswer[] = [];
  for (const raw of tallies) {
    const row = tallyRow.parse(raw);
    if (row.question_id === "") {
      respondents += row.count;
      continue;
    }
    // Scores are numbers, choice ids text (even "1"): the question's kind says which.
    const value = scored.has(row.question_id) ? Number(row.value) : row.value;
    const answer = { questionId: row.question_id, value, teamId: row.team_key || null, band: bandOf(row.band_key || null), day: "" };
    for (let index = 0; index < row.count; index++) answers.push(answer);
  }
  for (const raw of comments) {
    const row = commentRow.parse(raw);
    answers.push({ questionId: row.question_id, value: row.text, teamId: row.team_key || null, band: null, day: "" });
  }
  return { respondents, answers };
}

/** People invited to a round; with `teamIds`, those whose team (now) is one of them. */
export async function roundInvited(db: Client, roundId: string, teamIds?: readonly string[]): Promise<number> {
  if (teamIds === undefined) return db.pulseRecipient.count({ where: { roundId } });
  return db.pulseRecipient.count({ where: { roundId, employee: { teamId: { in: [...teamIds] } } } });
}

/** Counted (complete) responses of a round — people who answered; with `teamIds`, from those teams only. */
export async function roundRespondents(db: Client, roundId: string, teamIds?: readonly string[]): Promise<number> {
  const rows = await db.$queryRaw<Array<{ respondents: unknown }>>`
    SELECT COALESCE(sum(count), 0)::int AS respondents FROM pulse_tally
     WHERE round_id = ${roundId}::uuid AND question_id = '' ${teamFilter(teamIds)}`;
  return z.coerce.number().int().parse(rows[0]?.respondents ?? 0);
}

/** The admin and results use cases' view of pulse data, scoped by tenant. */
export function createPulseStore(prisma: PrismaClient): PulseStore {
  return {
    tenant: (tenantId) => pulseTenant(prisma, tenantId),
    people: (tenantId) => pulsePeople(prisma, tenantId),
    async teams(tenantId) {
      const rows = await prisma.team.findMany({ where: { tenantId }, select: { id: true, name: true, managerId: true, slackChannelId: true }, orderBy: { name: "asc" } });
      return rows.map((row) => ({ id: row.id, name: row.name, managerId: row.managerId, channelId: row.slackChannelId }));
    },
    surveys: (tenantId) => surveysOf(prisma, tenantId),
    async createSurvey(tenantId, survey, now) {
      try {
        const row = await prisma.pulseSurvey.create({
          data: { tenantId, ...surveyData(survey), name: survey.name, definition: survey.definition as unknown as Prisma.InputJsonValue, ownerId: survey.ownerId, audience: survey.audience as unknown as Prisma.InputJsonValue, cron: survey.spec.cron, timeZone: survey.timeZone, createdAt: now, updatedAt: now },
          select: surveySelect,
        });
        return toSurvey(row);
      } catch (error) {
        // Another admin saved the same name between our check and this insert.
        if (isUniqueViolation(error)) return "duplicate";
        throw error;
      }
    },
    async updateSurvey(tenantId, surveyId, changes: SurveyChanges, now) {
      const owned = await prisma.pulseSurvey.findFirst({ where: { id: surveyId, tenantId }, select: { id: true } });
      if (!owned) return null;
      try {
        // updatedAt moves to now: the next rounds are counted from the change (see countFromOf).
        const row = await prisma.pulseSurvey.update({ where: { id: surveyId }, data: { ...surveyData(changes), updatedAt: now }, select: surveySelect });
        return toSurvey(row);
      } catch (error) {
        if (isUniqueViolation(error)) return "duplicate";
        throw error;
      }
    },
    async optedOut(tenantId) {
      const rows = await prisma.pulseOptOut.findMany({ where: { tenantId }, select: { employeeId: true } });
      return rows.map((row) => row.employeeId);
    },
    async setOptOut(tenantId, employeeId, optedOut) {
      if (optedOut) {
        const inserted = await prisma.$executeRaw`
          INSERT INTO pulse_opt_out (tenant_id, employee_id) VALUES (${tenantId}::uuid, ${employeeId}::uuid) ON CONFLICT DO NOTHING`;
        return inserted === 1;
      }
      const deleted = await prisma.pulseOptOut.deleteMany({ where: { tenantId, employeeId } });
      return deleted.count > 0;
    },
    async absences(tenantId, fromDate) {
      const rows = await prisma.outOfOffice.findMany({ where: { tenantId, endsOn: { gte: dateValue(fromDate) } }, select: { employeeId: true, startsOn: true, endsOn: true } });
      return rows.map((row) => ({ employeeId: row.employeeId, startsOn: isoDate(row.startsOn), endsOn: isoDate(row.endsOn) }));
    },
    async addAbsence(tenantId, span) {
      await prisma.outOfOffice.create({ data: { tenantId, employeeId: span.employeeId, startsOn: dateValue(span.startsOn), endsOn: dateValue(span.endsOn) } });
    },
    rounds: (surveyId, limit) => roundsOf(prisma, surveyId, limit),
    planRound: (round) => prisma.$transaction((tx) => insertPlannedRound(tx, round), { timeout: 60_000, maxWait: 30_000 }),
    roundResponses: (roundId, teamIds) => roundResponses(prisma, roundId, teamIds),
    roundInvited: (roundId, teamIds) => roundInvited(prisma, roundId, teamIds),
    roundRespondents: (roundId, teamIds) => roundRespondents(prisma, roundId, teamIds),
    // The tick's own closing (closeDueRounds), in a transaction of its own.
    closeRound: (roundId, now) => prisma.$transaction((tx) => closeRound(tx, roundId, now)),
  };
}

// ---- The scheduler tick: reminders and closing ------------------------------------------------

/** An open round with its survey's reminder settings and who gets its closing post. */
export interface OpenRound {
  id: string;
  tenantId: string;
  surveyId: string;
  closesAt: Date;
  remindAfterDays: number;
  remindOnLastDay: boolean;
  maxReminders: number;
}

/** Open rounds still accepting answers at `now` (candidates for reminders). */
export async function openRounds(db: Client, now: Date): Promise<OpenRound[]> {
  const rows = await db.pulseRound.findMany({
    where: { status: "open", closesAt: { gt: now } },
    select: { id: true, tenantId: true, surveyId: true, closesAt: true, survey: { select: { remindAfterDays: true, remindOnLastDay: true, maxReminders: true } } },
    orderBy: { closesAt: "asc" },
  });
  return rows.map(({ survey, ...row }) => ({ ...row, ...survey }));
}

const groupRow = z.object({ round_id: z.string(), send_at: z.coerce.date(), least: z.coerce.number().int().nullable() });

export interface RecipientGroup {
  sendAt: Date;
  /** The fewest reminder slots covered among those who have not answered (null: everyone answered). */
  leastCovered: number | null;
}

/** The rounds' invitees grouped by the instant they received it, by round id (groups in send order); one query. */
export async function recipientGroups(db: Client, roundIds: readonly string[]): Promise<Map<string, RecipientGroup[]>> {
  const groups = new Map<string, RecipientGroup[]>();
  if (roundIds.length === 0) return groups;
  const rows = await db.$queryRaw<unknown[]>`
    SELECT round_id::text AS round_id, send_at, MIN(reminders_sent) FILTER (WHERE NOT answered)::int AS least
      FROM pulse_recipient WHERE round_id = ANY(${[...roundIds]}::uuid[]) GROUP BY round_id, send_at ORDER BY round_id, send_at`;
  for (const row of rows.map((raw) => groupRow.parse(raw))) {
    const group = { sendAt: row.send_at, leastCovered: row.least };
    const list = groups.get(row.round_id);
    if (list === undefined) groups.set(row.round_id, [group]);
    else list.push(group);
  }
  return groups;
}

const reminderCandidateRow = z.object({
  employee_id: z.string(),
  reminders_sent: z.coerce.number().int(),
  recipient: z.string(),
  message_channel: z.string().nullable(),
  message_ts: z.string().nullable(),
  locale: z.string().nullable(),
});

export interface ReminderCandidate {
  employeeId: string;
  remindersCovered: number;
  /** The invite's recipient (the person's Slack id) and where it landed. */
  slackUserId: string;
  invite: { channel: string; ts: string } | null;
  locale: "en" | "ms";
}

/**
 * In the transaction `tx`, locks and returns the group's invitees who have not answered, cover
 * fewer than `slotsPassed` reminder slots and whose invitation was sent (a failed or unsent
 * invitation gets no reminder).
 */
export async function lockReminderCandidates(tx: Prisma.TransactionClient, roundId: string, sendAt: Date, slotsPassed: number): Promise<ReminderCandidate[]> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT r.employee_id::text AS employee_id, r.reminders_sent, d.recipient, d.message_channel, d.message_ts, d.payload->>'locale' AS locale
      FROM pulse_recipient r
      JOIN delivery d ON d.idempotency_key = 'pulse_invite:' || r.round_id::text || ':' || r.employee_id::text
     WHERE r.round_id = ${roundId}::uuid AND r.send_at = ${sendAt} AND NOT r.answered AND r.reminders_sent < ${slotsPassed}
       AND d.status = 'sent' AND d.message_ts IS NOT NULL
     ORDER BY r.employee_id
       FOR UPDATE OF r`;
  return rows
    .map((raw) => reminderCandidateRow.parse(raw))
    .map((row) => ({
      employeeId: row.employee_id,
      remindersCovered: row.reminders_sent,
      slackUserId: row.recipient,
      invite: row.message_channel !== null && row.message_ts !== null ? { channel: row.message_channel, ts: row.message_ts } : null,
      locale: row.locale === "ms" ? "ms" : "en",
    }));
}

/** Records the reminder slots now behind these invitees (see plan-round-reminders.ts). */
export async function markRemindersCovered(tx: Prisma.TransactionClient, roundId: string, employeeIds: readonly string[], covers: number): Promise<number> {
  if (employeeIds.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE pulse_recipient SET reminders_sent = ${covers}
     WHERE round_id = ${roundId}::uuid AND employee_id = ANY(${[...employeeIds]}::uuid[]) AND reminders_sent < ${covers}`;
}

/** Where the invitation DM of a round landed (channel and ts), or null when it never reached Slack. */
export async function inviteMessage(db: Client, roundId: string, employeeId: string): Promise<{ channel: string; ts: string } | null> {
  const row = await db.delivery.findUnique({ where: { idempotencyKey: pulseInviteKey(roundId, employeeId) }, select: { messageChannel: true, messageTs: true } });
  return row?.messageChannel && row.messageTs ? { channel: row.messageChannel, ts: row.messageTs } : null;
}

/** Whether the invitee has answered the round (the reminder renderer's last check). */
export async function recipientAnswered(db: Client, roundId: string, employeeId: string): Promise<{ answered: boolean; timeZone: string } | null> {
  return db.pulseRecipient.findUnique({ where: { roundId_employeeId: { roundId, employeeId } }, select: { answered: true, timeZone: true } });
}

/** Open rounds whose closing time has come. */
export async function roundsDueToClose(db: Client, now: Date): Promise<Array<{ id: string; tenantId: string; surveyId: string }>> {
  return db.pulseRound.findMany({ where: { status: "open", closesAt: { lte: now } }, select: { id: true, tenantId: true, surveyId: true }, orderBy: { closesAt: "asc" } });
}

/**
 * What a closed round keeps (issue 10, defect 3): its sealed responses are deleted — nobody,
 * the respondents included, reads or changes an answer after the close —; within each team, a
 * band holding fewer respondents than the threshold is merged into "no band" in every tally; and
 * the recipients' "answered" flags, needed only for reminders, are cleared, so that what remains
 * says how many answered, not who. Results are computed from the tallies and comments alone.
 */
export async function reduceToResults(tx: Prisma.TransactionClient, roundId: string, threshold: number): Promise<void> {
  await tx.$executeRaw`DELETE FROM pulse_response WHERE round_id = ${roundId}::uuid`;
  await tx.$executeRaw`
    WITH small AS (
      SELECT team_key, band_key FROM pulse_tally
       WHERE round_id = ${roundId}::uuid AND question_id = '' AND band_key <> ''
       GROUP BY team_key, band_key HAVING sum(count) < ${threshold}
    ), moved AS (
      DELETE FROM pulse_tally t USING small
       WHERE t.round_id = ${roundId}::uuid AND t.team_key = small.team_key AND t.band_key = small.band_key
      RETURNING t.question_id, t.team_key, t.value, t.count
    )
    INSERT INTO pulse_tally (round_id, question_id, team_key, band_key, value, count)
    SELECT ${roundId}::uuid, question_id, team_key, '', value, sum(count)::int FROM moved GROUP BY question_id, team_key, value
    ON CONFLICT (round_id, question_id, team_key, band_key, value) DO UPDATE SET count = pulse_tally.count + EXCLUDED.count`;
  await tx.$executeRaw`UPDATE pulse_recipient SET answered = false WHERE round_id = ${roundId}::uuid AND answered`;
}

/**
 * In the transaction `tx`: closes the round (false when it was closed already — another replica,
 * or an admin's `/pulse close`, which closes through this same function) and enqueues its results post to the survey's channel, or to the owner by DM. Returns whether
 * it closed it and whether a post was queued (none when the owner has no Slack account linked).
 */
export async function closeRound(tx: Prisma.TransactionClient, roundId: string, now: Date): Promise<{ closed: boolean; posted: boolean }> {
  const closed = await tx.$executeRaw`
    UPDATE pulse_round SET status = 'closed', closed_at = ${now} WHERE id = ${roundId}::uuid AND status = 'open'`;
  if (closed !== 1) return { closed: false, posted: false };
  const round = await tx.pulseRound.findUniqueOrThrow({
    where: { id: roundId },
    select: { tenantId: true, threshold: true, survey: { select: { resultsChannel: true, owner: { select: { slackUserId: true, locale: true } } } } },
  });
  await reduceToResults(tx, roundId, anonymityThreshold(round.threshold));
  // Every invitation DM is turned to its closed state, without buttons (README, Answering): one
  // `pulse_closed` delivery per invitee, queued with the closing; the renderer skips those whose
  // invitation never reached Slack.
  const invites = await tx.$queryRaw<Array<{ employee_id: string; recipient: string; locale: string | null }>>`
    SELECT r.employee_id::text AS employee_id, d.recipient, d.payload->>'locale' AS locale
      FROM pulse_recipient r
      JOIN delivery d ON d.idempotency_key = 'pulse_invite:' || r.round_id::text || ':' || r.employee_id::text
     WHERE r.round_id = ${roundId}::uuid AND d.status <> 'failed'`;
  for (let offset = 0; offset < invites.length; offset += BULK_ROWS) {
    await enqueueDeliveries(
      tx,
      invites.slice(offset, offset + BULK_ROWS).map((invite) => ({
        tenantId: round.tenantId,
        kind: "pulse_closed",
        idempotencyKey: pulseClosedKey(roundId, invite.employee_id),
        recipient: invite.recipient,
        payload: { roundId, employeeId: invite.employee_id, locale: invite.locale === "ms" ? "ms" : "en" },
      })),
    );
  }
  const { resultsChannel, owner } = round.survey;
  const recipient = resultsChannel ?? owner.slackUserId;
  if (recipient === null) return { closed: true, posted: false };
  await enqueueDeliveries(tx, [
    {
      tenantId: round.tenantId,
      kind: "pulse_results",
      idempotencyKey: pulseResultsKey(roundId),
      recipient,
      payload: { roundId, locale: isLocale(owner.locale) ? owner.locale : "en" },
    },
  ]);
  return { closed: true, posted: true };
}
