// Every team with a digest channel gets the weekly forecast digest by default — Monday 08:00 in
// the team's time zone — unless a digest schedule already covers it. Idempotent; replicas
// starting together collide on the (tenant, name) key instead of duplicating.
import { parseScheduleSpec } from "../core/schedules/index.js";
import type { Database } from "../db/database.js";
import { createDefaultSchedules, schedulesOf, teamsWithChannels } from "../db/repositories/schedules.js";

export const DEFAULT_DIGEST_PRESET = "weekly Mon 08:00";

export async function ensureDefaultDigestSchedules(db: Database, tenantIds: readonly string[], now: Date): Promise<number> {
  const spec = parseScheduleSpec(DEFAULT_DIGEST_PRESET);
  let created = 0;
  for (const tenantId of tenantIds) {
    const existing = await schedulesOf(db.prisma, tenantId);
    const covered = new Set<string>();
    let allTeams = false;
    for (const schedule of existing) {
      if (schedule.kind !== "forecast_digest") continue;
      const target = schedule.target as { teamId?: string; allTeams?: boolean } | null;
      if (target?.allTeams) allTeams = true;
      if (target?.teamId) covered.add(target.teamId);
    }
    if (allTeams) continue;
    const missing = (await teamsWithChannels(db.prisma, tenantId)).filter((team) => !covered.has(team.id));
    created += await createDefaultSchedules(
      db.prisma,
      missing.map((team) => ({
        tenantId,
        kind: "forecast_digest" as const,
        name: `Weekly forecast digest — ${team.name}`,
        cron: spec.cron,
        preset: spec.preset,
        everyWeeks: spec.everyWeeks,
        anchorDate: spec.anchorDate,
        timeZone: team.timeZone,
        target: { teamId: team.id },
      })),
      now,
    );
  }
  return created;
}
