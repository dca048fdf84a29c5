// Issue 9, "answers that confuse" and "missing": `/quota deals` and `/forecast deals` with a
// what-if button per deal, the button's answer (and its refusals), numbered what-if choices,
// account names shown once, "no one called …" for managers, one reply-language rule, and the
// bare-quarter rule. The sample organisation and its figures: src/core/use-cases/testing/sample-sales-org.ts
// (fiscal year from April; on 12 Aug 2026 the quarter is Q2 FY2027, 1 Jul .. 30 Sep 2026).
import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/core/i18n/locale.js";
import type { Reply, ReplyBlock } from "../../src/core/reply.js";
import { answerForecastQuestion } from "../../src/core/use-cases/answer-forecast-question.js";
import { answerQuotaQuestion } from "../../src/core/use-cases/answer-quota-question.js";
import { periodFor, periodForCall, replyLocale, type QuestionContext } from "../../src/core/use-cases/question-context.js";
import { accountToShow } from "../../src/core/use-cases/reply-parts.js";
import { createInMemorySalesData, type InMemorySalesSeed } from "../../src/core/use-cases/testing/in-memory-sales-data.js";
import { ID, NOW, sampleSeed, TENANT_ID } from "../../src/core/use-cases/testing/sample-sales-org.js";
import { answerWhatIfDealButton } from "../../src/core/use-cases/what-if-deal-button.js";
import { whatIfDealButton } from "../../src/core/use-cases/what-if-deal-value.js";

function plain(reply: Reply): Reply {
  return JSON.parse(JSON.stringify(reply).replace(/\u00a0/g, " ")) as Reply;
}

async function quota(employeeId: string, text: string, locale: Locale = "en", seed: InMemorySalesSeed = sampleSeed()) {
  return plain(await answerQuotaQuestion({ data: createInMemorySalesData(seed), tenantId: TENANT_ID, employeeId, locale, text, now: NOW }));
}

async function forecast(employeeId: string, text: string, locale: Locale = "en", seed: InMemorySalesSeed = sampleSeed()) {
  const data = createInMemorySalesData(seed);
  const reply = plain(await answerForecastQuestion({ data, tenantId: TENANT_ID, employeeId, locale, text, now: NOW }));
  return { reply, data };
}

async function click(employeeId: string, value: string, locale: Locale = "en", seed: InMemorySalesSeed = sampleSeed()) {
  return plain(await answerWhatIfDealButton({ data: createInMemorySalesData(seed), tenantId: TENANT_ID, employeeId, locale, value, now: NOW }));
}

const items = (reply: Reply) => reply.blocks.filter((block): block is Extract<ReplyBlock, { kind: "item" }> => block.kind === "item");
const texts = (reply: Reply, kind: "text" | "heading" | "context") => reply.blocks.flatMap((block) => (block.kind === kind ? [block.text] : []));

describe("/quota deals", () => {
  it("lists the asker's open deals closing in the quarter, largest first, each with a what-if button", async () => {
    const reply = await quota(ID.maria, "deals");
    expect(texts(reply, "heading")).toEqual(["Your open deals — Q2 FY2027"]);
    // Open and closing 1 Jul .. 30 Sep: Genting 120,000 + Acme renewal 80,000 + CIMB 60,000 +
    // Acme expansion 40,000 = 300,000. AirAsia pilot closes 20 Oct (next quarter); Petronas and
    // Maxis are won, Celcom lost.
    expect(reply.summary).toBe("You have 4 open deals closing in Q2 FY2027, RM 300,000.00 in all.");
    expect(items(reply).map((item) => item.text)).toEqual([
      "1. *Genting cloud* (Genting Bhd) · RM 120,000.00 · Discovery · closing 30 Sept 2026",
      "2. *Acme renewal* (Acme Sdn Bhd) · RM 80,000.00 · Negotiation · closing 15 Sept 2026",
      "3. *CIMB analytics* · RM 60,000.00 · Discovery · closing 20 Sept 2026",
      "4. *Acme expansion* (Acme Sdn Bhd) · RM 40,000.00 · Proposal · closing 25 Sept 2026",
    ]);
    for (const item of items(reply)) {
      expect(item.button.label).toBe("What if this closes?");
      expect(item.button.actionId).toBe("what_if_deal");
    }
    expect(JSON.parse(items(reply)[0]!.button.value)).toEqual({
      v: 1,
      deal: "d-genting",
      owner: ID.maria,
      period: { kind: "quarter", start: "2026-07-01" },
    });
  });

  it("is asked the same way in Malay, and answers in Malay", async () => {
    for (const text of ["deal saya", "senarai deal terbuka", "tunjuk urus niaga saya"]) {
      const reply = await quota(ID.maria, text);
      expect(texts(reply, "heading"), text).toEqual(["Deal terbuka anda — S2 TK2027"]);
      expect(items(reply)[0]!.button.label).toBe("Kalau deal ini ditutup?");
    }
  });

  it("shows a report's deals to their manager, and refuses a rep someone else's", async () => {
    const manager = await quota(ID.north, "deals @raj");
    // Raj: Sunway portal 100,000 and Telekom upgrade 50,000, both closing in Q2.
    expect(manager.summary).toBe("Raj Kumar has 2 open deals closing in Q2 FY2027, RM 150,000.00 in all.");
    const rep = await quota(ID.maria, "deals @raj");
    expect(rep.summary).toBe("Sorry, you can't see those numbers.");
  });

  it("says when there are none, for the period asked", async () => {
    const reply = await quota(ID.north, "deals next quarter");
    expect(texts(reply, "text")).toEqual(["You have no open deals closing in Q3 FY2027. To see a report's: `/quota deals @name`."]);
  });

  it("is also `/forecast deals`", async () => {
    const { reply } = await forecast(ID.maria, "deals");
    expect(reply.summary).toBe("You have 4 open deals closing in Q2 FY2027, RM 300,000.00 in all.");
    expect(items(reply)).toHaveLength(4);
  });
});

describe("the What if this closes? button", () => {
  const genting = { id: "d-genting", ownerId: ID.maria };
  const q2 = { start: "2026-07-01", end: "2026-09-30", label: "Q2 FY2027", kind: "quarter" as const, fiscalYear: 2027 };

  it("answers exactly what `/quota what if I close <deal>` answers", async () => {
    const pressed = await click(ID.maria, whatIfDealButton("What if this closes?", genting, q2).value);
    const asked = await quota(ID.maria, "what if I close Genting cloud");
    expect(pressed).toEqual(asked);
    expect(texts(pressed, "heading")).toEqual(["If you close Genting cloud"]);
  });

  it("answers for the deal's owner when their manager presses it", async () => {
    const pressed = await click(ID.north, whatIfDealButton("What if this closes?", genting, q2).value);
    expect(texts(pressed, "heading")).toEqual(["If Maria Tan closes Genting cloud"]);
  });

  it("refuses someone who may not see the deal's owner, with the words every refusal uses", async () => {
    const value = whatIfDealButton("What if this closes?", genting, q2).value;
    expect((await click(ID.raj, value)).summary).toBe("Sorry, you can't see those numbers.");
    expect((await click(ID.south, value)).summary).toBe("Sorry, you can't see those numbers.");
    // An owner who does not exist reads the same.
    const forged = JSON.stringify({ ...JSON.parse(value), owner: "p-nobody" });
    expect((await click(ID.raj, forged)).summary).toBe("Sorry, you can't see those numbers.");
  });

  it("says a deal that has closed since is no longer open, and an altered value no longer works", async () => {
    const won = whatIfDealButton("What if this closes?", { id: "d-maxis", ownerId: ID.maria }, q2).value;
    expect((await click(ID.maria, won)).summary).toMatch(/^That deal is no longer open/);
    // Raj's deal under Maria's name: not among Maria's open deals.
    const elsewhere = whatIfDealButton("What if this closes?", { id: "d-sunway", ownerId: ID.maria }, q2).value;
    expect((await click(ID.maria, elsewhere)).summary).toMatch(/^That deal is no longer open/);
    for (const value of ["not json", "{}", JSON.stringify({ v: 2, deal: "d-genting", owner: ID.maria, period: { kind: "quarter", start: "2026-07-01" } })]) {
      expect((await click(ID.maria, value)).summary, value).toBe("That button no longer works. Ask again with `/quota deals`.");
    }
    // A start that is no quarter's first day.
    const shifted = JSON.stringify({ v: 1, deal: "d-genting", owner: ID.maria, period: { kind: "quarter", start: "2026-07-02" } });
    expect((await click(ID.maria, shifted)).summary).toBe("That button no longer works. Ask again with `/quota deals`.");
  });
});

describe("what-if choices and account names", () => {
  it("shows an account once when the deal's name already says it", () => {
    expect(accountToShow({ name: "Acme renewal", accountName: "Acme" })).toBeNull();
    expect(accountToShow({ name: "ACME — renewal", accountName: "acme" })).toBeNull();
    expect(accountToShow({ name: "Acme renewal", accountName: "Acme Sdn Bhd" })).toBe("Acme Sdn Bhd");
    expect(accountToShow({ name: "Renewal", accountName: "Acme" })).toBe("Acme");
    // Whole words only: "Acmeco" does not contain the account "Acme".
    expect(accountToShow({ name: "Acmeco renewal", accountName: "Acme" })).toBe("Acme");
    expect(accountToShow({ name: "Renewal", accountName: null })).toBeNull();
  });

  it("prints a deal named after its account once, in the choices and in the answer", async () => {
    const seed = sampleSeed();
    for (const deal of seed.deals) if (deal.accountName === "Acme Sdn Bhd") deal.accountName = "Acme";
    const choices = await quota(ID.maria, "what if I close acme", "en", seed);
    expect(texts(choices, "text")[0]).toBe(
      [
        "2 open deals match “acme” — pick one with its button, or ask again with the deal's full name:",
        "1. Acme renewal · RM 80,000.00 · closing 15 Sept 2026",
        "2. Acme expansion · RM 40,000.00 · closing 25 Sept 2026",
      ].join("\n"),
    );
    const one = await quota(ID.maria, "what if I close acme renewal", "en", seed);
    expect(texts(one, "text")[0]).toBe("Acme renewal · RM 80,000.00 · closing 15 Sept 2026");
  });

  it("each choice's button answers that deal's what-if", async () => {
    const choices = await quota(ID.maria, "what if I close acme");
    const actions = choices.blocks.find((block) => block.kind === "actions");
    if (actions?.kind !== "actions") throw new Error("no buttons");
    const second = await click(ID.maria, actions.buttons[1]!.value);
    expect(second).toEqual(await quota(ID.maria, "what if I close acme expansion"));
  });
});

describe("naming someone who does not exist", () => {
  it("tells a manager or an admin that no one is called that", async () => {
    const expected = "No one called “@zzyzx” in your organisation. Check the spelling, ask with their e-mail name (e.g. @maria.tan), or mention them.";
    expect((await quota(ID.north, "@zzyzx")).summary).toBe(expected);
    expect((await quota(ID.admin, "@zzyzx")).summary).toBe(expected);
    const { reply } = await forecast(ID.north, "@zzyzx", "ms");
    expect(reply.summary).toBe("Tiada sesiapa bernama “@zzyzx” dalam organisasi anda. Semak ejaannya, tanya dengan nama e-mel mereka (contohnya @maria.tan), atau mention mereka.");
  });

  it("still refuses a manager someone who exists but is not theirs, in the words a rep gets", async () => {
    // Siti reports to Hafiz (South), not to Mei Ling (North).
    expect((await quota(ID.north, "@siti")).summary).toBe("Sorry, you can't see those numbers.");
  });

  it("gives a rep the same reply for 'does not exist' and 'not yours'", async () => {
    const missing = await quota(ID.maria, "@zzyzx");
    const hidden = await quota(ID.maria, "@raj");
    expect(missing.summary).toBe("Sorry, you can't see those numbers.");
    expect(hidden).toEqual(missing);
  });
});

describe("reply language: the person's locale unless the whole question is clearly in the other language", () => {
  it.each([
    ["en", "kedudukan", "ms"],
    ["en", "pasukan", "ms"],
    ["en", "berapa lagi untuk capai quota", "ms"],
    ["en", "deal saya", "ms"],
    ["ms", "leaderboard", "en"],
    ["ms", "how much to hit quota", "en"],
    ["ms", "team", "ms"], // shared at Malaysian workplaces
    ["en", "team", "en"],
    ["ms", "pipeline", "ms"],
    ["en", "Q3", "en"],
    ["ms", "@maria", "ms"],
    ["en", "what if saya tutup 50k", "en"], // 2 English words, 2 Malay: not clearly either
    ["ms", "what if saya tutup 50k", "ms"],
    ["en", "kalau saya tutup 50k", "ms"],
  ] as const)("%s person, %j -> %s", (locale, text, expected) => {
    expect(replyLocale(locale, text)).toBe(expected);
  });

  it("applies to one-word Malay commands of both commands", async () => {
    const leaderboard = await quota(ID.admin, "kedudukan", "en");
    expect(texts(leaderboard, "heading")[0]).toMatch(/^Papan pendahulu/);
    const { reply } = await forecast(ID.south, "pasukan", "en");
    expect(texts(reply, "heading")[0]).toMatch(/^Pasukan anda/);
    const english = await quota(ID.siti, "leaderboard", "ms");
    expect(texts(english, "heading")[0]).toMatch(/^Leaderboard/);
  });
});

describe("a bare quarter", () => {
  const at = (today: string, fiscalYearStartMonth = 1) =>
    ({ today, tenant: { fiscalYearStartMonth } }) as unknown as QuestionContext;

  it("means the quarter of the current fiscal year, even when it has ended (January fiscal year, in December)", () => {
    expect(periodFor(at("2026-12-10"), { kind: "quarter", quarter: 1 })).toMatchObject({ start: "2026-01-01", end: "2026-03-31", fiscalYear: 2026 });
    expect(periodFor(at("2026-12-10"), { kind: "quarter", quarter: 4 })).toMatchObject({ start: "2026-10-01", end: "2026-12-31" });
  });

  it("for a forecast call, means the next one that has not ended", () => {
    // December 2026: Q1 FY2026 ended in March, so the call is for Q1 FY2027 (Jan .. Mar 2027).
    expect(periodForCall(at("2026-12-10"), { kind: "quarter", quarter: 1 })).toMatchObject({ start: "2027-01-01", end: "2027-03-31", fiscalYear: 2027 });
    // The current quarter stays the current one.
    expect(periodForCall(at("2026-12-10"), { kind: "quarter", quarter: 4 })).toMatchObject({ start: "2026-10-01", end: "2026-12-31" });
    // May 2026: Q1 has ended (coming Q1 is 2027's), Q3 has not (this year's).
    expect(periodForCall(at("2026-05-10"), { kind: "quarter", quarter: 1 })).toMatchObject({ start: "2027-01-01" });
    expect(periodForCall(at("2026-05-10"), { kind: "quarter", quarter: 3 })).toMatchObject({ start: "2026-07-01", end: "2026-09-30" });
    expect(periodFor(at("2026-05-10"), { kind: "quarter", quarter: 1 })).toMatchObject({ start: "2026-01-01" });
    // Halves and months follow the same rule; a year that is named is kept.
    expect(periodForCall(at("2026-12-10"), { kind: "half", half: 1 })).toMatchObject({ start: "2027-01-01", end: "2027-06-30" });
    expect(periodForCall(at("2026-12-10"), { kind: "month", month: 3 })).toMatchObject({ start: "2027-03-01", end: "2027-03-31" });
    expect(periodForCall(at("2026-12-10"), { kind: "quarter", quarter: 1, fiscalYear: 2026 })).toMatchObject({ start: "2026-01-01" });
    // An April fiscal year, in August 2026: Q1 FY2027 (Apr .. Jun 2026) has ended -> Q1 FY2028.
    expect(periodForCall(at("2026-08-12", 4), { kind: "quarter", quarter: 1 })).toMatchObject({ start: "2027-04-01", end: "2027-06-30", fiscalYear: 2028 });
  });

  it("`/forecast submit … Q1` records the call for the coming Q1, `/quota Q1` answers the ended one", async () => {
    const { reply, data } = await forecast(ID.maria, "submit commit 120k best 150k Q1");
    expect(reply.summary).toBe("Forecast call submitted for Q1 FY2028: commit RM 120,000.00, best case RM 150,000.00.");
    expect(data.recordedCalls.map((call) => [call.periodStart, call.periodEnd])).toEqual([["2027-04-01", "2027-06-30"]]);
    const asked = await quota(ID.maria, "Q1");
    expect(texts(asked, "context")[0]).toMatch(/^Q1 FY2027 \(1 Apr 2026 – 30 Jun 2026\)/);
  });
});
