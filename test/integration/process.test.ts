// The process as an operator meets it: `npm start` with good and bad configuration, restarts
// after SIGKILL, SIGTERM, and replicas starting together on one PostgreSQL database.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { readLocalMigrations } from "../../src/db/migrator.js";
import { backends, createScratchPostgresDatabase } from "../support/databases.js";
import { runScript, type StartedProcess } from "../support/processes.js";

const quiet = { LOG_LEVEL: "info" };

async function startedUrl(app: StartedProcess, timeoutMs: number): Promise<string> {
  const line = await app.waitForLog((l) => l.msg === "listening", timeoutMs);
  return String(line.url);
}

describe("npm start with a wrong environment", () => {
  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ DATABASE_URL: "nonsense" }, "DATABASE_URL"],
    [{ DEFAULT_TIMEZONE: "Nowhere/Special" }, "DEFAULT_TIMEZONE"],
  ])("%o exits non-zero with one line naming the variable", async (env, variable) => {
    const app = runScript("src/main.ts", { ...quiet, ...env });
    expect(await app.exited).toBe(1);
    const lines = app.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${variable}: `));
    expect(app.stderr()).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe("npm start on the embedded database", () => {
  it("seeds the demo organisation once, keeps every committed row across SIGKILL, and stops cleanly on SIGTERM", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "salesops-data-"));
    const env = { ...quiet, DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1" };

    const first = runScript("src/main.ts", env);
    const firstUrl = await startedUrl(first, 60_000);
    expect(first.stdout()).toContain("demo organisation created");
    expect(first.stdout()).toContain("running in local mode");
    const ready = await fetch(`${firstUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, database: "ok", pending_migrations: [] });
    expect((await fetch(`${firstUrl}/healthz`)).status).toBe(200);

    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    const startedAt = Date.now();
    const second = runScript("src/main.ts", env);
    const secondUrl = await startedUrl(second, 20_000);
    expect((await fetch(`${secondUrl}/readyz`)).status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(20_000);
    expect(second.stdout()).not.toContain("demo organisation created");

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.stdout()).toContain('"msg":"stopped"');

    // Everything the first process committed is still there, once.
    const db = await openDatabase({ dataDir });
    try {
      expect(await db.prisma.tenant.count()).toBe(1);
      expect(await db.prisma.employee.count()).toBeGreaterThanOrEqual(25);
      expect(await db.prisma.opportunity.count()).toBeGreaterThanOrEqual(500);
    } finally {
      await db.close();
    }
  }, 180_000);
});

describe.runIf(backends.includes("postgres"))("replicas starting together on one empty PostgreSQL database", () => {
  it("apply every migration exactly once and seed one demo tenant", async () => {
    const scratch = await createScratchPostgresDatabase("replicas");
    try {
      // Local mode asked for (LOCAL_MODE=1): without it, PostgreSQL with no Slack credentials refuses to start.
      const env = { ...quiet, DATABASE_URL: scratch.url, PORT: "0", HOST: "127.0.0.1", DEMO_SEED: "always", LOCAL_MODE: "1" };
      const replicas = [1, 2].map(() => runScript("src/main.ts", { ...env, DATA_DIR: mkdtempSync(path.join(tmpdir(), "salesops-replica-")) }));
      const urls = await Promise.all(replicas.map((replica) => startedUrl(replica, 90_000)));
      for (const url of urls) expect((await fetch(`${url}/readyz`)).status).toBe(200);
      for (const replica of replicas) replica.child.kill("SIGTERM");
      expect(await Promise.all(replicas.map((r) => r.exited))).toEqual([0, 0]);

      const db = await openDatabase({ databaseUrl: scratch.url });
      try {
        const rows = await db.withSession((s) =>
          s.query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
            `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
          ),
        );
        const local = readLocalMigrations();
        expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
        expect(rows.map((r) => r.checksum)).toEqual(local.map((m) => m.checksum));
        expect(rows.every((r) => r.applied_steps_count === 1)).toBe(true);
        expect(await db.prisma.tenant.count()).toBe(1);
      } finally {
        await db.close();
      }
    } finally {
      await scratch.drop();
    }
  }, 180_000);
});

describe("the embedded database is one process's", () => {
  it("refuses a second process on the same DATA_DIR with a clear message, and takes over a dead one's lock", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "salesops-lock-"));
    const env = { ...quiet, DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", DEMO_SEED: "never", JOBS: "off" };
    const first = runScript("src/main.ts", env);
    await startedUrl(first, 60_000);
    const second = runScript("src/cli/migrate.ts", env);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(/in use by another process \(pid \d+\)/);
    first.child.kill("SIGKILL");
    await first.exited;
    const third = runScript("src/cli/migrate.ts", env);
    expect(await third.exited, third.stderr()).toBe(0);
  }, 120_000);
});
