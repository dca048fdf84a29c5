// `/pulse …` end to end through Bolt's real HTTP receiver with requests signed like Slack's, on
// both backends, with the demo organisation: who may see which results (a rep is refused; a
// manager sees only their organisation's groups, only above the threshold and only once the
// round has closed — before, just how many answered), an admin
// starting the demo eNPS pulse, pausing, listing, opt-out, the admin modal (opened with a real
// trigger, submitted as Slack submits it), and the same administration from the CLI.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/cli.js";
import { runPulseCommand } from "../../src/cli/commands/pulse.js";
import { buildSlashCommandBody, signSlackRequest } from "../../src/slack-stand-in/index.js";
import { backends } from "../support/databases.js";
import { employeeIdOf, insertResponses, teamIdOf } from "../support/pulse-rounds.js";
import { replyText, startBotUnderTest, TEST_SIGNING_SECRET, type BotUnderTest } from "../support/slack-bot.js";

const TODAY = "2026-08-10";
// Monday 10 Aug 2026 02:00Z = 10:00 in Kuala Lumpur.
const NOW = new Date("2026-08-10T02:00:00Z");
const at = (local: string) => `${local}@demo.salesops.test`;
const ADMIN = at("kevin.tan");

for (const kind of backends) {
  describe(`/pulse through Slack and the CLI [${kind}]`, () => {
    let bot: BotUnderTest;
    let tenantId: string;
    let dir: string;

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock: { now: () => NOW } });
      tenantId = bot.tenantId;
      dir = await mkdtemp(path.join(tmpdir(), "pulse-admin-"));
    }, 60_000);

    afterAll(async () => {
      await bot?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const pulse = async (email: string, text: string) => replyText(await bot.ask(email, "/pulse", text));
    const db = () => bot.app.db;

    /** A slash command with a trigger the stand-in accepts, as `/pulse new` needs for views.open. */
    async function askWithTrigger(email: string, text: string): Promise<{ response: Response; reply: () => Promise<string> }> {
      const userId = await bot.slackUserId(email);
      const responseUrl = bot.standIn.workspace.createResponseUrl("C0TESTCHAN", userId);
      const body = buildSlashCommandBody({
        command: "/pulse",
        text,
        userId,
        userName: email.split("@")[0]!,
        channelId: "C0TESTCHAN",
        teamId: bot.standIn.workspace.teamId,
        responseUrl: responseUrl.url,
        triggerId: bot.standIn.workspace.createTriggerId(userId),
      });
      const response = await bot.post(body, signSlackRequest(TEST_SIGNING_SECRET, body, Math.floor(Date.now() / 1000)));
      const reply = async () => {
        for (let waited = 0; waited < 10_000; waited += 20) {
          const posts = bot.standIn.workspace.responses(responseUrl.id);
          if (posts.length > 0) return String((posts[0]!.body as { text?: string }).text ?? "");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error(`no reply to /pulse ${text}`);
      };
      return { response, reply };
    }

    async function openedView(email: string, callbackId: string) {
      const userId = await bot.slackUserId(email);
      for (let waited = 0; waited < 10_000; waited += 20) {
        const view = bot.standIn.workspace.views(userId).find((candidate) => candidate.callbackId === callbackId && candidate.closedAt === undefined);
        if (view) return view;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no ${callbackId} view opened for ${email}`);
    }

    /** Submits a modal as Slack does: a signed `payload=` form post; returns the app's acknowledgement. */
    async function submitView(email: string, view: { id: string; payload: Record<string, unknown> }, values: Record<string, Record<string, unknown>>) {
      const userId = await bot.slackUserId(email);
      const teamId = bot.standIn.workspace.teamId;
      const payload = {
        type: "view_submission",
        team: { id: teamId, domain: "stand-in" },
        user: { id: userId, username: email.split("@")[0], name: email.split("@")[0], team_id: teamId },
        api_app_id: "A0STANDIN",
        token: "stand-in-verification-token",
        trigger_id: bot.standIn.workspace.createTriggerId(userId),
        view: { ...view.payload, id: view.id, team_id: teamId, state: { values } },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const response = await bot.post(body, signSlackRequest(TEST_SIGNING_SECRET, body, Math.floor(Date.now() / 1000)));
      expect(response.status).toBe(200);
      const text = await response.text();
      return text === "" ? {} : (JSON.parse(text) as { response_action?: string; errors?: Record<string, string>; view?: { blocks: unknown[] } });
    }

    async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
      const out: string[] = [];
      const err: string[] = [];
      const context: CliContext = { database: async () => db(), out: (line) => out.push(line), err: (line) => err.push(line) };
      const code = await runPulseCommand(args, context, { now: () => NOW });
      return { code, out: out.join("\n"), err: err.join("\n") };
    }

    it("refuses a rep, revealing nothing about the survey asked for, in their language", async () => {
      expect(await pulse(at("weiming.tan"), "results")).toBe("Pulse results are for managers and admins.");
      expect(await pulse(at("weiming.tan"), 'results "eNPS pulse"')).toBe("Pulse results are for managers and admins.");
      expect(await pulse(at("weiming.tan"), "results Nothing Like This")).toBe("Pulse results are for managers and admins.");
      expect(await pulse(at("ahmad.faizal"), "keputusan")).toBe("Keputusan tinjauan pulse hanya untuk pengurus dan admin.");
      expect(await pulse(at("weiming.tan"), "pause eNPS pulse")).toBe("Only sales-ops admins can manage pulse surveys.");
    });

    it("lets an admin start the demo eNPS pulse now: one invitation per person, due at once", async () => {
      const people = await db().prisma.employee.count({ where: { tenantId, active: true, slackUserId: { not: null } } });
      const started = await pulse(ADMIN, "start enps");
      expect(started).toContain(`Round 1 of "eNPS pulse" is open: ${people} people are being asked by direct message.`);
      expect(started).toContain("Thu, 13 Aug 2026, 10:00"); // closes 3 days on, shown in the survey's zone (KL)
      const round = await db().prisma.pulseRound.findFirstOrThrow({ where: { tenantId, number: 1, survey: { name: "eNPS pulse" } } });
      expect(round).toMatchObject({ status: "open", invited: people, firstSendAt: NOW, lastSendAt: NOW, closesAt: new Date("2026-08-13T02:00:00Z") });
      const invites = await db().prisma.delivery.findMany({ where: { kind: "pulse_invite", payload: { path: ["roundId"], equals: round.id } }, select: { notBefore: true } });
      expect(invites).toHaveLength(people);
      expect(new Set(invites.map((invite) => invite.notBefore.toISOString()))).toEqual(new Set([NOW.toISOString()]));
      expect(await pulse(ADMIN, "start enps")).toContain('Round 1 of "eNPS pulse" is still open until');
    });

    it("shows each manager only their organisation's groups, only above the threshold, and only once the round has closed", async () => {
      const round = await db().prisma.pulseRound.findFirstOrThrow({ where: { tenantId, number: 1, survey: { name: "eNPS pulse" } } });
      const apac = await teamIdOf(db(), tenantId, "APAC Enterprise");
      const emea = await teamIdOf(db(), tenantId, "EMEA Mid-Market");
      // APAC: 10, 9, 9, 8, 6, 3 -> 3 promoters, 1 passive, 2 detractors of 6: (3 − 2) / 6 = +16.7 -> +17.
      // EMEA: 9, 9, 2 (3 people, under the threshold of 5).
      await insertResponses(db(), tenantId, round.id, [
        ...[10, 9, 9, 8, 6, 3].map((score) => ({ teamId: apac, band: "80–100 %", answers: { enps: score } })),
        ...[9, 9, 2].map((score) => ({ teamId: emea, band: "80–100 %", answers: { enps: score } })),
      ]);

      // Open: how many answered in her organisation, when results appear (in her zone) — no figure.
      const apacInvited = await db().prisma.pulseRecipient.count({ where: { roundId: round.id, employee: { teamId: apac } } });
      const open = await pulse(at("meiling.wong"), "results");
      expect(open).toContain(`6 of ${apacInvited} answered`);
      expect(open).toContain("Results appear when the round closes on Thu, 13 Aug 2026, 10:00 (Asia/Kuala_Lumpur).");
      expect(open).not.toMatch(/eNPS [+−\d]|Promoters/);
      // James works from London: the same closing, in his zone.
      expect(await pulse(at("james.whitfield"), "results")).toContain("closes on Thu, 13 Aug 2026, 03:00 (Europe/London)");
      expect(await pulse(ADMIN, "close eNPS pulse")).toContain('Round 1 of "eNPS pulse" is closed: 9 of 30 answered.');

      const meiling = await pulse(at("meiling.wong"), "results");
      // APAC alone has 6, but everyone's results (9, shown to admins and the owner) minus APAC's
      // would be EMEA's 3 people: her view is hidden (issue 10, defect 1), the response rate stays.
      expect(meiling).toContain("Your organisation: APAC Enterprise");
      expect(meiling).toContain("6 of 10 answered (60%)");
      expect(meiling).toContain("Hidden so that a smaller group's answers cannot be worked out from the rest.");
      expect(meiling).not.toMatch(/eNPS [+−\d]|Promoters/);
      expect(meiling).not.toContain("EMEA");

      const james = await pulse(at("james.whitfield"), "results eNPS pulse");
      expect(james).toContain("Your organisation: EMEA Mid-Market");
      expect(james).toContain("Hidden: fewer than 5 people answered.");
      expect(james).not.toMatch(/eNPS [+−\d]/);

      // Everyone: 5 promoters (10, 9, 9, 9, 9), 1 passive, 3 detractors of 9: (5 − 3) / 9 = +22.2 -> +22.
      // By team, EMEA (3) is hidden, and APAC with it: otherwise EMEA = total − APAC.
      const kevin = await pulse(ADMIN, "results");
      expect(kevin).toContain("Everyone asked");
      expect(kevin).toContain("eNPS +22");
      expect(kevin).toContain("2 groups hidden (fewer than 5 people, or would reveal one)");
      expect(kevin).toContain(`9 of ${round.invited} answered`);

      // The VP's organisation is all three teams: the same figures, named as her organisation.
      const aina = await pulse(at("aina.rahman"), "results");
      expect(aina).toContain("Your organisation: Americas Commercial, APAC Enterprise, and EMEA Mid-Market");
      expect(aina).toContain("eNPS +22");
    });

    it("lets an admin list, pause and resume surveys; anyone opts out and back in", async () => {
      const listed = await pulse(ADMIN, "list");
      expect(listed).toContain("Pulse surveys (1)");
      expect(listed).toContain("Round 1, 10 Aug 2026: 30 asked");
      expect(listed).not.toContain("30 asked (open)");
      expect(await pulse(ADMIN, "resume enps pulse")).toContain('Survey "eNPS pulse" resumed.');
      expect(await pulse(ADMIN, "list")).toContain("Next round opens 7 Sept 2026");
      // A command written in Malay is answered in Malay, whoever types it (one reply-language rule, issue 9).
      expect(await pulse(ADMIN, "jeda eNPS pulse")).toContain('Tinjauan "eNPS pulse" dijeda.');
      expect(await pulse(ADMIN, "pause Culture")).toBe('There is no survey "Culture". Surveys: "eNPS pulse".');

      const priya = await employeeIdOf(db(), tenantId, at("priya.nair"));
      expect(await pulse(at("priya.nair"), "optout")).toContain("You will not receive pulse surveys any more");
      expect(await db().prisma.pulseOptOut.count({ where: { tenantId, employeeId: priya } })).toBe(1);
      expect(await pulse(at("priya.nair"), "opt out")).toBe("You had already opted out of pulse surveys.");
      expect(await pulse(at("priya.nair"), "optin")).toContain("You will receive pulse surveys again");
      expect(await db().prisma.pulseOptOut.count({ where: { tenantId, employeeId: priya } })).toBe(0);
      expect(await pulse(at("priya.nair"), "frobnicate")).toBe("I don't know \"frobnicate\". Try `/pulse help`.");
    });

    it("creates and edits a survey through the admin modal, refusing a taken name on its field", async () => {
      const opened = await askWithTrigger(ADMIN, "new");
      expect(opened.response.status).toBe(200);
      const form = await openedView(ADMIN, "pulse_admin_create");
      expect(await opened.reply()).toBe("The survey form is open. Fill it in and save; closing it changes nothing.");
      // A rep gets no form, and is told why.
      const refused = await askWithTrigger(at("weiming.tan"), "new");
      expect(await refused.reply()).toBe("Only sales-ops admins can manage pulse surveys.");
      const values = (name: string, openDays: string) => ({
        pulse_admin_template: { value: { type: "static_select", selected_option: { value: "sales" } } },
        pulse_admin_name: { value: { type: "plain_text_input", value: name } },
        pulse_admin_audience: { value: { type: "static_select", selected_option: { value: `team:${"APAC"}` } } },
        pulse_admin_cadence: { value: { type: "static_select", selected_option: { value: "monthly" } } },
        pulse_admin_weekday: { value: { type: "static_select", selected_option: { value: "2" } } },
        pulse_admin_time: { value: { type: "timepicker", selected_time: "10:30" } },
        pulse_admin_open_days: { value: { type: "number_input", value: openDays } },
      });
      const apac = await teamIdOf(db(), tenantId, "APAC Enterprise");
      const valid = values("Sales floor", "4");
      valid.pulse_admin_audience.value.selected_option.value = `team:${apac}`;
      const taken = await submitView(ADMIN, form, { ...valid, pulse_admin_name: { value: { type: "plain_text_input", value: "eNPS pulse" } } });
      expect(taken).toEqual({ response_action: "errors", errors: { pulse_admin_name: 'There is already a survey named "eNPS pulse"; pick another name.' } });

      const saved = await submitView(ADMIN, form, valid);
      expect(saved.response_action).toBe("update");
      expect(JSON.stringify(saved.view)).toContain('Survey \\"Sales floor\\" created.');
      const row = await db().prisma.pulseSurvey.findFirstOrThrow({ where: { tenantId, name: "Sales floor" } });
      expect(row).toMatchObject({ templateId: "sales", cron: "30 10 * * 2#1", timeZone: "Asia/Kuala_Lumpur", openDays: 4, audience: { kind: "teams", teamIds: [apac] }, status: "active" });

      await askWithTrigger(ADMIN, 'edit "Sales floor"');
      const editForm = await openedView(ADMIN, "pulse_admin_edit");
      const edited = await submitView(ADMIN, editForm, {
        ...valid,
        pulse_admin_template: { value: { type: "static_select", selected_option: { value: "keep" } } },
        pulse_admin_cadence: { value: { type: "static_select", selected_option: { value: "weekly" } } },
        pulse_admin_open_days: { value: { type: "number_input", value: "2" } },
      });
      expect(edited.response_action).toBe("update");
      expect(await db().prisma.pulseSurvey.findFirstOrThrow({ where: { id: row.id } })).toMatchObject({ cron: "30 10 * * 2", openDays: 2, definition: row.definition });
    });

    it("does the same from the CLI: create (an 11th question refused), edit, out of office, results as a manager", async () => {
      const eleven = {
        title: { en: "Too long" },
        questions: Array.from({ length: 11 }, (_, index) => ({ kind: "agreement", id: `q${index + 1}`, prompt: { en: `Statement ${index + 1}` } })),
      };
      const file = path.join(dir, "eleven.json");
      await writeFile(file, JSON.stringify(eleven));
      const refused = await cli(["create", "Too long", "--definition", file]);
      expect(refused.code).toBe(1);
      expect(refused.err).toBe("The questions are not valid: questions: a survey has at most 10 questions; this one has 11 — remove 1 or split it into two surveys.");
      expect(await db().prisma.pulseSurvey.count({ where: { tenantId, name: "Too long" } })).toBe(0);

      await writeFile(file, JSON.stringify({ ...eleven, questions: eleven.questions.slice(0, 10) }));
      const created = await cli(["create", "Ten statements", "--definition", file, "--audience", "reports:james.whitfield@demo.salesops.test", "--when", "every 2 weeks Wed 15:00", "--tz", "Europe/London"]);
      expect(created.code, created.err).toBe(0);
      expect(created.out).toContain('Survey "Ten statements" created.');
      expect(created.out).toContain("Everyone reporting to James Whitfield (directly or not)");
      expect(created.out).toContain("Every 2 weeks on Wednesday at 15:00 (Europe/London)");

      const edited = await cli(["edit", "Ten statements", "--open-days", "5", "--max-reminders", "1"]);
      expect(edited.code, edited.err).toBe(0);
      expect(edited.out).toContain('Survey "Ten statements" changed: open days and reminders.');
      expect((await cli(["edit", "Ten statements", "--open-days", "30"])).err).toBe('A round stays open 1 to 14 whole days; "30" is not one of them.');

      const away = await cli(["ooo", at("oliver.bennett"), "2026-08-17", "2026-08-21"]);
      expect(away.out).toContain("Oliver Bennett is out of office from 17 Aug 2026 to 21 Aug 2026");
      expect(await db().prisma.outOfOffice.count({ where: { tenantId } })).toBe(1);

      const asManager = await cli(["results", "eNPS pulse", "--as", at("meiling.wong")]);
      expect(asManager.out).toContain("Hidden so that a smaller group's answers cannot be worked out from the rest.");
      expect(asManager.out).not.toContain("eNPS +17");
      const asRep = await cli(["results", "--as", at("weiming.tan")]);
      expect([asRep.code, asRep.err]).toEqual([1, "Pulse results are for managers and admins."]);
    });
  });
}
