// `npm start`: the bot's process. Configuration errors end it with one line and exit code 1.
import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "./config.js";

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
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // Configuration and migration errors are written for the operator already; others get a prefix.
  const known = error instanceof ConfigError || (error instanceof Error && ["MigrationError", "DatabaseInUseError"].includes(error.name));
  process.stderr.write(`${known ? message : `Start-up failed: ${message}`}\n`);
  process.exit(1);
});
