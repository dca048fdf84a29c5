// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits.
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../db/database.js";
import { applyMigrations } from "../db/migrator.js";

try {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  try {
    const report = await applyMigrations(db, { log: (message) => console.log(message) });
    console.log(`${report.applied.length} migration(s) applied, ${report.alreadyApplied} already in place (${db.kind}).`);
  } finally {
    await db.close();
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? "" : "db:migrate failed: "}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
