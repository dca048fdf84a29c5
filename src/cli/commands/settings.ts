// `npm run cli -- settings [digest-detail full|totals|inherit [--team "<Team>"]] [--tenant <name or id>]`:
// the same settings commands as `/salesops settings …` in Slack (one grammar, one use case), run
// as the tenant's first admin, next to `schedule`. Exit codes: 0 done, 1 refused or failed, 2 bad usage.
import { type Clock, systemClock } from "../../clock.js";
import { parseSettingsCommand } from "../../core/schedules/parse-schedule-command.js";
import { usageProblemText } from "../../core/use-cases/manage-schedules.js";
import { answerSettingsCommand } from "../../core/use-cases/manage-tenant-settings.js";
import { createScheduleStore } from "../../db/repositories/schedules.js";
import type { CliCommand, CliContext } from "../cli.js";
import { answerAsAdmin, COMMAND_PREFIX, splitTenantFlag } from "./schedule.js";

export const USAGE = [
  "usage: npm run cli -- settings [<setting> <value>] [--tenant <name or id>]",
  "  settings                                          what is set",
  "  settings digest-detail full|totals                every team's channel digest: deals named, or team totals only",
  '  settings digest-detail full|totals --team "<Team>"  one team\'s channel digest',
  '  settings digest-detail inherit --team "<Team>"      that team follows the organisation\'s again',
].join("\n");

/** Runs `settings …`; `clock` is unused today but keeps the shape of `schedule` for tests. */
export async function runSettingsCommand(args: string[], context: CliContext, _clock: Clock = systemClock): Promise<number> {
  if (args.length === 1 && /^(?:-h|--help|help)$/.test(args[0]!)) {
    context.out(USAGE);
    return 0;
  }
  const split = splitTenantFlag(args);
  if ("error" in split) {
    context.err(`${split.error}\n${USAGE}`);
    return 2;
  }
  const parsed = parseSettingsCommand(split.rest);
  if (!parsed.ok) {
    context.err(`${usageProblemText(parsed.problem, "en", COMMAND_PREFIX)}\n${USAGE}`);
    return 2;
  }
  return answerAsAdmin(context, split.tenant, ({ db, tenant, admin, locale }) =>
    answerSettingsCommand({
      store: createScheduleStore(db.prisma),
      tenantId: tenant.id,
      employeeId: admin.id,
      locale,
      command: COMMAND_PREFIX,
      request: parsed.command,
    }),
  );
}

export const command: CliCommand = {
  summary: "show and change the organisation's settings (the forecast digest's detail), as the tenant's first admin",
  usage: USAGE,
  run: (args, context) => runSettingsCommand(args, context),
};
