// `npm run db:new-migration -- <snake_name>`: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql
// holding the SQL from the existing migrations to prisma/schema.prisma, as `prisma migrate dev
// --create-only` would, but with the wasm schema engine (src/db/schema-engine.ts), so that it
// works where Prisma's native engine cannot be downloaded.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_MIGRATIONS_DIR, readLocalMigrations } from "../db/migrator.js";
import { MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE, diffMigrationsToSchema } from "../db/schema-engine.js";

const SCHEMA_PATH = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

class Refusal extends Error {}

/** `YYYYMMDDHHMMSS` of `instant` in UTC, the prefix Prisma gives migration folders. */
function migrationTimestamp(instant: Date): string {
  return instant.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

interface NewMigrationOptions {
  name: string;
  now: Date;
  migrationsDir: string;
  schemaPath: string;
}

async function newMigration({ name, now, migrationsDir, schemaPath }: NewMigrationOptions): Promise<string> {
  if (!SNAKE_CASE.test(name)) {
    throw new Refusal(`the migration name must be snake_case, like add_deal_stage (got "${name}")`);
  }
  const folder = `${migrationTimestamp(now)}_${name}`;
  const latest = readLocalMigrations(migrationsDir).at(-1)?.name;
  if (latest !== undefined && folder <= latest) {
    throw new Refusal(`${folder} would not sort after the latest migration ${latest}; check the clock`);
  }

  const sql = await diffMigrationsToSchema(migrationsDir, await readFile(schemaPath, "utf8"));
  if (sql === "") {
    throw new Refusal(`no change: ${path.relative(process.cwd(), schemaPath)} already matches the migrations`);
  }

  await mkdir(path.join(migrationsDir, folder), { recursive: true });
  const lockPath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!existsSync(lockPath)) await writeFile(lockPath, MIGRATION_LOCK_CONTENT);
  const file = path.join(migrationsDir, folder, "migration.sql");
  await writeFile(file, sql, { flag: "wx" });
  return file;
}

const args = process.argv.slice(2);
try {
  if (args.length !== 1 || args[0] === undefined) {
    throw new Refusal("usage: npm run db:new-migration -- <snake_case_name>");
  }
  const file = await newMigration({
    name: args[0],
    now: new Date(),
    migrationsDir: DEFAULT_MIGRATIONS_DIR,
    schemaPath: SCHEMA_PATH,
  });
  console.log(`created ${path.relative(process.cwd(), file)}; review it, then commit it with the schema change.`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`db:new-migration: ${error instanceof Refusal ? message : `failed: ${message}`}\n`);
  process.exit(1);
}
