import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/core/i18n/locale.js";
import type { Reply } from "../../src/core/reply.js";
import { answerQuotaQuestion } from "../../src/core/use-cases/answer-quota-question.js";
import { createInMemorySalesData, type InMemorySalesSeed } from "../../src/core/use-cases/testing/in-memory-sales-data.js";
import { ID, NOW, sampleSeed, TENANT_ID } from "../../src/core/use-cases/testing/sample-sales-org.js";

// The sample organisation and its hand-worked figures: src/core/use-cases/testing/sample-sales-org.ts.
// Q2 FY2027 = 1 Jul .. 30 Sep 2026, 66 working days; on Wed 12 Aug 31 have elapsed, 35 remain.

/** Intl puts a no-break space after "RM"; the expectations are written with a plain one. */
function plain(reply: Reply): Reply {
  return JSON.parse(JSON.stringify(reply).replace(/\u00a0/g, " ")) as Reply;
}

async function ask(employeeId: string, text: string, locale: Locale = "en", seed: InMemorySalesSeed = sampleSeed()) {
  const data = createInMemorySalesData(seed);
  const reply = plain(await answerQuotaQuestion({ data, tenantId: TENANT_ID, employeeId, locale, text, now: NOW }));
  return { reply, data };
}

function fieldsOf(reply: Reply): Record<string, string> {
  const block = reply.blocks.find((b) => b.kind === "fields");
  if (!block || block.kind !== "fields") throw new Error("no fields block");
  return Object.fromEntries(block.fields.map((f) => [f.label, f.value]));
}

function textsOf(reply: Reply, kind: "text" | "context" | "heading"): string[] {
  return reply.blocks.flatMap((b) => (b.kind === kind ? [b.text] : []));
}

function listOf(reply: Reply): string[] {
  const block = reply.blocks.find((b) => b.kind === "list");
  return block && block.kind === "list" ? [...block.items] : [];
}

const CONTEXT_EN = "Q2 FY2027 (1 Jul 2026 – 30 Sept 2026) · as of 12 Aug 2026";
const CONTEXT_MS = "S2 TK2027 (1 Jul 2026 – 30 Sep 2026) · setakat 12 Ogo 2026";

describe("/quota standing", () => {
  it("shows a rep's quota, attainment, gap, pace, per week, coverage and commission", async () => {
    const { reply } = await ask(ID.maria, "");
    expect(textsOf(reply, "heading")).toEqual(["Your quota — Q2 FY2027"]);
    expect(fieldsOf(reply)).toEqual({
      Quota: "RM 300,000.00",
      "Closed won": "RM 135,000.00", // 90,000 + 45,000
      Attainment: "45%", // 135 / 300
      "Gap to quota": "RM 165,000.00", // 300 − 135
      // elapsed share 31/66; pace 0.45 ÷ (31/66) = 0.9581; expected 300,000 × 31/66 = 140,909.09
      Pace: "Behind — 95.8% of pace (RM 140,909.09 expected by today)",
      "Needed per week": "RM 23,571.43", // 165,000 × 5 / 35 working days left = 23,571.428…
      "Pipeline coverage": "1.5×", // open 80 + 40 + 120 = 240 ÷ 165 = 1.45
      "Coverage needed": "1.3× (win rate 75%)", // won 150 ÷ (150 + lost 50); 1 ÷ 0.75 = 1.33
      "Commission earned": "RM 10,800.00", // 135,000 × 8 %
    });
    expect(textsOf(reply, "context")).toEqual([CONTEXT_EN]);
    expect(reply.summary).toBe("You're at 45% of quota for Q2 FY2027: RM 135,000.00 of RM 300,000.00.");
  });

  it("answers in Malay for a Malay locale", async () => {
    const { reply } = await ask(ID.maria, "", "ms");
    expect(textsOf(reply, "heading")).toEqual(["Kuota anda — S2 TK2027"]);
    expect(fieldsOf(reply)).toMatchObject({
      Kuota: "RM 300,000.00",
      Pencapaian: "45%",
      "Kadar semasa": "Ketinggalan — 95.8% daripada kadar (dijangka RM 140,909.09 setakat hari ini)",
      "Liputan diperlukan": "1.3× (kadar menang 75%)",
      "Komisen diperoleh": "RM 10,800.00",
    });
    expect(textsOf(reply, "context")).toEqual([CONTEXT_MS]);
  });

  it("shows the ramp for a ramping hire, and does not pro-rate by the start date again", async () => {
    // CHANGED for THE QUOTA RULE 1 (issue 9): this used to expect 200,000 × 50 % × 56/66 =
    // RM 84,848.48 — the ramp and then a start-date pro-ration, the double reduction. The ramped
    // row alone is the quota now: 200,000 × 50 % = 100,000. Pace still counts from her start.
    const { reply } = await ask(ID.ahmad, "");
    expect(fieldsOf(reply)).toEqual({
      Quota: "RM 100,000.00", // 200,000 × 50 %
      "Closed won": "RM 20,000.00",
      Attainment: "20%", // 20,000 ÷ 100,000
      "Gap to quota": "RM 80,000.00",
      // from 15 Jul: 21 of 56 working days elapsed; 0.2 ÷ 0.375 = 0.5333; 100,000 × 21/56 = 37,500
      Pace: "Behind — 53.3% of pace (RM 37,500.00 expected by today)",
      "Needed per week": "RM 11,428.57", // 80,000 × 5 / 35 = 11,428.571…
      "Pipeline coverage": "0.5×", // 40,000 ÷ 80,000
      "Coverage needed": "No win-rate history yet (no deals closed in the last four quarters)",
      "Commission earned": "RM 1,600.00", // 20,000 × 8 %
    });
    expect(textsOf(reply, "text")).toEqual(["Ramping: 50% of full quota (RM 200,000.00)."]);
  });

  it("says commission is not available without a plan", async () => {
    const { reply } = await ask(ID.raj, "");
    expect(fieldsOf(reply)["Commission earned"]).toBe("Not available — no commission plan is assigned");
    expect(fieldsOf(reply)["Pipeline coverage"]).toBe("1×"); // 50 + 100 open ÷ 150 gap
  });

  it("says plainly when there is no quota, and shows no commission", async () => {
    const { reply } = await ask(ID.vp, "");
    expect(textsOf(reply, "text")).toEqual([
      "You have no quota set for Q2 FY2027, so there is no attainment or commission to show. Your sales ops admin sets quotas.",
    ]);
    // The VP is credited with everything closed below them (THE QUOTA RULE 3): won 135,000 +
    // 100,000 + 180,000 + 20,000 = 435,000; open Q2 pipeline (not Omitted) 240,000 + 150,000 +
    // 20,000 + 40,000 + 60,000 = 510,000.
    expect(fieldsOf(reply)).toEqual({ "Closed won": "RM 435,000.00", Pipeline: "RM 510,000.00" });
  });

  it("reads a named period", async () => {
    const { reply } = await ask(ID.maria, "Q1");
    expect(textsOf(reply, "text")[0]).toBe(
      "You have no quota set for Q1 FY2027, so there is no attainment or commission to show. Your sales ops admin sets quotas.",
    );
  });
});

describe("/quota for other periods, ended periods and edge wording (issue 9)", () => {
  it("gives a month its working-day share of the quarter's quota, and says so", async () => {
    // August 2026 inside Maria's Q2 row (1 Jul - 30 Sep: 66 working days, the sample has no
    // holidays): 21 weekdays -> 30,000,000 × 21/66 = 9,545,454.5 -> 9,545,455 = RM 95,454.55.
    // Closed won in August: Maxis 45,000 -> 45,000 / 95,454.55 = 0.4714.
    const { reply } = await ask(ID.maria, "August");
    expect(fieldsOf(reply)).toMatchObject({
      Quota: "RM 95,454.55",
      "Closed won": "RM 45,000.00",
      Attainment: "47.1%",
      "Gap to quota": "RM 50,454.55",
      // The Q2 plan period credited from 1 Jul to 31 Aug: 135,000 × 8 % = 10,800.
      "Commission earned": "RM 10,800.00",
    });
    expect(textsOf(reply, "text")).toEqual([
      "Pro-rated: 21 of 66 working days of the Q2 FY2027 quota.",
      "Commission is paid per plan period (1 Jul 2026 – 30 Sept 2026); shown is what that period pays on what closed up to 31 Aug 2026.",
    ]);
  });

  it("excludes the person's holidays from the share (their team's calendar)", async () => {
    // Maria's team calendar has Merdeka Mon 31 Aug and Malaysia Day Wed 16 Sep: Q2 has 64
    // working days, August 20: 30,000,000 × 20/64 = 9,375,000 = RM 93,750.00.
    const seed = sampleSeed();
    seed.holidayCalendars = [
      { id: "cal-my", teamIds: [seed.people.find((person) => person.id === ID.maria)!.teamId!], holidays: [{ date: "2026-08-31", name: "Merdeka" }, { date: "2026-09-16", name: "Malaysia Day" }] },
    ];
    const { reply } = await ask(ID.maria, "August", "en", seed);
    expect(fieldsOf(reply).Quota).toBe("RM 93,750.00");
    expect(textsOf(reply, "text")[0]).toBe("Pro-rated: 20 of 64 working days of the Q2 FY2027 quota.");
  });

  it("shows an ended period's final result, without pace, per week or coverage", async () => {
    // A Q1 FY2027 row (1 Apr - 30 Jun 2026) of 300,000; nothing won in it; asked on 12 Aug.
    const seed = sampleSeed();
    seed.quotas.push({ ...seed.quotas.find((row) => row.employeeId === ID.maria)!, periodStart: "2026-04-01", periodEnd: "2026-06-30" });
    const { reply } = await ask(ID.maria, "Q1", "en", seed);
    expect(fieldsOf(reply)).toEqual({
      Quota: "RM 300,000.00",
      "Closed won": "RM 0.00",
      Attainment: "0%",
      "Gap to quota": "RM 300,000.00",
      "Commission earned": "Not available — no commission plan is assigned",
    });
    expect(textsOf(reply, "text")).toEqual(["Q1 FY2027 has ended: these are the final figures."]);
  });

  it("shows a win rate of 0 % as 0 %, not as no history", async () => {
    // Ahmad lost one deal last year and won none: win rate 0 ÷ 10,000 = 0.
    const seed = sampleSeed();
    seed.deals.push({ ...seed.deals.find((deal) => deal.id === "d-aeon")!, id: "d-lost", isWon: false, forecastCategory: "Omitted", closeDate: "2026-03-02", amountMinor: 1_000_000 });
    const { reply } = await ask(ID.ahmad, "", "en", seed);
    expect(fieldsOf(reply)["Coverage needed"]).toBe("None is enough at the win rate so far (0% over the last four quarters)");
  });

  it("explains the plan's cap when a what-if hits it", async () => {
    // With a 20,000.00 cap per quarter: 335,000 closed would pay 28,200 (see "crosses tiers"),
    // capped at 20,000; change 20,000 − 10,800 = 9,200.
    const seed = sampleSeed();
    for (const assignment of seed.plans) assignment.plan = { ...assignment.plan, payoutCapMinor: 2_000_000 };
    const { reply } = await ask(ID.maria, "what if I close 200k", "en", seed);
    expect(fieldsOf(reply)).toMatchObject({ "Payout change": "+RM 9,200.00", Payout: "RM 10,800.00 → RM 20,000.00" });
    expect(textsOf(reply, "text")).toEqual(["Capped at RM 20,000.00 per quarter (the plan's payout cap)."]);
  });

  it("sums commission per plan period over a half, capping each quarter on its own", async () => {
    // H1 FY2027 = Apr - Sep 2026. Maria gets a Q1 plan period and quota too (300,000, cap
    // 20,000 per quarter); a 400,000 win on 10 Jun pays Q1: 300,000 × 8 % + 60,000 × 12 % +
    // 40,000 × 15 % = 24,000 + 7,200 + 6,000 = 37,200 -> capped 20,000. Q2 pays 135,000 × 8 % =
    // 10,800. H1 = 30,800 (capping the H1 sum would wrongly give 20,000).
    const seed = sampleSeed();
    const capped = { ...seed.plans[0]!.plan, payoutCapMinor: 2_000_000 };
    for (const assignment of seed.plans) assignment.plan = capped;
    seed.plans.push({ employeeId: ID.maria, periodStart: "2026-04-01", periodEnd: "2026-06-30", plan: capped });
    seed.quotas.push({ ...seed.quotas.find((row) => row.employeeId === ID.maria)!, periodStart: "2026-04-01", periodEnd: "2026-06-30" });
    seed.deals.push({ ...seed.deals.find((deal) => deal.id === "d-petronas")!, id: "d-big", amountMinor: 40_000_000, closeDate: "2026-06-10" });
    const { reply } = await ask(ID.maria, "H1", "en", seed);
    expect(fieldsOf(reply)).toMatchObject({
      Quota: "RM 600,000.00", // two whole rows
      "Closed won": "RM 535,000.00", // 400,000 + 135,000
      "Commission earned": "RM 30,800.00",
    });
    expect(textsOf(reply, "text")).toContain("Capped at RM 20,000.00 per quarter (the plan's payout cap).");
  });
});

describe("/quota what if", () => {
  it("prices 50k under the plan", async () => {
    const { reply } = await ask(ID.maria, "what if 50k");
    expect(textsOf(reply, "heading")).toEqual(["If you close RM 50,000.00"]);
    expect(fieldsOf(reply)).toEqual({
      "Payout change": "+RM 4,000.00", // 50,000 × 8 %, all inside the first tier
      Payout: "RM 10,800.00 → RM 14,800.00", // 135,000 × 8 % → 185,000 × 8 %
      Attainment: "45% → 61.7%", // 185 / 300 = 0.6167
      "Closed won": "RM 135,000.00 → RM 185,000.00",
    });
  });

  it("crosses tiers", async () => {
    const { reply } = await ask(ID.maria, "what if I close 200k");
    expect(fieldsOf(reply)).toEqual({
      // 335,000: 300,000 × 8 % = 24,000 + 35,000 × 12 % = 4,200 -> 28,200; change 28,200 − 10,800
      "Payout change": "+RM 17,400.00",
      Payout: "RM 10,800.00 → RM 28,200.00",
      Attainment: "45% → 111.7%", // 335 / 300
      "Closed won": "RM 135,000.00 → RM 335,000.00",
    });
  });

  it("answers a Malay what-if in Malay", async () => {
    const { reply } = await ask(ID.maria, "kalau saya tutup 50k", "en");
    expect(textsOf(reply, "heading")).toEqual(["Kalau anda tutup RM 50,000.00"]);
    expect(fieldsOf(reply)).toEqual({
      "Perubahan bayaran": "+RM 4,000.00",
      Bayaran: "RM 10,800.00 → RM 14,800.00",
      Pencapaian: "45% → 61.7%",
      "Jualan dimenangi": "RM 135,000.00 → RM 185,000.00",
    });
    expect(textsOf(reply, "context")).toEqual([CONTEXT_MS]);
  });

  it("finds an open deal by name", async () => {
    const { reply } = await ask(ID.maria, "what if I close Acme renewal");
    expect(textsOf(reply, "heading")).toEqual(["If you close Acme renewal"]);
    expect(textsOf(reply, "text")).toEqual(["Acme renewal · Acme Sdn Bhd · RM 80,000.00 · closing 15 Sept 2026"]);
    expect(fieldsOf(reply)).toEqual({
      "Payout change": "+RM 6,400.00", // 80,000 × 8 %
      Payout: "RM 10,800.00 → RM 17,200.00", // 215,000 × 8 %
      Attainment: "45% → 71.7%", // 215 / 300
      "Closed won": "RM 135,000.00 → RM 215,000.00",
    });
  });

  it("finds a deal by account, and one closing next quarter", async () => {
    const { reply } = await ask(ID.maria, "if I close genting");
    expect(fieldsOf(reply)["Payout change"]).toBe("+RM 9,600.00"); // 120,000 × 8 %
    const next = await ask(ID.maria, "what if airasia pilot closes");
    expect(fieldsOf(next.reply)["Payout change"]).toBe("+RM 2,400.00"); // 30,000 × 8 %
  });

  it("offers several matching deals as numbered choices with a button each, and says when none is open", async () => {
    const { reply } = await ask(ID.maria, "what if I close acme");
    // Largest first: Acme renewal 80,000, Acme expansion 40,000. The account (Acme Sdn Bhd) adds
    // to the names, so it is shown once per line.
    expect(reply.blocks[0]).toEqual({
      kind: "text",
      text: [
        "2 open deals match “acme” — pick one with its button, or ask again with the deal's full name:",
        "1. Acme renewal · Acme Sdn Bhd · RM 80,000.00 · closing 15 Sept 2026",
        "2. Acme expansion · Acme Sdn Bhd · RM 40,000.00 · closing 25 Sept 2026",
      ].join("\n"),
    });
    const actions = reply.blocks[1];
    if (actions?.kind !== "actions") throw new Error("no buttons");
    expect(actions.buttons.map((button) => [button.label, button.actionId])).toEqual([
      ["1. Acme renewal", "what_if_deal"],
      ["2. Acme expansion", "what_if_deal"],
    ]);
    // Each button carries its deal, its owner and the period asked about (Q2 FY2027 starts 1 Jul 2026).
    expect(actions.buttons.map((button) => JSON.parse(button.value))).toEqual([
      { v: 1, deal: "d-acme-renewal", owner: ID.maria, period: { kind: "quarter", start: "2026-07-01" } },
      { v: 1, deal: "d-acme-expansion", owner: ID.maria, period: { kind: "quarter", start: "2026-07-01" } },
    ]);
    // Maxis SD-WAN is already won: not an open deal.
    const won = await ask(ID.maria, "what if I close Maxis SD-WAN");
    expect(won.reply.summary).toBe("I couldn't find an open deal matching “Maxis SD-WAN” in your pipeline.");
  });

  it("names what is wrong with an amount", async () => {
    const { reply } = await ask(ID.maria, "what if $50k");
    expect(reply.summary).toBe("Amounts are in MYR — I can't convert $ (“$50k”). Give the figure in MYR, e.g. 50k.");
    const zero = await ask(ID.maria, "what if 0k");
    expect(zero.reply.summary).toBe("“0k” is zero — give me an amount above zero.");
  });
});

describe("/quota to target and next tier", () => {
  it("says how much is left to 100 % and 120 %", async () => {
    const { reply } = await ask(ID.maria, "how much to 100%");
    expect(textsOf(reply, "heading")).toEqual(["To reach 100%"]);
    expect(fieldsOf(reply)).toEqual({
      "To reach 100%": "RM 165,000.00", // 300,000 − 135,000
      "Attainment now": "45%",
      Quota: "RM 300,000.00",
      "Closed won": "RM 135,000.00",
    });
    const more = await ask(ID.maria, "how much to 120%");
    expect(fieldsOf(more.reply)["To reach 120%"]).toBe("RM 225,000.00"); // 360,000 − 135,000
  });

  it("answers the Malay question in Malay", async () => {
    const { reply } = await ask(ID.maria, "berapa lagi untuk capai kuota", "en");
    expect(textsOf(reply, "heading")).toEqual(["Untuk capai 100%"]);
    expect(fieldsOf(reply)).toEqual({
      "Untuk capai 100%": "RM 165,000.00",
      "Pencapaian sekarang": "45%",
      Kuota: "RM 300,000.00",
      "Jualan dimenangi": "RM 135,000.00",
    });
    expect(textsOf(reply, "context")).toEqual([CONTEXT_MS]);
  });

  it("names the next tier, its rate and what it takes", async () => {
    const { reply } = await ask(ID.maria, "next tier");
    expect(fieldsOf(reply)).toEqual({
      "Next tier": "12% from 100% of quota",
      "Still to close": "RM 165,000.00", // to 100 %: 300,000 − 135,000
      "Attainment now": "45%",
      "Rate now": "8%",
    });
  });

  it("says when the top tier is reached", async () => {
    const seed = sampleSeed();
    // Siti: 180,000 of 200,000; a further 100,000 won puts her at 140 %, above the 120 % tier.
    seed.deals.push({ ...seed.deals.find((d) => d.id === "d-rhb")!, id: "d-extra", name: "Extra", amountMinor: 10_000_000 });
    const { reply } = await ask(ID.siti, "next tier", "en", seed);
    expect(textsOf(reply, "text")).toEqual(["Top tier reached — every further sale pays 15%."]);
  });
});

describe("/quota about someone else", () => {
  const FORBIDDEN = { summary: "Sorry, you can't see those numbers.", blocks: [{ kind: "text", text: "Sorry, you can't see those numbers." }] };

  it("refuses a rep asking about another rep, the same way as for nobody at all, before loading numbers", async () => {
    const other = await ask(ID.maria, "@raj");
    const nobody = await ask(ID.maria, "@nobody.here");
    const mention = await ask(ID.maria, "<@UPSITI|siti>");
    expect(other.reply).toEqual(FORBIDDEN);
    expect(nobody.reply).toEqual(FORBIDDEN);
    expect(mention.reply).toEqual(FORBIDDEN);
    for (const { data } of [other, nobody, mention]) expect(data.reads).toEqual(["tenant", "people"]);
  });

  it("lets a manager see a report", async () => {
    const { reply } = await ask(ID.north, "@maria");
    expect(textsOf(reply, "heading")).toEqual(["Maria Tan — Q2 FY2027"]);
    expect(fieldsOf(reply)).toMatchObject({ Quota: "RM 300,000.00", Attainment: "45%", "Commission earned": "RM 10,800.00" });
    expect(reply.summary).toBe("Maria Tan is at 45% of quota for Q2 FY2027: RM 135,000.00 of RM 300,000.00.");
  });

  it("finds people by Slack mention, e-mail name and accent-insensitive name", async () => {
    expect(textsOf((await ask(ID.north, "<@UPMARIA|maria>")).reply, "heading")).toEqual(["Maria Tan — Q2 FY2027"]);
    expect(textsOf((await ask(ID.vp, "@maria.tan")).reply, "heading")).toEqual(["Maria Tan — Q2 FY2027"]);
    expect(textsOf((await ask(ID.vp, "@maría.lópez")).reply, "heading")).toEqual(["María López — Q2 FY2027"]);
    expect(textsOf((await ask(ID.vp, "@Maria.Lopez")).reply, "heading")).toEqual(["María López — Q2 FY2027"]);
  });

  it("lists only visible candidates for an ambiguous handle", async () => {
    const { reply } = await ask(ID.vp, "@maria");
    expect(reply.summary).toBe("More than one person matches “@maria” — who did you mean?");
    expect(textsOf(reply, "text")[0]).toBe(
      "More than one person matches “@maria” — who did you mean?\n• María López\n• Maria Tan\nAsk again with their e-mail name, e.g. @maria.tan, or mention them.",
    );
    // Mei Ling sees only Maria Tan, so for her the handle is not ambiguous.
    expect(textsOf((await ask(ID.north, "@maria")).reply, "heading")).toEqual(["Maria Tan — Q2 FY2027"]);
  });
});

describe("/quota team", () => {
  it("rolls up a manager's team with one line per report", async () => {
    const { reply, data } = await ask(ID.north, "team");
    expect(textsOf(reply, "heading")).toEqual(["Your team — Q2 FY2027"]);
    expect(fieldsOf(reply)).toEqual({
      "Team quota": "RM 550,000.00", // 300,000 + 250,000
      "Closed won": "RM 235,000.00", // 135,000 + 100,000
      Attainment: "42.7%", // 235 / 550
      "Gap to quota": "RM 315,000.00",
    });
    expect(listOf(reply)).toEqual(["Maria Tan — 45% (RM 135K of RM 300K)", "Raj Kumar — 40% (RM 100K of RM 250K)"]);
    expect(data.reads).not.toContain("deals");
  });

  it("rolls up through the chain for a VP", async () => {
    // CHANGED for THE QUOTA RULE 1 and 4: the VP has no quota row, so the team figure is the sum
    // of the lines' quotas, labelled as such. Mei Ling's line is her own 550,000; Hafiz has none,
    // so his line is his reports' 200,000 + 100,000 (Ahmad 200,000 × 50 %, no start-date
    // pro-ration any more; it was 84,848.48) + 200,000 = 500,000.
    const { reply } = await ask(ID.vp, "team");
    expect(fieldsOf(reply)).toEqual({
      "Team quota (sum of reports' quotas)": "RM 1,050,000.00", // 550,000 + 500,000
      "Closed won": "RM 435,000.00", // 235,000 + (180,000 + 20,000 + 0)
      Attainment: "41.4%", // 435,000 / 1,050,000 = 0.41428…
      "Gap to quota": "RM 615,000.00",
    });
    expect(listOf(reply)).toEqual([
      "Mei Ling Chong — 42.7% (RM 235K of RM 550K)",
      "Hafiz Rahman — 40% (RM 200K of RM 500K)",
    ]);
  });

  it("uses a manager's own quota, and shows what their reports' quotas add up to", async () => {
    // Give Mei Ling a number above her reps': 600,000 of her own; Maria 300,000 + Raj 250,000 =
    // 550,000 is 91.7 % of it (0.91666…). Closed won stays her team's 235,000.
    const seed = sampleSeed();
    seed.quotas.find((row) => row.employeeId === ID.north)!.amountMinor = 60_000_000;
    const team = await ask(ID.north, "team", "en", seed);
    expect(fieldsOf(team.reply)).toEqual({
      "Team quota": "RM 600,000.00",
      "Closed won": "RM 235,000.00",
      Attainment: "39.2%", // 235 / 600 = 0.391666…
      "Gap to quota": "RM 365,000.00",
    });
    expect(textsOf(team.reply, "text")).toEqual(["Your reports' quotas add up to RM 550,000.00: 91.7% of your number."]);
    const own = await ask(ID.north, "", "en", seed);
    expect(fieldsOf(own.reply)).toMatchObject({ Quota: "RM 600,000.00", "Closed won": "RM 235,000.00", "Gap to quota": "RM 365,000.00" });
    expect(textsOf(own.reply, "text")).toEqual(["Your reports' quotas add up to RM 550,000.00: 91.7% of your number."]);
  });

  it("shows a report's team to their manager's manager, in Malay", async () => {
    const { reply } = await ask(ID.vp, "pasukan @hafiz", "ms");
    expect(textsOf(reply, "heading")).toEqual(["Pasukan Hafiz Rahman — S2 TK2027"]);
    expect(listOf(reply)).toEqual([
      "Siti Nurhaliza — 90% (RM 180K daripada RM 200K)",
      "Ahmad Zaki — 20% (RM 20K daripada RM 100K)",
      "María López — 0% (RM 0 daripada RM 200K)",
    ]);
  });

  it("turns a rep away kindly", async () => {
    const { reply } = await ask(ID.maria, "team");
    expect(reply.summary).toBe(
      "Team numbers are for managers — `/quota` shows your own standing, and `/quota leaderboard` where everyone stands.",
    );
  });
});

describe("/quota leaderboard", () => {
  const withVisibility = (visibility: "off" | "percentages" | "full"): InMemorySalesSeed => {
    const seed = sampleSeed();
    seed.tenant.leaderboardVisibility = visibility;
    return seed;
  };

  it("shows a rep their own team with amounts when the tenant shows everything", async () => {
    const { reply } = await ask(ID.maria, "leaderboard", "en", withVisibility("full"));
    expect(textsOf(reply, "heading")).toEqual(["Leaderboard — Q2 FY2027"]);
    expect(listOf(reply)).toEqual(["1. *Maria Tan (you)* — 45% · RM 135K of RM 300K", "2. Raj Kumar — 40% · RM 100K of RM 250K"]);
  });

  it("shows percentages only when the tenant says so", async () => {
    const { reply } = await ask(ID.maria, "leaderboard", "en", withVisibility("percentages"));
    expect(listOf(reply)).toEqual(["1. *Maria Tan (you)* — 45%", "2. Raj Kumar — 40%"]);
  });

  it("says it is turned off", async () => {
    const { reply, data } = await ask(ID.maria, "tolong tunjuk kedudukan", "en", withVisibility("off"));
    expect(reply.summary).toBe("Papan pendahulu telah dimatikan untuk organisasi anda.");
    expect(data.reads).toEqual(["tenant", "people"]);
  });

  it("shows a manager their reps and an admin every rep", async () => {
    const manager = await ask(ID.south, "leaderboard", "en", withVisibility("percentages"));
    expect(listOf(manager.reply)).toEqual(["1. Siti Nurhaliza — 90%", "2. Ahmad Zaki — 20%", "3. María López — 0%"]);
    const admin = await ask(ID.admin, "leaderboard");
    expect(listOf(admin.reply)).toEqual([
      "1. Siti Nurhaliza — 90% · RM 180K of RM 200K",
      "2. Maria Tan — 45% · RM 135K of RM 300K",
      "3. Raj Kumar — 40% · RM 100K of RM 250K",
      "4. Ahmad Zaki — 20% · RM 20K of RM 100K", // 200,000 × 50 %: no start-date pro-ration (rule 1)
      "5. María López — 0% · RM 0 of RM 200K",
    ]);
  });
});

describe("/quota help and questions it cannot answer", () => {
  it("helps, in the asker's language", async () => {
    const { reply, data } = await ask(ID.maria, "help");
    expect(reply.summary).toBe("Here's what you can ask `/quota`:");
    expect(data.reads).toEqual([]);
    const malay = await ask(ID.maria, "bantuan", "ms");
    expect(malay.reply.summary).toBe("Ini yang anda boleh tanya dengan `/quota`:");
  });

  it("answers unknown text with what it can answer, never an error", async () => {
    const { reply } = await ask(ID.maria, "please order pizza for the team offsite");
    expect(reply.summary).toBe("I didn't catch that — here's what I can answer:");
    expect(textsOf(reply, "text")[0]).toContain("• `/quota what if 50k`");
    expect((await ask(ID.maria, "x".repeat(1200))).reply.summary).toBe("That's more than I can read — please keep it under 1,000 characters.");
    expect((await ask(ID.north, "@maria @raj")).reply.summary).toBe("Please ask about one person at a time.");
  });

  it("keeps the adapter's locale for a one-word question", async () => {
    const { reply } = await ask(ID.north, "team", "ms");
    expect(textsOf(reply, "heading")).toEqual(["Pasukan anda — S2 TK2027"]);
  });
});
