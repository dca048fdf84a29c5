// Local mode's Slack stand-in as an attacker on the same machine, or a web page rebinding its DNS
// name to 127.0.0.1, meets it (issue 10, defect 5); what it keeps when killed (defect 10); and
// where local mode may not run at all (defect 8).
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { runChat } from "../../src/cli/chat.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { seedDemoTenant } from "../../src/db/seed/demo-tenant.js";
import { type LocalSlack, LocalModeError, startLocalSlack } from "../../src/local/local-slack.js";
import { createLogger } from "../../src/logger.js";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases.js";

const logger = createLogger("silent");
const ANA = "U0ANA00001";

let testDatabase: TestDatabase;
const running: LocalSlack[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  testDatabase = await createTestDatabase("pglite");
  const prisma = testDatabase.db.prisma;
  const tenant = await prisma.tenant.create({ data: { name: "Tiny Sdn Bhd", currency: "MYR", timeZone: "Asia/Kuala_Lumpur", isDemo: true } });
  await prisma.employee.create({
    data: { tenantId: tenant.id, email: "ana.ruiz@tiny.test", name: "Ana Ruiz", role: "manager", timeZone: "Asia/Kuala_Lumpur", locale: "en", slackUserId: ANA },
  });
});

afterAll(async () => {
  await testDatabase?.dispose();
});

afterEach(async () => {
  for (const local of running.splice(0)) await local.stop();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "local-guarded-"));
  dirs.push(dir);
  return path.join(dir, "nested", "data");
}

async function start(dataDir: string): Promise<LocalSlack> {
  const local = await startLocalSlack({ dataDir, db: testDatabase.db, logger });
  running.push(local);
  return local;
}

/** A raw GET, so that the Host header is the test's to choose (fetch will not send another). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "GET", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("the local control API", () => {
  it("listens on 127.0.0.1 only and answers only its own Host with the secret from the 0600 local-slack.json", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir);
    const users = `${local.controlUrl}users`;
    const { hostname, port } = new URL(local.controlUrl);
    expect(hostname).toBe("127.0.0.1");

    // Before: 200 and every user, DM and private reply to anyone who asked.
    expect((await get(users, {})).status).toBe(401);
    expect((await get(users, { authorization: "Bearer not-the-secret-at-all" })).status).toBe(401);
    expect(JSON.parse((await get(users, {})).body)).toMatchObject({ ok: false, error: "not_authed" });
    const secret = { authorization: `Bearer ${local.controlSecret}` };
    // A page at http://rebound.example:<port>/ whose name now resolves to 127.0.0.1 sends its own name.
    expect((await get(users, { ...secret, host: `rebound.example:${port}` })).status).toBe(403);
    expect((await get(users, { ...secret, host: `127.0.0.1:${Number(port) + 1}` })).status).toBe(403);
    expect((await get(users, { ...secret, host: `localhost:${port}` })).status).toBe(200);
    const ok = await get(users, secret);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, users: [expect.objectContaining({ id: ANA })] });
    // Posting as anyone (a click, a minted slash command) is behind the same door.
    const click = await fetch(`${local.controlUrl}interactions/click`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: ANA, channel: "D1", ts: "1.1", blockId: "b", actionId: "a" }),
    });
    expect(click.status).toBe(401);

    const file = JSON.parse(await readFile(path.join(dataDir, "local-slack.json"), "utf8")) as Record<string, string>;
    expect(file["controlSecret"]).toBe(local.controlSecret);
    expect(local.controlSecret).toMatch(/^[0-9a-f]{64}$/);
    // DATA_DIR and everything local mode writes in it: owner only.
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.dirname(dataDir))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(dataDir, "local-slack.json"))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dataDir, "local-slack-state.json"))).mode & 0o777).toBe(0o600);
  });

  it("is what npm run chat uses, with the secret it reads from local-slack.json", async () => {
    const dataDir = await newDataDir();
    await start(dataDir);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runChat(["--people"], { stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: { DATA_DIR: dataDir } });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out.join("\n")).toContain("ana.ruiz@tiny.test");
  });

  it("keeps the same secret across restarts", async () => {
    const dataDir = await newDataDir();
    const first = await start(dataDir);
    const secret = first.controlSecret;
    await first.stop();
    const second = await start(dataDir);
    expect(second.controlSecret).toBe(secret);
  });
});

describe("the local workspace on disk", () => {
  it("has every DM on disk before the bot is told it was posted, so a SIGKILL loses none", async () => {
    const dataDir = await newDataDir();
    const first = await start(dataDir);
    const posted = (await (
      await fetch(`${first.apiUrl}chat.postMessage`, {
        method: "POST",
        headers: { authorization: `Bearer ${first.botToken}`, "content-type": "application/json" },
        body: JSON.stringify({ channel: ANA, text: "Your survey, 1 of 5" }),
      })
    ).json()) as { ok: boolean; ts: string };
    expect(posted.ok).toBe(true);
    // Never stopped (as after SIGKILL): what is on disk is all the next start has.
    const onDisk = await readFile(path.join(dataDir, "local-slack-state.json"), "utf8");
    expect(onDisk).toContain("Your survey, 1 of 5");
    const second = await start(dataDir);
    // Before: the state was written on stop only; a killed process came back with no DMs.
    expect(second.workspace.dmMessagesFor(ANA)).toMatchObject([{ text: "Your survey, 1 of 5", ts: posted.ts }]);
  });
});

describe("local mode on a database connected to a real Slack workspace", () => {
  it("startLocalSlack refuses, naming the tenant and the variables to set, and changes nothing", async () => {
    const db = await createTestDatabase("pglite");
    try {
      await db.db.prisma.tenant.create({ data: { name: "Real Co", currency: "MYR", timeZone: "Asia/Kuala_Lumpur", slackTeamId: "T0REALWS01" } });
      const attempt = startLocalSlack({ dataDir: await newDataDir(), db: db.db, logger });
      await expect(attempt).rejects.toBeInstanceOf(LocalModeError);
      await expect(attempt).rejects.toThrow(/"Real Co" \(T0REALWS01\) is connected to a real Slack workspace\. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/);
      expect((await db.db.prisma.tenant.findFirstOrThrow()).slackTeamId).toBe("T0REALWS01");
    } finally {
      await db.dispose();
    }
  });
});

for (const kind of backends) {
  describe(`the app without Slack credentials [${kind}]`, () => {
    it("refuses local mode while a tenant is connected to a real workspace, and sends none of its deliveries", async () => {
      const dataDir = await newDataDir();
      const db = await createTestDatabase(kind);
      try {
        const { tenantId } = await seedDemoTenant(db.db, { today: "2026-11-26" });
        // Before: the stand-in took this team id and the invites were marked sent into it.
        await db.db.withSession((s) => s.query("UPDATE tenant SET slack_team_id = 'T0REALWS02' WHERE id = $1::uuid", [tenantId]));
        await db.db.prisma.delivery.create({
          data: { tenantId, kind: "pulse_invite", idempotencyKey: `guarded:${kind}`, recipient: "U0SOMEONE1", payload: {}, notBefore: new Date("2026-01-01T00:00:00Z") },
        });
        const config = loadConfig({ DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", DEMO_SEED: "never" });
        expect(config.localMode).toBe(true);
        await expect(startApp({ config, database: { ...db.db, close: async () => {} } })).rejects.toThrow(/Local mode refused: tenant "Demo Sdn Bhd" \(T0REALWS02\)/);
        const rows = await db.db.withSession((s) => s.query<{ status: string; sent_at: Date | null }>("SELECT status::text AS status, sent_at FROM delivery WHERE idempotency_key = $1", [`guarded:${kind}`]));
        expect(rows).toEqual([{ status: "pending", sent_at: null }]);
      } finally {
        await db.dispose();
      }
    });
  });
}

describe("the app on PostgreSQL without Slack credentials", () => {
  it("refuses to start unless LOCAL_MODE=1, naming what is missing, before it opens the database", async () => {
    // Before: no credentials meant local mode wherever it ran.
    const config = loadConfig({ DATABASE_URL: "postgresql://app@db.invalid:5432/salesops", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
    expect(config.localMode).toBe(false);
    const attempt = startApp({ config });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(
      "Configuration error: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set on PostgreSQL (DATABASE_URL). Set both to connect the bot to your Slack workspace, or set LOCAL_MODE=1 to run against the local Slack stand-in.",
    );
    expect(loadConfig({ DATABASE_URL: "postgresql://app@db.invalid:5432/salesops", LOCAL_MODE: "1" }).localMode).toBe(true);
  });
});
