// `npm run seed`: with no flags, adds the demo tenant "Demo Sdn Bhd" unless it is there already.
// With --reps/--opportunities, builds a large tenant for benchmarks:
//   npm run seed -- --reps 2000 --opportunities 500000 [--tenant-name "Bench Co"] [--snapshots 8] [--replace]
// Writes to DATABASE_URL, or the embedded database under DATA_DIR. Bad flags: one line, exit code 2.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { calendarDateIn, systemClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { isAppError } from "../core/errors.js";
import { openDatabase } from "../db/database.js";
import { applyMigrations } from "../db/migrator.js";
import { parseIsoDate } from "../db/seed/calendar.js";
import { DEMO_TENANT_NAME, ensureDemoTenant } from "../db/seed/demo-tenant.js";
import { LARGE_TENANT_DEFAULT_NAME, type LargeTenantReport, seedLargeTenant } from "../db/seed/large-tenant.js";

const USAGE =
  'usage: npm run seed [-- --reps N --opportunities N [--tenant-name "Bench Co"] [--snapshots 8] [--replace]] [--today YYYY-MM-DD]';

class UsageError extends Error {}

const wholeNumber = (flag: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${flag}: expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `${flag}: expected a whole number from ${min} to ${max}`);

const flagsSchema = z.object({
  reps: wholeNumber("--reps", 1, 200_000).optional(),
  opportunities: wholeNumber("--opportunities", 0, 20_000_000).optional(),
  snapshots: wholeNumber("--snapshots", 0, 104).optional(),
  "tenant-name": z.string().trim().min(1, "--tenant-name: must not be empty").max(200, "--tenant-name: at most 200 characters").optional(),
  today: z
    .string()
    .refine((value) => {
      try {
        parseIsoDate(value);
        return true;
      } catch {
        return false;
      }
    }, "--today: expected a date as YYYY-MM-DD")
    .optional(),
  replace: z.boolean().optional(),
  help: z.boolean().optional(),
});

type Flags = z.infer<typeof flagsSchema>;

function parseFlags(argv: string[]): Flags {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        reps: { type: "string" },
        opportunities: { type: "string" },
        snapshots: { type: "string" },
        "tenant-name": { type: "string" },
        today: { type: "string" },
        replace: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const option = /'(-[^' ]*)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown option ${option}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new UsageError(
        message.includes("ambiguous")
          ? `${option}: expected a value, got something starting with "-" (write ${option}=VALUE if you mean it)`
          : `${option}: expected a value`,
      );
    }
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ""}`.trim());
    throw new UsageError(message.split("\n")[0] ?? "bad arguments");
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = `--${String(issue.path[0] ?? "")}`;
    throw new UsageError(issue.message.startsWith("--") ? issue.message : `${flag}: ${issue.message}`);
  }
  const flags = parsed.data;
  const large = flags.reps !== undefined || flags.opportunities !== undefined;
  if (!large && (flags.snapshots !== undefined || flags["tenant-name"] !== undefined || flags.replace)) {
    throw new UsageError("--snapshots, --tenant-name and --replace go with --reps and --opportunities (a large tenant)");
  }
  return flags;
}

const number = new Intl.NumberFormat("en");

function printLargeReport(report: LargeTenantReport): void {
  console.log(`Tenant ${report.tenantId} committed in ${(report.elapsedMs / 1000).toFixed(1)} s.`);
  console.log("table                  rows      db s      rows/s");
  let total = 0;
  for (const [table, timing] of Object.entries(report.timings)) {
    total += timing.rows;
    if (timing.rows === 0) continue;
    const seconds = timing.ms / 1000;
    console.log(
      `${table.padEnd(18)} ${number.format(timing.rows).padStart(10)} ${seconds.toFixed(2).padStart(9)} ${number.format(Math.round(timing.rows / Math.max(seconds, 0.001))).padStart(11)}`,
    );
  }
  console.log(`all tables: ${number.format(total)} rows, ${number.format(Math.round(total / (report.elapsedMs / 1000)))} rows/s overall (generation included)`);
}

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  if (flags.help) {
    console.log(USAGE);
    return;
  }
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig();
  const today = flags.today ?? calendarDateIn(systemClock.now(), config.defaultTimeZone);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  const where = db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite under ${config.dataDir}`;
  try {
    const migrations = await applyMigrations(db, { log: (message) => console.log(message) });
    if (migrations.applied.length > 0) console.log(`${migrations.applied.length} migration(s) applied.`);

    if (flags.reps === undefined && flags.opportunities === undefined) {
      const seeded = await ensureDemoTenant(db, today, "always");
      if (seeded) {
        const summary = Object.entries(seeded.counts).map(([table, rows]) => `${rows} ${table}`).join(", ");
        console.log(`Seeded the demo tenant "${DEMO_TENANT_NAME}" (id ${seeded.tenantId}) as of ${today} in ${where}: ${summary}.`);
      } else {
        console.log(`The demo tenant "${DEMO_TENANT_NAME}" is already in ${where}; nothing to do.`);
      }
      return;
    }

    const reps = flags.reps ?? 2_000;
    const opportunities = flags.opportunities ?? reps * 250;
    const tenantName = flags["tenant-name"] ?? LARGE_TENANT_DEFAULT_NAME;
    console.log(`Building "${tenantName}" in ${where}: ${number.format(reps)} reps, ${number.format(opportunities)} opportunities, ${flags.snapshots ?? 8} weekly snapshots, as of ${today}.`);
    let nextMark = 0;
    const report = await seedLargeTenant(db, {
      reps,
      opportunities,
      tenantName,
      today,
      ...(flags.snapshots !== undefined ? { snapshots: flags.snapshots } : {}),
      replace: flags.replace ?? false,
      onProgress(progress) {
        const seconds = progress.elapsedMs / 1000;
        if (progress.phase === "people") {
          console.log(`  org chart, quotas and plans written (${seconds.toFixed(1)} s)`);
        } else if (progress.phase === "opportunities" && progress.opportunitiesWritten >= nextMark) {
          nextMark = progress.opportunitiesWritten + Math.max(5_000, Math.ceil(progress.opportunitiesTotal / 20));
          console.log(
            `  ${number.format(progress.opportunitiesWritten)}/${number.format(progress.opportunitiesTotal)} opportunities, ` +
              `${number.format(progress.snapshotsWritten)} snapshot rows (${seconds.toFixed(1)} s)`,
          );
        } else if (progress.phase === "committed") {
          console.log(`  committed ${number.format(progress.opportunitiesWritten)} opportunities and ${number.format(progress.snapshotsWritten)} snapshot rows (${seconds.toFixed(1)} s); analysing`);
        }
      },
    });
    printLargeReport(report);
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    process.stderr.write(`seed: ${message} (see npm run seed -- --help)\n`);
    process.exit(2);
  }
  const prefix = error instanceof ConfigError || isAppError(error) || (error instanceof Error && error.name === "MigrationError") ? "" : "seed failed: ";
  process.stderr.write(`${prefix}${message}\n`);
  process.exit(1);
});
