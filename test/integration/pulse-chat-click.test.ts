// Local mode: a demo person answers a pulse survey from the terminal the way they would in Slack
// — `npm run chat -- --dm <email>` shows the survey with numbered rows, `--click <row>:<answer>`
// clicks, `--comment <row> "text"` fills in the comment form — through the stand-in's control API,
// which signs the interactive payloads and sends them to the bot's /slack/events.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../src/app.js";
import { runChat } from "../../src/cli/chat.js";
import { loadConfig } from "../../src/config.js";
import { PULSE_TOKEN_SECRET_NAME } from "../../src/security/pulse-tokens.js";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases.js";
import { createAnswerableRound, enqueueInvites } from "../support/pulse-answering.js";

// Tuesday 1 Dec 2026, 10:00 in Kuala Lumpur; the round closes Friday 17:00 there.
const NOW = new Date("2026-12-01T02:00:00.000Z");
const CLOSES_AT = new Date("2026-12-04T09:00:00.000Z");
const TODAY = "2026-12-01";
const DOMAIN = "demo.salesops.test";
const NURUL = `nurul.izzati@${DOMAIN}`; // rep, APAC, Malay
const JIAHUI = `jiahui.lim@${DOMAIN}`; // rep, APAC, English
const GEORGE = `george.evans@${DOMAIN}`; // rep, EMEA — not invited

for (const kind of backends) {
  describe(`answering a survey with npm run chat [${kind}]`, () => {
    let dataDir: string;
    let app: RunningApp;
    let external: TestDatabase | undefined;
    let now = NOW;
    let roundId: string;

    async function chat(argv: string[]): Promise<{ code: number; out: string; err: string }> {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runChat(argv, { stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: { DATA_DIR: dataDir }, timeZone: "Asia/Kuala_Lumpur" });
      return { code, out: out.join("\n"), err: err.join("\n") };
    }

    beforeAll(async () => {
      dataDir = path.join(await mkdtemp(path.join(tmpdir(), "pulse-chat-")), "data");
      const config = loadConfig({ DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
      external = kind === "postgres" ? await createTestDatabase("postgres", { migrate: false }) : undefined;
      app = await startApp({ config, clock: { now: () => now }, ...(external ? { database: external.db } : {}) });
      const people = await app.db.prisma.employee.findMany({
        where: { email: { in: [NURUL, JIAHUI, `kevin.tan@${DOMAIN}`] } },
        select: { id: true, email: true, slackUserId: true, timeZone: true, locale: true, tenantId: true },
      });
      const owner = people.find((person) => person.email.startsWith("kevin"))!;
      const invited = people.filter((person) => person !== owner);
      ({ roundId } = await createAnswerableRound(app.db, {
        tenantId: owner.tenantId,
        ownerId: owner.id,
        name: "Demo pulse",
        opensOn: TODAY,
        firstSendAt: NOW,
        closesAt: CLOSES_AT,
        recipients: invited.map((person) => ({ employeeId: person.id, timeZone: person.timeZone })),
      }));
      await enqueueInvites(
        app.db,
        owner.tenantId,
        roundId,
        invited.map((person) => ({ employeeId: person.id, slackUserId: person.slackUserId!, locale: person.locale as "en" | "ms" })),
      );
      await app.jobs!.drain();
    }, 120_000);

    afterAll(async () => {
      await app?.stop();
      await external?.dispose().catch(() => {});
      if (dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true });
    });

    it("shows the survey in the DM with its rows numbered and how to answer", async () => {
      const { code, out } = await chat(["--dm", JIAHUI]);
      expect(code).toBe(0);
      expect(out).toContain("*Your answers are anonymous.*".replace(/\*/g, ""));
      expect(out).toContain("1▸ [ 0 ]  [ 1 ]  [ 2 ]  [ 3 ]  [ 4 ]  [ 5 ]  [ 6 ]  [ 7 ]  [ 8 ]  [ 9 ]  [ 10 ]");
      expect(out).toContain("2▸ [ 1 · Strongly disagree ]");
      expect(out).toContain("4▸ [ Choose an answer ▾ CRM | Quoting | E-mail | Calendar | Reports | None ]");
      expect(out).toContain("5▸ [ Write a comment ]");
      expect(out).toContain("0 of 5 questions answered — 4 more are needed before you count as having answered");
      expect(out).toContain(`Answer: npm run chat -- --as ${JIAHUI} --click <row>:<answer>`);
    });

    it("clicks a button, an agreement, a choice and a select option, printing the updated survey and the private confirmation each time", async () => {
      let result = await chat(["--as", JIAHUI, "--click", "1:7"]);
      expect(result).toMatchObject({ code: 0, err: "" });
      expect(result.out).toContain('Clicked "7" as Lim Jia Hui. The message now reads:');
      // The message: question 1 answered, no button marked. Then the reply only she sees, naming the 7.
      expect(result.out).toContain("1. How likely are you to recommend working here to a friend?\n0 = not at all likely · 10 = extremely likely\n✓ Answered");
      expect(result.out).toContain("1▸ [ 0 ]  [ 1 ]  [ 2 ]  [ 3 ]  [ 4 ]  [ 5 ]  [ 6 ]  [ 7 ]  [ 8 ]  [ 9 ]  [ 10 ]");
      expect(result.out).toContain("1 of 5 questions answered — 3 more are needed");
      const [message, privately] = result.out.split("(only Lim Jia Hui sees this)");
      expect(message).not.toContain("✓7");
      expect(privately).toContain("✓ Saved — your answer to 1. How likely are you to recommend working here to a friend?: 7");
      expect(privately).toContain("Only you can see this reply, and Slack does not keep it.");
      // A label as shown without its number (issue 9): "Agree" is "4 · Agree", not "5 · Strongly agree".
      result = await chat(["--as", JIAHUI, "--click", "2:Agree"]);
      expect(result).toMatchObject({ code: 0, err: "" });
      expect(result.out).toContain("(only Lim Jia Hui sees this)\n✓ Saved — your answer to 2. My workload is manageable.: 4 · Agree");
      result = await chat(["--as", JIAHUI, "--click", "2:strongly agree"]);
      expect(result.out).toContain("your answer to 2. My workload is manageable.: 5 · Strongly agree");
      result = await chat(["--as", JIAHUI, "--click", "2:4"]);
      expect(result.out).toContain("your answer to 2. My workload is manageable.: 4 · Agree");
      result = await chat(["--as", JIAHUI, "--click", "3:mixed"]);
      expect(result.out).toContain("your answer to 3. How was your week?: Mixed");
      result = await chat(["--as", JIAHUI, "--click", "4:Quoting"]);
      expect(result.code).toBe(0);
      expect(result.out).toContain("4▸ [ Choose an answer ▾ CRM | Quoting | E-mail | Calendar | Reports | None ]");
      expect(result.out).toContain("your answer to 4. Which tool slows you down most?: Quoting");
      expect(result.out).toContain("Complete — thank you! (4 of 5 questions answered; the rest are optional.) You can change your answers until Fri, 4 Dec 2026, 17:00 MYT.");
      const employee = await app.db.prisma.employee.findFirstOrThrow({ where: { email: JIAHUI }, select: { id: true } });
      const recipient = await app.db.prisma.pulseRecipient.findUniqueOrThrow({ where: { roundId_employeeId: { roundId, employeeId: employee.id } } });
      expect(recipient.answered).toBe(true);
    });

    it("fills in and submits the comment form", async () => {
      const result = await chat(["--as", JIAHUI, "--comment", "5", "Pipeline reviews help a lot"]);
      expect(result).toMatchObject({ code: 0, err: "" });
      expect(result.out).toContain("Comment saved as Lim Jia Hui. The message now reads:");
      expect(result.out).toContain("5▸ [ Edit your comment ]");
      const [message, privately] = result.out.split("(only Lim Jia Hui sees this)");
      expect(message).not.toContain("Pipeline reviews");
      expect(privately).toContain("✓ Saved — your comment on 5. Anything else?: “Pipeline reviews help a lot”");
      expect(await app.db.prisma.pulseComment.findFirst({ where: { text: "Pipeline reviews help a lot" } })).not.toBeNull();
    });

    it("answers in the person's own language", async () => {
      const result = await chat(["--as", NURUL, "--click", "1:9"]);
      expect(result.code).toBe(0);
      expect(result.out).toContain("✓ Sudah dijawab");
      expect(result.out).toContain("1 daripada 5 soalan dijawab");
      expect(result.out).toContain("(only Nurul Izzati Abdullah sees this)\n✓ Disimpan — jawapan anda untuk 1. Sejauh manakah anda akan mengesyorkan tempat kerja ini kepada rakan?: 9");
    });

    it("says what there is to click when asked for something else, and when there is nothing", async () => {
      let result = await chat(["--as", JIAHUI, "--click", "1:11"]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('Row 1 has no "11". It offers: "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10".');
      result = await chat(["--as", JIAHUI, "--click", "9:1"]);
      expect(result.err).toContain("there is no row 9");
      result = await chat(["--as", JIAHUI, "--click", "seven"]);
      expect(result.err).toContain("--click takes <row>:<answer>, e.g. --click 1:7");
      result = await chat(["--as", GEORGE, "--click", "1:7"]);
      expect(result.code).toBe(1);
      expect(result.err).toContain("Nothing to click: the bot's DM with George Evans has no message with buttons");
      result = await chat(["--click", "1:7"]);
      expect(result.code).toBe(2);
      expect(result.err).toContain("--click goes with --as <email>");
    });

    it("prints the bot's private refusal once the round has closed", async () => {
      now = CLOSES_AT;
      try {
        const result = await chat(["--as", NURUL, "--click", "1:8"]);
        expect(result.code).toBe(1);
        expect(result.out).toContain("(only Nurul Izzati Abdullah sees this)");
        expect(result.out).toContain("Tinjauan ini ditutup pada Jum, 4 Dis 2026, 17:00 MYT");
      } finally {
        now = NOW;
      }
      // Only Jia Hui's complete response counts (Nurul's 9 is partial): her 7, and nothing after the close.
      expect(await app.db.prisma.pulseTally.findMany({ where: { questionId: "enps" }, select: { value: true, count: true } })).toEqual([{ value: "7", count: 1 }]);
      // (The two sealed responses are deleted once the scheduler, reading the same clock, closes the round.)
    });

    it("generated the token secret once, in the database", async () => {
      const secrets = await app.db.prisma.appSecret.findMany({ select: { name: true, value: true } });
      expect(secrets).toEqual([{ name: PULSE_TOKEN_SECRET_NAME, value: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    });
  });
}
