// The clock of the bot: one node-cron task, ticking every minute, elected once per slot across
// replicas by the database run coordinator. Each tick plans whatever schedules came due (see
// run-due-schedules.ts) and the pulse rounds' work (pulse-rounds.ts); the slot records, round
// dates and idempotency keys make a doubled tick harmless.
import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../clock.js";
import type { SalesData } from "../core/sales-data.js";
import type { Database } from "../db/database.js";
import { createDatabaseRunCoordinator, pruneCronLeases } from "../db/repositories/cron-leases.js";
import { allTenantIds } from "../db/repositories/tenants.js";
import type { Logger } from "../logger.js";
import { runPulseRounds } from "./pulse-rounds.js";
import { type HandledSlot, runDueSchedules } from "./run-due-schedules.js";
import { warmProjectionModels } from "./warm-projection-models.js";

export const SCHEDULE_TICK_TASK = "salesops-schedule-tick";

export interface SchedulerOptions {
  db: Database;
  data: SalesData;
  owner: string;
  logger: Logger;
  clock: Clock;
  /** Called after a tick enqueued deliveries, so a worker can start at once. */
  onEnqueued?: () => void;
}

export interface Scheduler {
  /** Runs one tick now, outside the cron timing (tests, `npm run cli -- schedule tick`). */
  tick(): Promise<HandledSlot[]>;
  stop(): Promise<void>;
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { logger } = options;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async (): Promise<HandledSlot[]> => {
    const now = options.clock.now();
    const handled = await runDueSchedules({ ...options, now });
    // Pulse rounds ride the same elected tick; a failure there must not hide the schedules' work.
    const pulse = await runPulseRounds({ db: options.db, now, logger }).catch((error: unknown) => {
      logger.error({ err: error }, "pulse round tick failed");
      return undefined;
    });
    const pulseQueued = pulse !== undefined && (pulse.planned.some((round) => round.invited > 0) || pulse.reminders > 0 || pulse.closed > 0);
    if (handled.some((slot) => slot.deliveries > 0) || pulseQueued) options.onEnqueued?.();
    return handled;
  };
  // Not elected: every replica keeps its own caches warm (a no-op while they are fresh).
  const warmCaches = async () => {
    try {
      await warmProjectionModels(options.data, await allTenantIds(options.db.prisma), options.clock.now());
    } catch (error) {
      logger.warn({ err: error }, "warming projection caches failed");
    }
  };
  const task: ScheduledTask = cron.schedule(
    "* * * * *",
    async () => {
      const run = tick().catch((error: unknown) => logger.error({ err: error }, "schedule tick failed"));
      running = run;
      await run;
      await pruneCronLeases(options.db.prisma).catch(() => {});
      await warmCaches();
    },
    {
      name: SCHEDULE_TICK_TASK,
      timezone: "Etc/UTC",
      noOverlap: true,
      distributed: true,
      runCoordinator: createDatabaseRunCoordinator(options.db.prisma, options.owner),
      // Long enough that a replica whose clock is a few seconds behind is still refused.
      distributedLease: 50_000,
    },
  );
  // At start-up too, in the background: a restart should not make the next question slow.
  const warming = warmCaches();
  return {
    tick,
    async stop() {
      await warming;
      await task.destroy();
      await running;
    },
  };
}
