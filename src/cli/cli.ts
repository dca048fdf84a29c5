// `npm run cli -- <command> [flags]`: operator commands against DATABASE_URL (or the embedded
// database under DATA_DIR). Each command is a module under ./commands/ exporting `command`; adding
// one is a file there and a line in COMMANDS. Exit codes: 0 done, 1 failed, 2 bad usage.
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { ConfigError, loadConfig } from "../config.js";
import { type Database, openDatabase } from "../db/database.js";

export interface CliContext {
  /** Opens the configured database; the runner closes it after the command. */
  database(): Promise<Database>;
  out(line: string): void;
  err(line: string): void;
}

export interface CliCommand {
  /** One line for the command list. */
  summary: string;
  usage: string;
  /** `args` are the words after the command's name. Returns the exit code. */
  run(args: string[], context: CliContext): Promise<number>;
}

/** Loaded on demand, so that one command's dependencies do not slow the others down. */
const COMMANDS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  deliveries: async () => (await import("./commands/deliveries.js")).command,
  pulse: async () => (await import("./commands/pulse.js")).command,
  schedule: async () => (await import("./commands/schedule.js")).command,
  settings: async () => (await import("./commands/settings.js")).command,
};

async function helpText(): Promise<string> {
  const lines = ["usage: npm run cli -- <command> [flags]", "", "commands:"];
  for (const [name, load] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(14)} ${(await load()).summary}`);
  return lines.join("\n");
}

/** Runs one command line (without node and the script); returns the exit code. */
export async function runCli(argv: readonly string[], io: Pick<CliContext, "out" | "err">, open: () => Promise<Database>): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(await helpText());
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`unknown command "${name}"\n${await helpText()}`);
    return 2;
  }
  const command = await load();
  let db: Database | undefined;
  try {
    return await command.run(args, {
      async database() {
        db ??= await open();
        return db;
      },
      ...io,
    });
  } catch (error) {
    io.err(`${error instanceof ConfigError ? "" : `${name} failed: `}${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.close().catch(() => {});
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const code = await runCli(
    process.argv.slice(2),
    { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) },
    async () => {
      const config = loadConfig();
      return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, maxConnections: 2 });
    },
  );
  process.exitCode = code;
}
