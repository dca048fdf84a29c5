// `npm start` in local mode as a real process, attacked from outside (issue 10): signed bodies
// that used to kill it, and a SIGKILL after the bot has sent survey DMs, which the stand-in used
// to lose. Also: `npm start` on PostgreSQL without Slack credentials (defect 8) and a hex PORT.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runChat } from "../../src/cli/chat.js";
import { localSlackFileSchema } from "../../src/local/local-slack.js";
import { signSlackRequest } from "../../src/slack-stand-in/sign.js";
import { runScript, type StartedProcess } from "../support/processes.js";

const KEVIN = "kevin.tan@demo.salesops.test";
const WEIMING = "weiming.tan@demo.salesops.test";
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function listening(app: StartedProcess): Promise<string> {
  return String((await app.waitForLog((line) => line.msg === "listening", 90_000)).url);
}

function localFile(dataDir: string) {
  return localSlackFileSchema.parse(JSON.parse(readFileSync(path.join(dataDir, "local-slack.json"), "utf8")));
}

async function control<T>(dataDir: string, pathAndQuery: string): Promise<T> {
  const file = localFile(dataDir);
  const response = await fetch(new URL(pathAndQuery, file.controlUrl), { headers: { authorization: `Bearer ${file.controlSecret}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe("npm start in local mode, from outside", () => {
  it("survives signed bodies Bolt cannot read, and keeps the survey DMs it sent across SIGKILL", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "salesops-local-")), "data");
    dirs.push(path.dirname(dataDir));
    const env = { LOG_LEVEL: "info", DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1" };
    const first = runScript("src/main.ts", env);
    const url = await listening(first);
    const { signingSecret } = localFile(dataDir);

    // Before: a signed payload=null ended the process (an unhandled rejection inside Bolt).
    for (const [contentType, body] of [
      ["application/x-www-form-urlencoded", "payload=null"],
      ["application/json", "null"],
    ] as const) {
      const response = await fetch(`${url}/slack/events`, {
        method: "POST",
        headers: { "content-type": contentType, ...signSlackRequest(signingSecret, body, Math.floor(Date.now() / 1000)) },
        body,
      });
      expect(response.status).toBe(400);
    }
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(first.child.exitCode).toBeNull();

    const out: string[] = [];
    const io = { stdout: (line: string) => out.push(line), stderr: (line: string) => out.push(line), env: { DATA_DIR: dataDir }, replyTimeoutMs: 30_000 };
    expect(await runChat(["--as", KEVIN, "/pulse start enps"], io), out.join("\n")).toBe(0);
    const users = await control<{ users: Array<{ id: string; email: string | null }> }>(dataDir, "users");
    const weiming = users.users.find((user) => user.email === WEIMING)!.id;
    const deadline = Date.now() + 60_000;
    let dm: { messages: Array<{ ts: string; text: string }> } = { messages: [] };
    while (dm.messages.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      dm = await control(dataDir, `messages?user=${weiming}`);
    }
    expect(dm.messages.length).toBeGreaterThan(0);

    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const second = runScript("src/main.ts", env);
    try {
      await listening(second);
      // Before: the stand-in saved its workspace on a clean stop only; after SIGKILL every DM was gone.
      const after = await control<{ messages: Array<{ ts: string; text: string }> }>(dataDir, `messages?user=${weiming}`);
      expect(after.messages.map((message) => message.ts)).toEqual(expect.arrayContaining(dm.messages.map((message) => message.ts)));
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  }, 240_000);
});

describe("npm start refusing to guess", () => {
  it("on PostgreSQL without Slack credentials: exits 1 with one line naming what is missing", async () => {
    const app = runScript("src/main.ts", { LOG_LEVEL: "info", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", PORT: "0" });
    expect(await app.exited).toBe(1);
    expect(app.stderr().trim()).toBe(
      "Configuration error: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set on PostgreSQL (DATABASE_URL). Set both to connect the bot to your Slack workspace, or set LOCAL_MODE=1 to run against the local Slack stand-in.",
    );
  }, 60_000);

  it("PORT=0xD05: exits 1 naming PORT", async () => {
    const app = runScript("src/main.ts", { LOG_LEVEL: "info", PORT: "0xD05" });
    expect(await app.exited).toBe(1);
    expect(app.stderr().trim()).toBe('Configuration error: PORT: expected a port number from 0 to 65535 (got "0xD05")');
  }, 60_000);
});
