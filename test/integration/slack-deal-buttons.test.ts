// `/quota deals` and its "What if this closes?" buttons, end to end through Bolt's real HTTP
// receiver: the list matches the open deals read with plain SQL; a signed block_actions click
// on a deal's button answers exactly what `/quota what if I close <deal>` answers; a click by
// someone who may not see the deal's owner is refused; and a yen tenant reads and prints amounts
// with no minor unit (issue 9, defect 7: "what if 50k" used to say ¥5,000,000).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postInteraction } from "../../src/slack-stand-in/index.js";
import { backends } from "../support/databases.js";
import { formatsFor, IndependentFigures, type DemoPerson } from "../support/independent-figures.js";
import { replyText, startBotUnderTest, TEST_SIGNING_SECRET, type BotUnderTest, type SlackReply } from "../support/slack-bot.js";

const TODAY = "2026-11-25";
const NOW = new Date("2026-11-25T02:00:00.000Z"); // 10:00 in Kuala Lumpur
const clock = { now: () => NOW };
const Q4 = { start: "2026-10-01", end: "2026-12-31" }; // Q4 FY2026 of the demo's January fiscal year

const email = (local: string) => `${local}@demo.salesops.test`;
const REP = email("weiming.tan");
const MANAGER = email("meiling.wong"); // Tan Wei Ming's manager
const TEAM_PEER = email("nurul.izzati"); // a rep of the same team: may not see Wei Ming
const OTHER_MANAGER = email("james.whitfield"); // EMEA

type Button = { type: string; action_id: string; value: string; text: { text: string } };

function itemButtons(reply: SlackReply): Array<{ text: string; button: Button }> {
  return reply.blocks
    .filter((block) => block.type === "section" && block.accessory !== undefined)
    .map((block) => ({ text: (block.text as { text: string }).text, button: block.accessory as Button }));
}

function headerOf(reply: SlackReply): string {
  const header = reply.blocks.find((block) => block.type === "header");
  return (header?.text as { text: string } | undefined)?.text ?? "";
}

function fieldsOf(reply: SlackReply): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const block of reply.blocks) {
    for (const field of (block.fields as Array<{ text: string }> | undefined) ?? []) {
      const [label, ...value] = field.text.split("\n");
      fields[label!.replace(/^\*|\*$/g, "")] = value.join("\n");
    }
  }
  return fields;
}

for (const kind of backends) {
  describe(`deal lists and their what-if buttons [${kind}]`, () => {
    let bot: BotUnderTest;
    let sql: IndependentFigures;
    let rep: DemoPerson;

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock });
      sql = new IndependentFigures(bot.testDatabase.db, bot.tenantId);
      rep = await sql.person(REP);
    });
    afterAll(async () => {
      await bot?.close();
    });

    /** Clicks `button` as the person with this e-mail, as Slack would (signed block_actions), and returns the private answer. */
    async function click(address: string, button: Button): Promise<SlackReply> {
      const userId = await bot.slackUserId(address);
      const responseUrl = bot.standIn.workspace.createResponseUrl("C0TESTCHAN", userId);
      const payload = {
        type: "block_actions",
        user: { id: userId, username: address.split("@")[0], name: address.split("@")[0], team_id: bot.standIn.workspace.teamId },
        api_app_id: "A0TEST",
        token: "stand-in-verification-token",
        container: { type: "message", message_ts: "1795731360.000100", channel_id: "C0TESTCHAN", is_ephemeral: true },
        trigger_id: `trigger.${Date.now()}`,
        team: { id: bot.standIn.workspace.teamId, domain: "demo" },
        channel: { id: "C0TESTCHAN", name: "sales" },
        response_url: responseUrl.url,
        actions: [{ type: "button", action_id: button.action_id, block_id: "b1", text: button.text, value: button.value, action_ts: "1795731360.5" }],
      };
      const outcome = await postInteraction({ eventsUrl: `${bot.app.url}/slack/events`, signingSecret: TEST_SIGNING_SECRET }, payload);
      expect(outcome.status).toBe(200);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const posts = bot.standIn.workspace.responses(responseUrl.id);
        if (posts.length > 0) {
          const body = posts[0]!.body as { text?: string; blocks?: Array<Record<string, unknown>>; response_type?: string; replace_original?: boolean };
          expect(body.replace_original).toBe(false);
          return { text: body.text ?? "", blocks: body.blocks ?? [], responseType: body.response_type };
        }
        if (Date.now() > deadline) throw new Error("no answer to the click within 15 s");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }

    it("/quota deals lists the rep's open deals of the quarter, largest first, as the database has them", async () => {
      const reply = await bot.ask(REP, "/quota", "deals");
      expect(headerOf(reply)).toBe("Your open deals — Q4 FY2026");
      const f = formatsFor("en");
      const open = await sql.openDeals(rep.id, Q4);
      expect(open.length).toBeGreaterThan(1);
      const total = open.reduce((sum, deal) => sum + deal.amountMinor, 0n);
      expect(replyText(reply)).toContain(`You have ${open.length} open deals closing in Q4 FY2026, ${f.money(total)} in all.`);
      const items = itemButtons(reply);
      expect(items).toHaveLength(Math.min(15, open.length));
      items.forEach((item, i) => {
        const deal = open[i]!;
        // Demo deals are named after their account, so the account is not repeated.
        expect(item.text).toMatch(new RegExp(`^${i + 1}\\. \\*${deal.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\* · `));
        expect(item.text).toContain(` · ${f.money(deal.amountMinor)} · `);
        expect(item.text).toMatch(new RegExp(`closing ${f.date(deal.closeDate)}$`));
        expect(item.button).toMatchObject({ type: "button", action_id: "what_if_deal", text: { text: "What if this closes?" } });
      });
      expect(reply.responseType).toBe("ephemeral");
    });

    it("a click on a deal's button answers what `/quota what if I close <deal>` answers, privately", async () => {
      const list = await bot.ask(REP, "/quota", "deals");
      const first = itemButtons(list)[0]!;
      const name = first.text.match(/^\d+\. \*(.+?)\* · /)![1]!;
      const pressed = await click(REP, first.button);
      const asked = await bot.ask(REP, "/quota", `what if I close ${name}`);
      expect(pressed.responseType).toBe("ephemeral");
      expect(headerOf(pressed)).toBe(`If you close ${name}`);
      expect(pressed.blocks).toEqual(asked.blocks);
      expect(pressed.text).toBe(asked.text);
    });

    it("answers the rep's manager for the rep, and refuses anyone who may not see the rep", async () => {
      const list = await bot.ask(REP, "/quota", "deals");
      const first = itemButtons(list)[0]!;
      const name = first.text.match(/^\d+\. \*(.+?)\* · /)![1]!;
      expect(headerOf(await click(MANAGER, first.button))).toBe(`If ${rep.name} closes ${name}`);
      // Each in their own language: Nurul Izzati's Slack is in Malay.
      expect(replyText(await click(TEAM_PEER, first.button))).toBe("Maaf, anda tidak boleh lihat angka tersebut.");
      expect(replyText(await click(OTHER_MANAGER, first.button))).toBe("Sorry, you can't see those numbers.");
    });

    it("an altered button is told it no longer works, and nothing is read for it", async () => {
      const list = await bot.ask(REP, "/quota", "deals");
      const first = itemButtons(list)[0]!;
      const altered = await click(REP, { ...first.button, value: first.button.value.replace('"v":1', '"v":9') });
      expect(replyText(altered)).toBe("That button no longer works. Ask again with `/quota deals`.");
    });

    it("answers one-word Malay commands in Malay whoever asks, and tells a manager no one is called that", async () => {
      // Tan Wei Ming and Wong Mei Ling use Slack in English.
      expect(headerOf(await bot.ask(REP, "/quota", "kedudukan"))).toBe("Papan pendahulu — S4 TK2026");
      expect(headerOf(await bot.ask(MANAGER, "/forecast", "pasukan"))).toMatch(/^Pasukan anda — S4 TK2026/);
      expect(headerOf(await bot.ask(MANAGER, "/quota", "deal saya"))).toBe("Deal terbuka anda — S4 TK2026");
      expect(replyText(await bot.ask(MANAGER, "/quota", "@zzyzx"))).toMatch(/^No one called “@zzyzx” in your organisation\./);
      expect(replyText(await bot.ask(REP, "/quota", "@zzyzx"))).toBe("Sorry, you can't see those numbers.");
    });

    it("several deals matching a what-if come back numbered, each with a button that answers it", async () => {
      const open = await sql.openDeals(rep.id, { start: TODAY, end: "2027-11-25" });
      const account = open.find((deal) => open.filter((other) => other.accountName === deal.accountName).length > 1)?.accountName;
      if (!account) throw new Error("the demo rep has no account with two open deals");
      const reply = await bot.ask(REP, "/quota", `what if I close ${account}`);
      const text = replyText(reply);
      expect(text).toMatch(/open deals match/);
      const buttons = reply.blocks.filter((block) => block.type === "actions").flatMap((block) => block.elements as Button[]);
      expect(buttons.length).toBeGreaterThan(1);
      buttons.forEach((button, i) => expect(button.text.text.startsWith(`${i + 1}. `)).toBe(true));
      expect(new Set(buttons.map((button) => button.action_id)).size).toBe(buttons.length);
      const second = await click(REP, buttons[1]!);
      const secondName = buttons[1]!.text.text.replace(/^\d+\. /, "");
      expect(headerOf(second)).toBe(`If you close ${secondName}`);
    });

  });
}

for (const kind of backends) {
  describe(`a yen tenant: amounts with no minor unit [${kind}]`, () => {
    let bot: BotUnderTest;
    let sql: IndependentFigures;
    let rep: DemoPerson;

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, {
        today: TODAY,
        clock,
        // The demo organisation with its amounts taken as yen (ISO 4217: JPY has no minor unit).
        beforeStart: (db, tenantId) =>
          db.withSession(async (session) => {
            for (const table of ["tenant", "quota", "commission_plan", "opportunity", "forecast_call"]) {
              await session.query(`UPDATE ${table} SET currency = 'JPY' WHERE ${table === "tenant" ? "id" : "tenant_id"} = $1::uuid`, [tenantId]);
            }
          }),
      });
      sql = new IndependentFigures(bot.testDatabase.db, bot.tenantId);
      rep = await sql.person(REP);
    });
    afterAll(async () => {
      await bot?.close();
    });

    const yen = (minor: bigint) => new Intl.NumberFormat("en-US", { style: "currency", currency: "JPY" }).format(Number(minor));

    it("is a yen tenant", async () => {
      expect((await sql.tenant()).currency).toBe("JPY");
      expect(new Intl.NumberFormat("en", { style: "currency", currency: "JPY" }).resolvedOptions().maximumFractionDigits).toBe(0);
    });

    it("reads /quota what if 50k as ¥50,000 and adds 50,000 yen to closed won", async () => {
      const reply = await bot.ask(REP, "/quota", "what if 50k");
      expect(headerOf(reply)).toBe("If you close ¥50,000");
      const closed = (await sql.deals([rep.id], Q4)).wonMinor;
      // 50k = 50 × 1,000 yen; a yen has no minor unit, so 50,000 minor units (it used to be 5,000,000).
      expect(fieldsOf(reply)["Closed won"]).toBe(`${yen(closed)} → ${yen(closed + 50_000n)}`);
      expect(replyText(reply)).not.toMatch(/¥5,000,000|¥[\d,]+\.\d/);
    });

    it("refuses a fraction of a yen, and lists deals in whole yen", async () => {
      expect(replyText(await bot.ask(REP, "/quota", "what if 1.5"))).toContain("1.5");
      const list = await bot.ask(REP, "/quota", "deals");
      const open = await sql.openDeals(rep.id, Q4);
      const total = open.reduce((sum, deal) => sum + deal.amountMinor, 0n);
      expect(replyText(list)).toContain(`${yen(total)} in all.`);
      expect(itemButtons(list)[0]!.text).toContain(` · ${yen(open[0]!.amountMinor)} · `);
      expect(replyText(list)).not.toMatch(/¥[\d,]+\.\d/);
    });
  });
}
