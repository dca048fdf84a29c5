import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.js";
import { applyMigrations, MigrationError, migrationStatus } from "../../src/db/migrator.js";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases.js";

function migrationsDir(migrations: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const first = `CREATE TABLE "widget" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL);\n`;
const second = `ALTER TABLE "widget" ADD COLUMN "colour" TEXT;\nINSERT INTO "widget" VALUES (1, 'a', 'red');\n`;
const broken = `CREATE TABLE "gadget" ("id" INTEGER);\nINSERT INTO "no_such_table" VALUES (1);\n`;

async function rows(db: Database) {
  return db.withSession((s) =>
    s.query<{ id: string; checksum: string; migration_name: string; started_at: Date; finished_at: Date | null; applied_steps_count: number; logs: string | null }>(
      `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`,
    ),
  );
}

async function tableExists(db: Database, table: string): Promise<boolean> {
  const result = await db.withSession((s) => s.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]));
  return result[0]!.present;
}

for (const kind of backends) {
  describe(`applyMigrations [${kind}]`, () => {
    const opened: TestDatabase[] = [];
    async function fresh(): Promise<Database> {
      const testDatabase = await createTestDatabase(kind, { migrate: false });
      opened.push(testDatabase);
      return testDatabase.db;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((t) => t.dispose()));
    });

    it("applies pending migrations in order and records them as prisma migrate deploy does", async () => {
      const db = await fresh();
      const dir = migrationsDir({ "20260101000000_first": first, "20260102000000_second": second });
      const report = await applyMigrations(db, { migrationsDir: dir });
      expect(report.applied).toEqual(["20260101000000_first", "20260102000000_second"]);

      const recorded = await rows(db);
      expect(recorded.map((r) => r.migration_name)).toEqual(["20260101000000_first", "20260102000000_second"]);
      expect(recorded[0]!.checksum).toBe(createHash("sha256").update(first).digest("hex"));
      expect(recorded[1]!.checksum).toBe(createHash("sha256").update(second).digest("hex"));
      for (const row of recorded) {
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.applied_steps_count).toBe(1);
        expect(row.finished_at).not.toBeNull();
        expect(new Date(row.finished_at!).getTime()).toBeGreaterThanOrEqual(new Date(row.started_at).getTime());
      }

      const again = await applyMigrations(db, { migrationsDir: dir });
      expect(again).toMatchObject({ applied: [], alreadyApplied: 2 });
      expect(await migrationStatus(db, dir)).toEqual({ pending: [], failed: [] });
    });

    it("rolls a failing migration back whole, records it, and refuses to retry it blindly", async () => {
      const db = await fresh();
      const dir = migrationsDir({ "20260101000000_first": first, "20260102000000_broken": broken });
      await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(/migration 20260102000000_broken failed: .*no_such_table/);
      expect(await tableExists(db, "widget")).toBe(true);
      // The table created earlier in the same migration is gone: nothing half-applied.
      expect(await tableExists(db, "gadget")).toBe(false);
      const failedRow = (await rows(db)).find((r) => r.migration_name === "20260102000000_broken")!;
      expect(failedRow.finished_at).toBeNull();
      expect(failedRow.logs).toContain("no_such_table");
      expect(await migrationStatus(db, dir)).toEqual({ pending: ["20260102000000_broken"], failed: ["20260102000000_broken"] });

      const second = applyMigrations(db, { migrationsDir: dir });
      await expect(second).rejects.toBeInstanceOf(MigrationError);
      await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(/failed earlier .*prisma migrate resolve/);
    });

    it("warns about a migration edited after it was applied", async () => {
      const db = await fresh();
      const dir = migrationsDir({ "20260101000000_first": first });
      await applyMigrations(db, { migrationsDir: dir });
      writeFileSync(path.join(dir, "20260101000000_first", "migration.sql"), `${first}-- edited\n`);
      const report = await applyMigrations(db, { migrationsDir: dir });
      expect(report.warnings).toEqual(["migration 20260101000000_first was modified after it was applied (checksum differs)"]);
    });

    it("builds the project's own schema from prisma/migrations", async () => {
      const db = await fresh();
      const report = await applyMigrations(db);
      expect(report.applied.length).toBeGreaterThan(0);
      for (const table of ["tenant", "employee", "team", "quota", "commission_plan", "commission_tier", "plan_assignment", "stage", "opportunity", "pipeline_snapshot", "forecast_call"]) {
        expect(await tableExists(db, table), table).toBe(true);
      }
    });
  });
}

describe.runIf(backends.includes("postgres"))("applyMigrations with replicas starting together [postgres]", () => {
  it("applies each migration exactly once when several pools race", async () => {
    const target = await createTestDatabase("postgres", { migrate: false });
    const others = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: target.url!, maxConnections: 2 })));
    try {
      const dir = migrationsDir({ "20260101000000_first": first, "20260102000000_second": second });
      const reports = await Promise.all([target.db, ...others].map((db) => applyMigrations(db, { migrationsDir: dir })));
      expect(reports.flatMap((r) => r.applied).sort()).toEqual(["20260101000000_first", "20260102000000_second"]);
      expect((await rows(target.db)).length).toBe(2);
    } finally {
      await Promise.all(others.map((db) => db.close()));
      await target.dispose();
    }
  });
});
