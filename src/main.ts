// `npm start`: the bot's process. Configuration errors end it with one line and exit code 1.
import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "./config.js";
import { describeError } from "./db/data-dir.js";
import { installCrashHandlers } from "./process-handlers.js";

/** Errors whose message is written for the operator already; others get a "Start-up failed:" prefix. */
const OPERATOR_ERRORS = ["MigrationError", "DatabaseInUseError", "DataDirError", "LocalModeError"];

async function main(): Promise<void> {
  // A local .env fills in what the real environment does not set.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig();
  // Loaded after the configuration is known to be good, so a typo fails in milliseconds.
  const { startApp } = await import("./app.js");
  const app = await startApp({ config });
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    app.logger.info({ signal }, "shutting down");
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  installCrashHandlers(process, { logger: app.logger, stop: () => app.stop(), exit: (code) => process.exit(code) });
}

main().catch((error: unknown) => {
  const message = describeError(error);
  const known = error instanceof ConfigError || (error instanceof Error && OPERATOR_ERRORS.includes(error.name));
  process.stderr.write(`${known ? message : `Start-up failed: ${message}`}\n`);
  process.exit(1);
});
