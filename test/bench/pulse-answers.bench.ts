// The issue's answering benchmark: pulse-survey answer clicks at 1,000 per second, each a signed
// block_actions payload POSTed to the real Bolt HTTP receiver, each to be acknowledged within
// Slack's 3 s. Reported per backend: the rate achieved, acknowledgement p50/p99/max, the time
// until the person sees their answer (the message replaced through the click's response_url),
// and whether every answer was stored as clicked (checked by each respondent's token hash).
//
// Per backend: the large tenant (as the slash-command bench) → a survey round for N of its
// people, their invitations rendered by the real `pulse_invite` renderer and posted to the
// stand-in → every click's payload built beforehand from those messages (the stand-in's own
// builder) → the app started as its own process (`src/main.ts`, JOBS=off; the generator and the
// stand-in stay here, as Slack is remote) → a short warm-up → an open-loop series: click i leaves at start + i / rate, whether
// or not earlier ones were answered → wait for every reply → compare the database with the
// last value clicked per person and question → delete the survey.
//
// Options come from the environment (the runner's command line has no room for them): see OPTIONS_HELP.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Agent, fetch as undiciFetch } from "undici";
import { z } from "zod";
import { seededRandom, surveyFromTemplate } from "../../src/core/pulse/index.js";
import type { Database, DatabaseKind } from "../../src/db/database.js";
import { withCaches } from "../../src/db/repositories/cached-sales-data.js";
import { createPulseAnswerStore } from "../../src/db/repositories/pulse-responses.js";
import { createSalesData } from "../../src/db/repositories/sales-data.js";
import { createPulseInviteRenderer } from "../../src/jobs/render/pulse-invite.js";
import { parseResponse } from "../../src/core/pulse/index.js";
import { createPulseTokens } from "../../src/security/pulse-tokens.js";
import { buildBlockActionsPayload, signSlackRequest } from "../../src/slack-stand-in/index.js";
import { createSlackChatPort } from "../../src/slack/chat-port.js";
import { parseAnswerBlockId } from "../../src/slack/render/pulse-survey.js";
import { createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";
import { type AppReplica, startAppReplicas, stopAppReplicas } from "./lib/app-replicas.js";
import { clockOnSeedDate, openBenchDatabase, reopenBenchDatabase, runEachBackend, type TenantSize } from "./lib/bench-database.js";
import { hookResponsePosts, startBenchBot, type BenchUser } from "./lib/slack-harness.js";
import { sourceFingerprint } from "./lib/source-fingerprint.js";
import { loadAverage, ms, summarize, type LatencySummary } from "./lib/stats.js";
import type { BenchOptions, BenchResult, BenchTable } from "./lib/types.js";

export const name = "pulse-answers";
export const description = "pulse-survey answer clicks at 1,000/s through the Bolt HTTP receiver, signed like Slack's: ack p50/p99 (< 3 s), all answers stored, PostgreSQL and PGlite";

const FULL: TenantSize = { reps: 2_000, opportunities: 500_000 };
const QUICK: TenantSize = { reps: 200, opportunities: 50_000 };
const SLACK_LIMIT_MS = 3_000;
const TARGET_RATE = 1_000;
/** The large tenant's Slack workspace in the benches (the slash-command bench sets the same). */
const TEAM_ID = "T0BENCHSALES";
const TOKEN_SECRET = "bench-pulse-token-secret-0123456789abcdef";
const SIGNING_SECRET = "bench-pulse-signing-secret-0123456789";

/** Where the clicks go, and what the app said while taking them. */
interface AppUnderTest {
  standIn: SlackStandIn;
  eventsUrls: string[];
  signingSecret: string;
  mode: string;
  errors(): string[];
  /** Stops the app; the bench's database handle stays usable (reopened for PGlite). */
  stop(): Promise<Database>;
}
const WARM_UP_CLICKS = 20;
/** After the last click, how long replies may still take before the rest count as missing. */
const DRAIN_TIMEOUT_MS = 120_000;

const OPTIONS_HELP =
  "BENCH_PULSE_RATE (clicks per second; default 1000), BENCH_PULSE_SECONDS (length of the series; full 10, quick 3), " +
  "BENCH_PULSE_RESPONDENTS (people invited, who click in turn; full 1000, quick 200), BENCH_PULSE_REPLICAS (app processes the clicks are spread over, round robin; default 1; 0 = the app inside the bench process; PGlite: 0 or 1), BENCH_PULSE_PROFILE (file for a CPU profile of the series), BENCH_PULSE_APP_PROFILE (directory for a CPU profile of each app process); --requests N sets the number of clicks";

const environment = z.object({
  BENCH_PULSE_RATE: z.coerce.number().positive().optional(),
  BENCH_PULSE_SECONDS: z.coerce.number().positive().optional(),
  BENCH_PULSE_RESPONDENTS: z.coerce.number().int().min(1).optional(),
  /** Writes a CPU profile of the measured series (this process: the generator and the stand-in, and the app when in-process) to this file. */
  BENCH_PULSE_PROFILE: z.string().min(1).optional(),
  /** App processes taking the clicks in turn (a load balancer's round robin); 0 runs the app inside the bench's process. */
  BENCH_PULSE_REPLICAS: z.coerce.number().int().min(0).max(8).optional(),
  BENCH_PULSE_APP_PROFILE: z.string().min(1).optional(),
});

interface Settings {
  profile: string | undefined;
  /** undefined: one app process. */
  replicas: number | undefined;
  appProfileDir: string | undefined;
  rate: number;
  clicks: number;
  respondents: number;
}

function settingsFor(options: BenchOptions): Settings {
  const parsed = environment.safeParse(process.env);
  if (!parsed.success) throw new Error(`bad bench option ${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}. Options: ${OPTIONS_HELP}`);
  const rate = parsed.data.BENCH_PULSE_RATE ?? TARGET_RATE;
  const seconds = parsed.data.BENCH_PULSE_SECONDS ?? (options.quick ? 3 : 10);
  return {
    profile: parsed.data.BENCH_PULSE_PROFILE,
    replicas: parsed.data.BENCH_PULSE_REPLICAS,
    appProfileDir: parsed.data.BENCH_PULSE_APP_PROFILE,
    rate,
    clicks: options.requests ?? Math.round(rate * seconds),
    respondents: parsed.data.BENCH_PULSE_RESPONDENTS ?? (options.quick ? 200 : 1_000),
  };
}

interface Respondent extends BenchUser {
  employeeId: string;
}

/** One prepared click: who, which question, what value, and the exact form body Slack would POST. */
interface PlannedClick {
  respondent: number;
  questionId: string;
  value: string;
  body: string;
  responseUrlId: string;
  /** The respondent's first click: the one that creates their response (and computes their cuts). */
  first: boolean;
}

interface ClickResult {
  ackMs: number;
  status: number;
  /** From the POST to the reply stored by the stand-in; NaN when none came. */
  replyMs: number;
  replaced: boolean;
  failure?: string;
}

interface BackendResult {
  kind: DatabaseKind;
  location: string;
  /** "in-process", or the number of app processes. */
  app: string;
  respondents: number;
  questions: number;
  clicks: number;
  targetRate: number;
  /** Clicks sent per second (the schedule kept), and acknowledged per second (first send to last ack). */
  sentRate: number;
  ackedRate: number;
  ack: LatencySummary;
  ackFirst: LatencySummary;
  ackLater: LatencySummary;
  reply: LatencySummary;
  /** Send lag: how late clicks left against their schedule (the generator's own delay). */
  sendLag: LatencySummary;
  /** The bench process's event-loop delay during the series, milliseconds. */
  benchLoopDelay: { p50: number; p99: number; max: number };
  non200: number;
  refused: number;
  noReply: number;
  stored: { expected: number; found: number; wrongValue: number; responses: number; complete: number; recipientsAnswered: number; expectedComplete: number };
  appErrors: Array<{ at: string; message: string }>;
  loadBefore: string;
  loadAfter: string;
}

/** The inspector's CPU profiler on this process, for BENCH_PULSE_PROFILE. */
async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
  const { Session } = await import("node:inspector/promises");
  const { writeFile } = await import("node:fs/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await session.post("Profiler.stop");
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

function sleep(msToWait: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msToWait));
}

async function pickRespondents(db: Database, tenantId: string, count: number): Promise<Respondent[]> {
  const rows = await db.withSession((session) =>
    session.query<{ id: string; name: string; email: string; time_zone: string; locale: string; slack_user_id: string }>(
      `SELECT id::text AS id, name, email, time_zone, locale, slack_user_id FROM employee
        WHERE tenant_id = $1::uuid AND active AND slack_user_id IS NOT NULL ORDER BY role, id LIMIT $2`,
      [tenantId, count],
    ),
  );
  return rows.map((row) => ({ employeeId: row.id, name: row.name, email: row.email, timeZone: row.time_zone, locale: row.locale, slackUserId: row.slack_user_id }));
}

async function runBackend(kind: DatabaseKind, size: TenantSize, settings: Settings, options: BenchOptions): Promise<BackendResult> {
  const log = (message: string) => options.log(`[${kind}] ${message}`);
  const bench = await openBenchDatabase(kind, size, log);
  const { db, tenantId } = bench;
  const { clock } = clockOnSeedDate(bench.marker.today);
  const respondents = await pickRespondents(db, tenantId, settings.respondents);
  if (respondents.length === 0) throw new Error("the bench tenant has nobody with a Slack id");
  const survey = surveyFromTemplate("enps", "en");
  const owner = respondents[0]!;
  const now = clock.now();
  const surveyRow = await db.prisma.pulseSurvey.create({
    data: { tenantId, name: `bench pulse ${now.toISOString()} ${process.pid}`, definition: survey as object, ownerId: owner.employeeId, audience: { kind: "everyone" }, cron: "0 10 * * 2", timeZone: "Asia/Kuala_Lumpur" },
    select: { id: true },
  });
  let standIn: SlackStandIn | undefined;
  let target: AppUnderTest | undefined;
  let database = db;
  try {
    const round = await db.prisma.pulseRound.create({
      data: {
        tenantId,
        surveyId: surveyRow.id,
        number: 1,
        definition: survey as object,
        opensOn: new Date(`${bench.marker.today}T00:00:00.000Z`),
        firstSendAt: now,
        lastSendAt: now,
        // Open a week by both clocks: the seed-date clock (in-process) and the system's (replicas).
        closesAt: new Date(Math.max(now.getTime(), Date.now()) + 7 * 86_400_000),
        invited: respondents.length,
        threshold: 5,
        commentThreshold: 5,
      },
      select: { id: true },
    });
    await db.prisma.pulseRecipient.createMany({
      data: respondents.map((person) => ({ roundId: round.id, employeeId: person.employeeId, tenantId, timeZone: person.timeZone, sendAt: now })),
    });
    log(`round ${round.id}: ${survey.questions.length} questions, ${respondents.length} people invited`);
    await db.withSession((session) => session.query(`UPDATE tenant SET slack_team_id = $2 WHERE id = $1::uuid AND slack_team_id IS DISTINCT FROM $2`, [tenantId, TEAM_ID]));

    const replicaCount = settings.replicas ?? 1;
    if (kind === "pglite" && replicaCount > 1) throw new Error("PGlite is one process's database: BENCH_PULSE_REPLICAS must be 0 or 1 with it");
    if (replicaCount === 0) {
      const bot = await startBenchBot({ db, clock, teamId: TEAM_ID, users: respondents, env: { PULSE_TOKEN_SECRET: TOKEN_SECRET } });
      standIn = bot.standIn;
      target = {
        standIn: bot.standIn,
        eventsUrls: [`${bot.app.url}/slack/events`],
        signingSecret: bot.signingSecret,
        mode: "in-process",
        errors: () => bot.appErrors.map((entry) => entry.message),
        async stop() {
          // The app closes the database it was given: open it again for the checks.
          await bot.close();
          return reopenBenchDatabase(bench);
        },
      };
    } else {
      standIn = createSlackStandIn({ rateLimits: false, teamId: TEAM_ID });
      await standIn.start();
      for (const user of respondents) {
        standIn.workspace.addUser({ id: user.slackUserId, name: user.email.split("@")[0]!, realName: user.name, email: user.email, tz: user.timeZone, locale: user.locale === "ms" ? "ms-MY" : "en-US" });
      }
    }

    // The invitations, as the delivery worker renders and sends them.
    const render = createPulseInviteRenderer({
      store: createPulseAnswerStore(db.prisma),
      data: withCaches(createSalesData(db.prisma)),
      tokens: async () => createPulseTokens(TOKEN_SECRET),
      clock,
    });
    const chat = createSlackChatPort({ botToken: standIn.botToken, apiUrl: standIn.url });
    const messages: Array<{ channel: string; ts: string; blocks: Array<Record<string, unknown>> }> = [];
    const sendStarted = performance.now();
    for (let start = 0; start < respondents.length; start += 25) {
      const batch = respondents.slice(start, start + 25);
      const sent = await Promise.all(
        batch.map(async (person, index) => {
          const message = await render({ roundId: round.id, locale: "en" }, { id: `bench-${start + index}`, tenantId, recipient: person.slackUserId });
          const result = await chat.send(person.slackUserId, message, `bench-${start + index}`);
          if (!result.ok) throw new Error(`invitation to ${person.email} not sent: ${result.message}`);
          return { channel: result.channel, ts: result.ts, blocks: (message.blocks ?? []) as Array<Record<string, unknown>> };
        }),
      );
      messages.push(...sent);
    }
    log(`${messages.length} invitations rendered and posted in ${((performance.now() - sendStarted) / 1000).toFixed(1)} s`);

    // Every click planned and its body built beforehand: the generator only signs and sends.
    const random = seededRandom(20261127);
    const workspace = standIn.workspace as unknown as Parameters<typeof buildBlockActionsPayload>[0];
    const questions = survey.questions.filter((question) => question.kind !== "free_text");
    const plan: PlannedClick[] = [];
    const total = WARM_UP_CLICKS + settings.clicks;
    const lastValue = new Map<string, string>();
    const started = new Set<number>();
    for (let index = 0; index < total; index++) {
      const respondent = index % respondents.length;
      const questionIndex = Math.floor(index / respondents.length) % questions.length;
      const message = messages[respondent]!;
      const row = message.blocks.filter((block) => block.type === "actions")[questionIndex]!;
      const elements = row.elements as Array<Record<string, unknown>>;
      const element = elements[Math.floor(random() * elements.length)]!;
      let value: string;
      let selectedValue: string | undefined;
      if (element.type === "static_select") {
        const choices = element.options as Array<{ value: string }>;
        selectedValue = choices[Math.floor(random() * choices.length)]!.value;
        value = selectedValue;
      } else {
        value = String(element.value);
      }
      const built = buildBlockActionsPayload(workspace, {
        user: respondents[respondent]!.slackUserId,
        channel: message.channel,
        ts: message.ts,
        blockId: String(row.block_id),
        actionId: String(element.action_id),
        ...(selectedValue !== undefined ? { selectedValue } : {}),
      });
      const questionId = parseAnswerBlockId(String(row.block_id))!.questionId;
      lastValue.set(`${respondent}/${questionId}`, value);
      plan.push({
        respondent,
        questionId,
        value,
        body: new URLSearchParams({ payload: JSON.stringify(built.payload) }).toString(),
        responseUrlId: built.responseUrlId,
        first: !started.has(respondent),
      });
      started.add(respondent);
    }
    log(`${plan.length} click payloads built (${WARM_UP_CLICKS} warm-up); average body ${Math.round(plan.reduce((sum, click) => sum + click.body.length, 0) / plan.length)} bytes`);

    if (!target) {
      // App processes on the same database (PGlite: the bench lets go of it first; one process at a time).
      if (kind === "pglite") await db.close();
      const replicas: AppReplica[] = await startAppReplicas(replicaCount, {
        ...(kind === "postgres" ? { DATABASE_URL: bench.url! } : { DATA_DIR: bench.location }),
        SLACK_BOT_TOKEN: standIn.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: standIn.url,
        PULSE_TOKEN_SECRET: TOKEN_SECRET,
        JOBS: "off",
        DEMO_SEED: "never",
        LOG_LEVEL: "info",
      }, settings.appProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${settings.appProfileDir}`] : []);
      log(`${replicas.length} app process${replicas.length === 1 ? "" : "es"} listening: ${replicas.map((replica) => replica.url).join(", ")}`);
      target = {
        standIn,
        eventsUrls: replicas.map((replica) => `${replica.url}/slack/events`),
        signingSecret: SIGNING_SECRET,
        mode: `${replicas.length} process${replicas.length === 1 ? "" : "es"}`,
        errors: () => replicas.flatMap((replica) => replica.errors().map((message) => `${replica.name}: ${message}`)),
        async stop() {
          await stopAppReplicas(replicas);
          return kind === "pglite" ? reopenBenchDatabase(bench) : db;
        },
      };
    }
    const appMode = target.mode;
    const hooked = hookResponsePosts(standIn);
    if (hooked === null) throw new Error("the Slack stand-in no longer keeps its response_url posts in one array");
    const waitForReply = hooked;
    const agent = new Agent({ pipelining: 0, connections: 512 });
    const urls = target.eventsUrls;
    const signingSecret = target.signingSecret;
    const results: ClickResult[] = new Array(plan.length);
    const sendLag: number[] = [];
    const pending: Array<Promise<void>> = [];
    let lastAckAt = 0;

    function fire(index: number, scheduledAt: number): void {
      const click = plan[index]!;
      const reply = waitForReply(click.responseUrlId);
      const sentAt = performance.now();
      if (index >= WARM_UP_CLICKS) sendLag.push(sentAt - scheduledAt);
      pending.push(
        (async () => {
          let status = 0;
          let ackMs = Number.NaN;
          try {
            const response = await undiciFetch(urls[index % urls.length]!, {
              method: "POST",
              headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(signingSecret, click.body, Math.floor(Date.now() / 1000)) },
              body: click.body,
              dispatcher: agent,
            });
            await response.arrayBuffer();
            status = response.status;
            ackMs = performance.now() - sentAt;
            lastAckAt = Math.max(lastAckAt, performance.now());
          } catch (error) {
            const cause = (error as { cause?: { code?: string } }).cause;
            results[index] = { ackMs, status, replyMs: Number.NaN, replaced: false, failure: `POST failed: ${cause?.code ?? (error as Error).message}` };
            return;
          }
          let timer: NodeJS.Timeout | undefined;
          const outcome = await Promise.race([reply, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), DRAIN_TIMEOUT_MS)))]);
          clearTimeout(timer);
          results[index] = {
            ackMs,
            status,
            replyMs: outcome ? outcome.at - sentAt : Number.NaN,
            replaced: outcome?.post.body["replace_original"] === true,
            ...(outcome ? {} : { failure: "no reply" }),
          };
        })(),
      );
    }

    // Warm-up: a few clicks one after another (JIT, pools, the first identity lookups).
    for (let index = 0; index < WARM_UP_CLICKS; index++) {
      fire(index, performance.now());
      await pending[pending.length - 1];
    }
    const loadBefore = loadAverage();
    log(`series: ${settings.clicks} clicks at ${settings.rate}/s …`);
    const profiler = settings.profile ? await startProfiler() : undefined;
    // How late this process's own event loop ran: past a few milliseconds the acknowledgement times
    // it measures include its own delay in reading them (the stand-in and the generator share it).
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const intervalMs = 1000 / settings.rate;
    const seriesStart = performance.now();
    let next = WARM_UP_CLICKS;
    while (next < plan.length) {
      const elapsed = performance.now() - seriesStart;
      // Open loop: every click whose time has come leaves now, late or not.
      while (next < plan.length && (next - WARM_UP_CLICKS) * intervalMs <= elapsed) {
        fire(next, seriesStart + (next - WARM_UP_CLICKS) * intervalMs);
        next += 1;
      }
      await sleep(1);
    }
    const lastSentAt = performance.now();
    await Promise.all(pending);
    loopDelay.disable();
    if (profiler && settings.profile) {
      await profiler.stop(settings.profile);
      log(`CPU profile of the series written to ${settings.profile}`);
    }
    const loadAfter = loadAverage();
    await agent.close().catch(() => {});
    const appErrors = target.errors();
    database = await target.stop();
    target = undefined;

    // What the database holds: each respondent's response, found by the hash of their token and
    // opened with it (responses are sealed with a key of the token), and the counts of the results.
    const tokens = createPulseTokens(TOKEN_SECRET);
    const opened = new Map<number, ReturnType<typeof parseResponse>>();
    for (let respondent = 0; respondent < messages.length; respondent++) {
      const blockId = String(messages[respondent]!.blocks.find((block) => block.type === "actions")!.block_id);
      const verified = tokens.verify(round.id, parseAnswerBlockId(blockId)!.token, respondents[respondent]!.slackUserId);
      if (!verified) continue;
      const row = await database.prisma.pulseResponse.findUnique({ where: { tokenHash: verified.tokenHash }, select: { sealed: true } });
      const plaintext = row ? verified.open(row.sealed) : null;
      if (plaintext !== null) opened.set(respondent, parseResponse(plaintext));
    }
    let found = 0;
    let wrongValue = 0;
    const answeredQuestions = new Map<number, number>();
    for (const [key, value] of lastValue) {
      const [respondent, questionId] = key.split("/") as [string, string];
      answeredQuestions.set(Number(respondent), (answeredQuestions.get(Number(respondent)) ?? 0) + 1);
      const answer = opened.get(Number(respondent))?.answers.find((candidate) => candidate.questionId === questionId);
      if (answer === undefined) continue;
      found += 1;
      const actual = answer.score !== null ? String(answer.score) : (answer.choiceId ?? "");
      if (actual !== value) wrongValue += 1;
    }
    const required = survey.questions.filter((question) => !question.optional).length;
    const [responses, counted, recipientsAnswered] = await Promise.all([
      database.prisma.pulseResponse.count({ where: { roundId: round.id } }),
      database.prisma.pulseTally.aggregate({ where: { roundId: round.id, questionId: "" }, _sum: { count: true } }),
      database.prisma.pulseRecipient.count({ where: { roundId: round.id, answered: true } }),
    ]);
    const complete = counted._sum.count ?? 0;

    const measured = results.slice(WARM_UP_CLICKS);
    const firsts = measured.filter((_, index) => plan[index + WARM_UP_CLICKS]!.first);
    const laters = measured.filter((_, index) => !plan[index + WARM_UP_CLICKS]!.first);
    const acked = (list: ClickResult[]) => list.filter((result) => Number.isFinite(result.ackMs)).map((result) => result.ackMs);
    const result: BackendResult = {
      kind,
      location: bench.location,
      app: appMode,
      respondents: respondents.length,
      questions: questions.length,
      clicks: settings.clicks,
      targetRate: settings.rate,
      sentRate: settings.clicks / Math.max(0.001, (lastSentAt - seriesStart) / 1000) || 0,
      ackedRate: settings.clicks / Math.max(0.001, (lastAckAt - seriesStart) / 1000),
      ack: summarize(acked(measured), SLACK_LIMIT_MS),
      ackFirst: summarize(acked(firsts), SLACK_LIMIT_MS),
      ackLater: summarize(acked(laters), SLACK_LIMIT_MS),
      reply: summarize(measured.filter((entry) => Number.isFinite(entry.replyMs)).map((entry) => entry.replyMs), SLACK_LIMIT_MS),
      sendLag: summarize(sendLag, SLACK_LIMIT_MS),
      benchLoopDelay: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      non200: measured.filter((entry) => entry.status !== 200).length,
      refused: results.filter((entry) => Number.isFinite(entry.replyMs) && !entry.replaced).length,
      noReply: results.filter((entry) => entry.failure !== undefined).length,
      stored: {
        expected: lastValue.size,
        found,
        wrongValue,
        responses,
        complete,
        recipientsAnswered,
        expectedComplete: [...answeredQuestions.values()].filter((count) => count >= required).length,
      },
      appErrors: appErrors.slice(0, 20).map((message) => ({ at: "", message })),
      loadBefore,
      loadAfter,
    };
    log(
      `sent ${result.sentRate.toFixed(0)}/s, acked ${result.ackedRate.toFixed(0)}/s; ack p50 ${ms(result.ack.p50)} p99 ${ms(result.ack.p99)} max ${ms(result.ack.max)} ms; ` +
        `stored ${found}/${lastValue.size} (${wrongValue} wrong); ${result.noReply} without reply, ${result.refused} refused; bench loop delay p99 ${ms(result.benchLoopDelay.p99)} ms`,
    );
    return result;
  } finally {
    if (target) database = await target.stop().catch(() => reopenBenchDatabase(bench));
    // The bench database is kept between runs: the survey goes (its rounds, recipients and responses with it).
    await database.prisma.pulseSurvey.delete({ where: { id: surveyRow.id } }).catch((error: unknown) => log(`could not delete the bench survey: ${String(error)}`));
    await database.close().catch(() => {});
    await standIn?.stop().catch(() => {});
  }
}

/** "43.0 ms", or "–" when there was nothing to measure. */
function msCell(value: number): string {
  return Number.isFinite(value) ? `${ms(value)} ms` : "–";
}

function tablesFor(results: readonly BackendResult[]): BenchTable[] {
  return [
    {
      title: `Answer clicks, open loop at the target rate (Slack's limit: acknowledged within ${SLACK_LIMIT_MS / 1000} s)`,
      columns: ["backend", "clicks", "target/s", "sent/s", "acked/s", "ack p50", "ack p99", "ack max", "> 3 s", "non-200", "seen p50", "seen p99"],
      rows: results.map((result) => [
        result.kind,
        result.clicks,
        result.targetRate,
        Math.round(result.sentRate),
        Math.round(result.ackedRate),
        msCell(result.ack.p50),
        msCell(result.ack.p99),
        msCell(result.ack.max),
        result.ack.over,
        result.non200,
        msCell(result.reply.p50),
        msCell(result.reply.p99),
      ]),
      notes: [
        "ack: from the POST to the HTTP 200 (Bolt acknowledges before any work). seen: to the message replaced through the click's response_url.",
        "sent/s: clicks over the time the generator took to send them; acked/s: clicks over the time from the first send to the last acknowledgement (the tail's latency included).",
      ],
    },
    {
      title: "First answers (response created, team and attainment band computed) vs later ones",
      columns: ["backend", "app", "first", "first ack p50", "first ack p99", "later", "later ack p50", "later ack p99", "send lag p99", "bench loop p99"],
      rows: results.map((result) => [
        result.kind,
        result.app,
        result.ackFirst.count,
        msCell(result.ackFirst.p50),
        msCell(result.ackFirst.p99),
        result.ackLater.count,
        msCell(result.ackLater.p50),
        msCell(result.ackLater.p99),
        msCell(result.sendLag.p99),
        msCell(result.benchLoopDelay.p99),
      ]),
      notes: ["bench loop p99: how late the bench's own event loop (generator and stand-in) ran; a large value inflates the measured acknowledgement times."],
    },
    {
      title: "Stored: the last value clicked per person and question, found by the person's token hash",
      columns: ["backend", "expected", "found", "wrong value", "no reply", "refused", "responses", "complete", "recipients answered", "complete expected"],
      rows: results.map((result) => [
        result.kind,
        result.stored.expected,
        result.stored.found,
        result.stored.wrongValue,
        result.noReply,
        result.refused,
        result.stored.responses,
        result.stored.complete,
        result.stored.recipientsAnswered,
        result.stored.expectedComplete,
      ]),
    },
  ];
}

export async function run(options: BenchOptions): Promise<BenchResult> {
  const settings = settingsFor(options);
  const size = options.quick ? QUICK : FULL;
  const code = sourceFingerprint();
  options.log(`${settings.clicks} clicks at ${settings.rate}/s by ${settings.respondents} people; tenant ${size.reps} reps / ${size.opportunities} opportunities`);
  const { results, skipped } = await runEachBackend(options, (kind) => runBackend(kind, size, settings, options));
  const verdicts = results.map((result) => {
    const allStored = result.stored.found === result.stored.expected && result.stored.wrongValue === 0 && result.noReply === 0 && result.refused === 0;
    const inTime = result.ack.over === 0 && result.non200 === 0;
    // The offered load held (the generator kept its schedule); whether the app kept up is the acknowledgement times.
    const atRate = result.sentRate >= result.targetRate * 0.95;
    return `[${result.kind}] ${atRate ? `${Math.round(result.sentRate)}/s offered` : `only ${Math.round(result.sentRate)}/s offered (the generator fell behind)`}; ${inTime ? "every click acknowledged within 3 s" : `${result.ack.over + result.non200} clicks NOT acknowledged within 3 s`}; ${allStored ? "every answer stored as clicked" : "answers MISSING or wrong"}; load ${result.loadBefore} → ${result.loadAfter}${result.appErrors.length ? `; app errors: ${result.appErrors.map((entry) => entry.message).slice(0, 3).join(" | ")}` : ""}`;
  });
  return {
    name,
    tables: tablesFor(results),
    notes: [...verdicts, ...skipped, `options: ${OPTIONS_HELP}`, `code measured: src/**/*.ts sha256 ${code.sha256.slice(0, 16)}…`],
    data: { code, size, settings, warmUp: WARM_UP_CLICKS, slackLimitMs: SLACK_LIMIT_MS, backends: results, skipped },
  };
}
