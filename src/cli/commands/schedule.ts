// `npm run cli -- schedule list|add|change|pause|resume|delete … [--tenant <name or id>]`: the same
// schedule commands as `/salesops schedule …` in Slack (one grammar and one use case), run as
// the tenant's first admin. Exit codes: 0 done, 1 refused or failed, 2 bad usage.
import { type Clock, systemClock } from "../../clock.js";
import { isAppError } from "../../core/errors.js";
import { isLocale, type Locale } from "../../core/i18n/locale.js";
import { moreLabel } from "../../core/i18n/messages.js";
import { parseScheduleCommand } from "../../core/schedules/parse-schedule-command.js";
import type { Reply } from "../../core/reply.js";
import { foldName } from "../../core/use-cases/reply-parts.js";
import { answerScheduleCommand, usageProblemText } from "../../core/use-cases/manage-schedules.js";
import type { Database } from "../../db/database.js";
import { applyMigrations } from "../../db/migrator.js";
import { createScheduleStore, firstAdminOf, tenantsForAdmin } from "../../db/repositories/schedules.js";
import { renderBlockKit } from "../../slack/render/block-kit.js";
import { messageToText } from "../block-kit-text.js";
import type { CliCommand, CliContext } from "../cli.js";

export const COMMAND_PREFIX = "npm run cli --";

export const USAGE = [
  "usage: npm run cli -- schedule <verb> … [--tenant <name or id>]",
  "  schedule list",
  '  schedule add forecast_digest "<name>" <when> [--tz <Zone>] [--team "<Team name>" | --all-teams]',
  '  schedule change "<name>" [<when>] [--tz <Zone>] [--team "<Team name>" | --all-teams]',
  '  schedule pause "<name>"',
  '  schedule resume "<name>"',
  '  schedule delete "<name>"     (no confirmation; digests it already queued still go out)',
  '<when>: a preset (weekly Mon 08:00, daily 08:00, every 2 weeks Mon 08:00, …) or a cron expression in quotes ("0 8 * * 1").',
].join("\n");

/** Takes `--tenant X` / `--tenant=X` out of the words; the rest is the schedule grammar's. */
export function splitTenantFlag(args: readonly string[]): { tenant: string | undefined; rest: string[] } | { error: string } {
  const rest: string[] = [];
  let tenant: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (word !== "--tenant" && !word.startsWith("--tenant=")) {
      rest.push(word);
      continue;
    }
    if (tenant !== undefined) return { error: "--tenant is given twice" };
    const value = word === "--tenant" ? args[++index] : word.slice("--tenant=".length);
    if (value === undefined || value.trim() === "" || value.startsWith("--")) return { error: "--tenant needs a tenant name or id" };
    tenant = value.trim();
  }
  return { tenant, rest };
}

/** Runs `schedule …` at the clock's time; `command` below runs it on the system clock. */
export async function runScheduleCommand(args: string[], context: CliContext, clock: Clock): Promise<number> {
  if (args.length === 1 && /^(?:-h|--help|help)$/.test(args[0]!)) {
    context.out(USAGE);
    return 0;
  }
  const split = splitTenantFlag(args);
  if ("error" in split) {
    context.err(`${split.error}\n${USAGE}`);
    return 2;
  }
  if (split.rest.length === 0) {
    context.err(USAGE);
    return 2;
  }
  const parsed = parseScheduleCommand(split.rest);
  if (!parsed.ok) {
    context.err(`${usageProblemText(parsed.problem, "en", COMMAND_PREFIX)}\n${USAGE}`);
    return 2;
  }

  return answerAsAdmin(context, split.tenant, ({ db, tenant, admin, locale }) =>
    answerScheduleCommand({
      store: createScheduleStore(db.prisma),
      tenantId: tenant.id,
      employeeId: admin.id,
      locale,
      now: clock.now(),
      command: COMMAND_PREFIX,
      request: parsed.command,
    }),
  );
}

type ActingAdmin = Exclude<Awaited<ReturnType<typeof actingAdmin>>, number>;

/**
 * Runs an operator command's use case as the tenant's first admin and prints its reply as text:
 * exit 0 when answered, 1 when refused (bad input, not allowed) with the reason on stderr.
 */
export async function answerAsAdmin(
  context: CliContext,
  tenantFlag: string | undefined,
  answer: (acting: ActingAdmin) => Promise<Reply>,
): Promise<number> {
  const acting = await actingAdmin(context, tenantFlag);
  if (typeof acting === "number") return acting;
  try {
    const reply = await answer(acting);
    context.out(messageToText(renderBlockKit(reply, (count) => moreLabel(acting.locale, count))));
    return 0;
  } catch (error) {
    if (isAppError(error) && (error.code === "invalid_input" || error.code === "forbidden")) {
      context.err(error.message);
      return 1;
    }
    throw error;
  }
}

/**
 * Opens the database, picks the tenant (`--tenant`, or the only one) and its first active admin,
 * whom an operator command acts as; says which on stdout. An exit code when it cannot.
 */
export async function actingAdmin(
  context: CliContext,
  tenantFlag: string | undefined,
): Promise<
  | number
  | { db: Database; tenant: { id: string; name: string }; admin: { id: string; name: string; email: string }; locale: Locale }
> {
  const db = await context.database();
  await applyMigrations(db);
  const tenants = await tenantsForAdmin(db.prisma);
  let tenant: { id: string; name: string } | undefined;
  if (tenantFlag !== undefined) {
    const wanted = tenantFlag;
    tenant = tenants.find((candidate) => candidate.id === wanted) ?? tenants.find((candidate) => foldName(candidate.name) === foldName(wanted));
    if (!tenant) {
      context.err(`There is no tenant "${wanted}". Tenants: ${tenants.map((candidate) => `"${candidate.name}" (${candidate.id})`).join(", ") || "none"}.`);
      return 1;
    }
  } else if (tenants.length === 1) {
    tenant = tenants[0];
  } else if (tenants.length === 0) {
    context.err("There is no organisation in the database yet; load one first (npm run seed for the demo).");
    return 1;
  } else {
    context.err(`There are ${tenants.length} tenants; pick one with --tenant <name or id>: ${tenants.map((candidate) => `"${candidate.name}"`).join(", ")}.`);
    return 2;
  }
  const admin = await firstAdminOf(db.prisma, tenant!.id);
  if (!admin) {
    context.err(`The tenant "${tenant!.name}" has no active admin to act as; make an employee an admin first.`);
    return 1;
  }
  const locale: Locale = isLocale(admin.locale) ? admin.locale : "en";
  context.out(`Tenant "${tenant!.name}", acting as its first admin: ${admin.name} <${admin.email}>.`);
  return { db, tenant: tenant!, admin, locale };
}

export const command: CliCommand = {
  summary: "list, add, change, pause, resume and delete schedules (forecast digests), as the tenant's first admin",
  usage: USAGE,
  run: (args, context) => runScheduleCommand(args, context, systemClock),
};
