import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/core/i18n/locale.js";
import type { Reply } from "../../src/core/reply.js";
import type { PipelineSnapshotRow } from "../../src/core/types.js";
import { answerForecastQuestion } from "../../src/core/use-cases/answer-forecast-question.js";
import { createInMemorySalesData, type InMemorySalesSeed } from "../../src/core/use-cases/testing/in-memory-sales-data.js";
import { ID, NOW, sampleSeed, TENANT_ID } from "../../src/core/use-cases/testing/sample-sales-org.js";

// The sample organisation and its hand-worked figures: src/core/use-cases/testing/sample-sales-org.ts.
// Its snapshots are all from late July / August, too recent to teach the projection anything
// (history is read only where its outcome window, 49 days to 30 Sep, has passed), so each open
// deal is projected at its CRM probability: projection = closed + weighted pipeline.

function plain(reply: Reply): Reply {
  return JSON.parse(JSON.stringify(reply).replace(/\u00a0/g, " ")) as Reply;
}

async function ask(employeeId: string, text: string, locale: Locale = "en", seed: InMemorySalesSeed = sampleSeed()) {
  const data = createInMemorySalesData(seed);
  const reply = plain(await answerForecastQuestion({ data, tenantId: TENANT_ID, employeeId, locale, text, now: NOW }));
  return { reply, data };
}

function fieldsOf(reply: Reply): Record<string, string> {
  const block = reply.blocks.find((b) => b.kind === "fields");
  if (!block || block.kind !== "fields") throw new Error("no fields block");
  return Object.fromEntries(block.fields.map((f) => [f.label, f.value]));
}

const textsOf = (reply: Reply, kind: "text" | "context" | "heading"): string[] =>
  reply.blocks.flatMap((b) => (b.kind === kind ? [b.text] : []));

function listOf(reply: Reply): string[] {
  const block = reply.blocks.find((b) => b.kind === "list");
  return block && block.kind === "list" ? [...block.items] : [];
}

const CONTEXT_EN = "Q2 FY2027 (1 Jul 2026 – 30 Sept 2026) · as of 12 Aug 2026";

describe("/forecast own", () => {
  it("shows a rep's figures, projection, call and the change since last week with the deals that moved", async () => {
    const { reply, data } = await ask(ID.maria, "");
    expect(textsOf(reply, "heading")).toEqual(["Your forecast — Q2 FY2027"]);
    expect(fieldsOf(reply)).toEqual({
      Closed: "RM 135,000.00", // 90,000 + 45,000
      Commit: "RM 215,000.00", // 135,000 + Acme renewal 80,000 (AirAsia now closes next quarter)
      "Best case": "RM 255,000.00", // 215,000 + Acme expansion 40,000
      Pipeline: "RM 240,000.00", // 80,000 + 40,000 + 120,000 (CIMB is Omitted)
      "Weighted pipeline": "RM 108,000.00", // 64,000 + 20,000 + 24,000
      Projection: "RM 243,000.00", // 135,000 + 108,000 (no history old enough: CRM probabilities)
      Quota: "RM 300,000.00",
      // latest of two calls (3 Aug); 200 / 300 = 0.667
      "Your call": "RM 200,000.00 commit · RM 250,000.00 best case (66.7% of quota)",
    });
    // vs 5 Aug: closed 90 → 135, commit 245 → 215, best 270 → 255, pipeline 300 → 240 (thousands)
    expect(textsOf(reply, "text")).toEqual([
      "*Change since 5 Aug 2026:* closed +RM 45K · commit -RM 30K · best case -RM 15K · pipeline -RM 60K",
    ]);
    expect(listOf(reply)).toEqual([
      "Won: Maxis SD-WAN (RM 45K)",
      "Lost: Celcom bundle (RM 25K)",
      "Pushed out: AirAsia pilot (RM 30K) to 20 Oct 2026",
      "New: Acme expansion (RM 40K)",
    ]);
    expect(textsOf(reply, "context")).toEqual([CONTEXT_EN]);
    // The projection learns from counts gathered by the data source, never the whole history.
    expect(data.reads).not.toContain("snapshotHistory");
    expect(data.reads.filter((read) => read === "winRateCounts")).toHaveLength(1);
  });

  it("answers in Malay", async () => {
    const { reply } = await ask(ID.maria, "", "ms");
    expect(textsOf(reply, "heading")).toEqual(["Ramalan anda — S2 TK2027"]);
    expect(fieldsOf(reply)).toEqual({
      Dimenangi: "RM 135,000.00",
      Komit: "RM 215,000.00",
      "Best case": "RM 255,000.00",
      Pipeline: "RM 240,000.00",
      "Pipeline berwajaran": "RM 108,000.00",
      Unjuran: "RM 243,000.00",
      Kuota: "RM 300,000.00",
      "Ramalan anda": "Komit RM 200,000.00 · best case RM 250,000.00 (66.7% kuota)",
    });
    expect(textsOf(reply, "text")).toEqual([
      "*Perubahan sejak 5 Ogo 2026:* dimenangi +RM 45K · komit -RM 30K · best case -RM 15K · pipeline -RM 60K",
    ]);
    expect(listOf(reply)[2]).toBe("Ditolak keluar: AirAsia pilot (RM 30K) ke 20 Okt 2026");
  });

  it("takes a month's quota as its working-day share of the quarter's row (the quota rule)", async () => {
    const { reply } = await ask(ID.maria, "August");
    // Aug 2026: 21 weekdays of the quarter's 66; 300,000 × 21 / 66 = 95,454.545… -> RM 95,454.55.
    expect(fieldsOf(reply)).toMatchObject({ Closed: "RM 45,000.00", Quota: "RM 95,454.55" }); // Maxis won 7 Aug
    expect(textsOf(reply, "context")[0]).toBe("Pro-rated: 21 of 66 working days of the Q2 FY2027 quota.");
  });

  it("says so when there is no snapshot from last week yet", async () => {
    const seed = sampleSeed();
    seed.snapshots = seed.snapshots.filter((row) => row.snapshotDate > "2026-08-05");
    const { reply } = await ask(ID.maria, "", "en", seed);
    expect(textsOf(reply, "text")).toEqual(["No snapshot from last week yet, so there is no change to show."]);
  });
});

describe("/forecast team", () => {
  it("rolls up a manager's team from summaries; totals are the sum of the report lines", async () => {
    const { reply, data } = await ask(ID.north, "team");
    expect(textsOf(reply, "heading")).toEqual(["Your team — Q2 FY2027"]);
    expect(fieldsOf(reply)).toEqual({
      Closed: "RM 235,000.00", // Maria 135 + Raj 100
      Commit: "RM 365,000.00", // 215 + 150
      "Best case": "RM 405,000.00", // 255 + 150
      Pipeline: "RM 390,000.00", // 240 + 150
      "Weighted pipeline": "RM 173,000.00", // 108 + (50 × .7 + 100 × .3 = 65)
      Projection: "RM 408,000.00", // 235 + 173
      // Quota rule 3: Mei Ling's own row, never the sum of her reports'.
      "Team quota": "RM 550,000.00",
      "Team call": "RM 400,000.00 commit · RM 450,000.00 best case (72.7% of quota)", // 400 / 550
    });
    // Maria 300,000 + Raj 250,000 = 550,000 = 100 % of her own number.
    expect(textsOf(reply, "context")[0]).toBe("Your reports' quotas add up to RM 550,000.00: 100% of your number.");
    // Raj's Telekom upgrade went BestCase → Commit: team commit +50 − 30 (AirAsia) = +20.
    expect(textsOf(reply, "text")).toEqual([
      "*Change since 5 Aug 2026:* closed +RM 45K · commit +RM 20K · best case -RM 15K · pipeline -RM 60K",
    ]);
    // Per report: attainment (closed ÷ own quota), figures, latest call against their commit.
    expect(listOf(reply)).toEqual([
      "Maria Tan — 45% of RM 300K · commit RM 215K · best RM 255K · pipeline RM 240K · call RM 200K (RM 15K below commit)", // 135/300; 200 − 215
      "Raj Kumar — 40% of RM 250K · commit RM 150K · best RM 150K · pipeline RM 150K · no call", // 100/250
    ]);
    expect(data.reads).not.toContain("deals");
    expect(data.reads).not.toContain("snapshot");
    expect(data.reads).toContain("dealSummaries");
    expect(data.reads).toContain("snapshotSummaries");
    expect(data.reads).not.toContain("snapshotHistory");
    expect(data.reads.filter((read) => read === "winRateCounts")).toHaveLength(1);
  });

  it("rolls up through two levels for a VP", async () => {
    const { reply } = await ask(ID.vp, "team");
    expect(fieldsOf(reply)).toEqual({
      Closed: "RM 435,000.00", // North 235 + South (180 + 20 + 0) 200
      Commit: "RM 585,000.00", // 365 + (200 + Maybank 20) 220
      "Best case": "RM 685,000.00", // 405 + (220 + Grab 60) 280
      Pipeline: "RM 510,000.00", // 390 + (20 + 40 + 60) 120
      "Weighted pipeline": "RM 225,000.00", // 173 + (18 + 10 + 24) 52
      Projection: "RM 660,000.00", // 435 + 225
      // Quota rule 4: Victor has no row, so the lines' quotas are summed and labelled so:
      // Mei Ling's own 550,000 + Hafiz (no row: his reports') 200,000 + 200,000 + 200,000 × 50 % = 500,000.
      "Team quota (sum of reports' quotas)": "RM 1,050,000.00",
      "Team call": "No call submitted yet",
    });
    expect(listOf(reply)).toEqual([
      "Mei Ling Chong — 42.7% of RM 550K · commit RM 365K · best RM 405K · pipeline RM 390K · call RM 400K (RM 35K above commit)", // 235/550; 400 − 365
      "Hafiz Rahman — 40% of RM 500K · commit RM 220K · best RM 280K · pipeline RM 120K · no call", // 200/500
    ]);
    // The South team did not change since 5 Aug, so the VP's change is the North team's.
    expect(textsOf(reply, "text")).toEqual([
      "*Change since 5 Aug 2026:* closed +RM 45K · commit +RM 20K · best case -RM 15K · pipeline -RM 60K",
    ]);
  });

  it("answers a Malay question in Malay", async () => {
    const { reply } = await ask(ID.south, "ramalan pasukan saya", "en");
    expect(textsOf(reply, "heading")).toEqual(["Pasukan anda — S2 TK2027"]);
    // Largest commit first: Siti 180 + 20, Ahmad 20 + 0, María 0.
    expect(listOf(reply)).toEqual([
      "Siti Nurhaliza — 90% daripada RM 200K · komit RM 200K · best RM 200K · pipeline RM 20K · tiada ramalan", // 180/200
      "Ahmad Zaki — 20% daripada RM 100K · komit RM 20K · best RM 20K · pipeline RM 40K · tiada ramalan", // 20/(200 × 50 %)
      "María López — 0% daripada RM 200K · komit RM 0 · best RM 60K · pipeline RM 60K · tiada ramalan",
    ]);
  });

  it("turns a rep away kindly", async () => {
    const { reply } = await ask(ID.maria, "team");
    expect(reply.summary).toBe(
      "Team forecasts are for managers — `/forecast` shows your own numbers, and `/forecast submit commit 120k best 150k` puts in your call.",
    );
  });
});

describe("/forecast about someone", () => {
  it("shows a rep's forecast to their manager", async () => {
    const { reply } = await ask(ID.north, "@maria");
    expect(textsOf(reply, "heading")).toEqual(["Maria Tan — forecast Q2 FY2027"]);
    expect(fieldsOf(reply)).toMatchObject({
      Commit: "RM 215,000.00",
      Call: "RM 200,000.00 commit · RM 250,000.00 best case (66.7% of quota)",
    });
  });

  it("shows a manager's team when they lead people", async () => {
    const { reply } = await ask(ID.vp, "@meiling.chong");
    expect(textsOf(reply, "heading")).toEqual(["Mei Ling Chong's team — Q2 FY2027"]);
    expect(fieldsOf(reply).Commit).toBe("RM 365,000.00");
  });

  it("refuses a rep asking about another rep", async () => {
    const { reply, data } = await ask(ID.maria, "@siti");
    expect(reply.summary).toBe("Sorry, you can't see those numbers.");
    expect(data.reads).toEqual(["tenant", "people"]);
  });
});

describe("/forecast submit", () => {
  it("records the call with the time it was made and confirms the amounts", async () => {
    const { reply, data } = await ask(ID.maria, "submit commit 220k best 260k");
    expect(data.recordedCalls).toEqual([
      {
        employeeId: ID.maria,
        periodStart: "2026-07-01",
        periodEnd: "2026-09-30",
        commitMinor: 22_000_000,
        bestCaseMinor: 26_000_000,
        currency: "MYR",
        submittedAt: NOW,
      },
    ]);
    expect(textsOf(reply, "text")).toEqual(["Forecast call submitted for Q2 FY2027: commit RM 220,000.00, best case RM 260,000.00."]);
    expect(textsOf(reply, "context")).toEqual([
      "Your previous call was RM 200,000.00 commit · RM 250,000.00 best case (3 Aug 2026); it stays in the history.",
      CONTEXT_EN,
    ]);
  });

  it("takes a Malay call and confirms in Malay", async () => {
    const { reply, data } = await ask(ID.north, "hantar komit 400k terbaik 480k", "en");
    expect(data.recordedCalls.map((c) => [c.employeeId, c.commitMinor, c.bestCaseMinor])).toEqual([[ID.north, 40_000_000, 48_000_000]]);
    expect(textsOf(reply, "text")).toEqual(["Ramalan untuk S2 TK2027 sudah dihantar: komit RM 400,000.00, best case RM 480,000.00."]);
  });

  it("takes a commit alone (best case = commit) and lets an admin call", async () => {
    const { reply, data } = await ask(ID.admin, "submit commit 1.2m");
    expect(data.recordedCalls.map((c) => [c.commitMinor, c.bestCaseMinor])).toEqual([[120_000_000, 120_000_000]]);
    expect(reply.summary).toBe("Forecast call submitted for Q2 FY2027: commit RM 1,200,000.00.");
  });

  it("refuses a commit below what has already closed won, and records nothing", async () => {
    // Maria has closed 90,000 + 45,000 = 135,000 in Q2: a 120,000 commit cannot be right.
    const rep = await ask(ID.maria, "submit commit 120k best 150k");
    expect(rep.reply.summary).toBe(
      "Your commit (RM 120,000.00) is below what has already closed won in Q2 FY2027 (RM 135,000.00) — commit includes what has closed. Nothing was submitted.",
    );
    expect(rep.data.recordedCalls).toEqual([]);
    // A manager's closed is their team's, as their /forecast shows it: 135,000 + 100,000 = 235,000.
    const manager = await ask(ID.north, "hantar komit 200k terbaik 300k", "ms");
    expect(manager.reply.summary).toBe(
      "Komit anda (RM 200,000.00) lebih rendah daripada jualan yang sudah dimenangi dalam S2 TK2027 (RM 235,000.00) — komit termasuk apa yang sudah dimenangi. Tiada apa-apa dihantar.",
    );
    expect(manager.data.recordedCalls).toEqual([]);
    // Exactly what has closed is a valid commit.
    expect((await ask(ID.maria, "submit commit 135k")).data.recordedCalls.map((c) => c.commitMinor)).toEqual([13_500_000]);
  });

  it("explains a call it cannot take, and records nothing", async () => {
    const cases: Array<[string, string]> = [
      ["submit commit 150k best 120k", "Best case (120k) can't be lower than commit (150k). Nothing was submitted."],
      ["submit", "Tell me your commit (and best case if you like), e.g. `/forecast submit commit 120k best 150k`."],
      ["submit commit abc", "I couldn't read “abc” as an amount — try 50k, 1.2m or RM 50,000."],
      ["submit commit $120k", "Amounts are in MYR — I can't convert $ (“$120k”). Give the figure in MYR, e.g. 50k."],
      // Named with its year, an ended quarter is refused; a bare "Q1" means the coming one (see the bare-quarter tests).
      ["submit commit 120k for Q1 FY2027", "Q1 FY2027 has already ended — calls can be submitted for the current or a coming period."],
    ];
    for (const [text, expected] of cases) {
      const { reply, data } = await ask(ID.maria, text);
      expect(reply.summary, text).toBe(expected);
      expect(data.recordedCalls, text).toEqual([]);
    }
  });
});

/*
 * A history for `/forecast method`. Offset into the quarter today: 1 Jul → 12 Aug = 42 days.
 * Q4 FY2026 (Jan–Mar 2026), replayed as of 12 Feb from the 11 Feb snapshot:
 *   D0 won 50,000 (20 Jan); D1 open Commit/Negotiation 100,000 p80 (won 18 Mar);
 *   D2 open Pipeline/Discovery 50,000 p20 (lost). No history before → CRM probabilities:
 *   projected 50 + 80 + 10 = 140,000; actual 50 + 100 = 150,000; error −10,000 = −6.667 %.
 * Q1 FY2027 (Apr–Jun 2026), replayed as of 13 May (48 days to 30 Jun) from the 12 May snapshot:
 *   D5 won 100,000 (20 Apr); D3 open Commit/Negotiation 200,000 (won); D4 open Pipeline/Discovery
 *   100,000 (lost). Learned from 11 Feb (≤ 13 May − 48 days): D1 won, D2 lost → overall 1/2;
 *   Commit (1 + 5×½)/6 = 0.58333, Negotiation (1 + 5×0.58333)/6 = 0.65278;
 *   Pipeline (0 + 2.5)/6 = 0.41667, Discovery (0 + 5×0.41667)/6 = 0.34722.
 *   projected 100,000 + 200,000×0.65278 + 100,000×0.34722 = 265,277.78; actual 300,000;
 *   error −34,722.22 = −11.574 %.
 * MAPE (6.667 + 11.574) / 2 = 9.12 %; bias −9.12 % (projections ran low).
 */
function methodSeed(): InMemorySalesSeed {
  const seed = sampleSeed();
  const owner = ID.maria;
  const snap = (
    snapshotDate: string,
    opportunityId: string,
    amountMinor: number,
    state: "open" | "won" | "lost",
    closeDate: string,
    forecastCategory: PipelineSnapshotRow["forecastCategory"] = "Closed",
    stage = "Closed Won",
    probability = 100,
  ): PipelineSnapshotRow => ({
    snapshotDate,
    opportunityId,
    ownerId: owner,
    amountMinor,
    closeDate,
    isClosed: state !== "open",
    isWon: state === "won",
    forecastCategory: state === "lost" ? "Omitted" : forecastCategory,
    stage: state === "lost" ? "Closed Lost" : stage,
    probability: state === "open" ? probability : state === "won" ? 100 : 0,
  });
  seed.snapshots = [
    snap("2026-02-11", "D0", 5_000_000, "won", "2026-01-20"),
    snap("2026-02-11", "D1", 10_000_000, "open", "2026-03-20", "Commit", "Negotiation", 80),
    snap("2026-02-11", "D2", 5_000_000, "open", "2026-03-25", "Pipeline", "Discovery", 20),
    snap("2026-04-02", "D0", 5_000_000, "won", "2026-01-20"),
    snap("2026-04-02", "D1", 10_000_000, "won", "2026-03-18"),
    snap("2026-04-02", "D2", 5_000_000, "lost", "2026-03-25"),
    snap("2026-05-12", "D3", 20_000_000, "open", "2026-06-15", "Commit", "Negotiation", 80),
    snap("2026-05-12", "D4", 10_000_000, "open", "2026-06-20", "Pipeline", "Discovery", 20),
    snap("2026-05-12", "D5", 10_000_000, "won", "2026-04-20"),
    snap("2026-07-01", "D3", 20_000_000, "won", "2026-06-15"),
    snap("2026-07-01", "D4", 10_000_000, "lost", "2026-06-20"),
    snap("2026-07-01", "D5", 10_000_000, "won", "2026-04-20"),
  ];
  // What finally closed is read from the live deals: D0-D5 as they ended (the sample's own
  // Axiata win of 10 Mar is left out so that Q4 FY2026 is D0 + D1 alone).
  const live = (id: string, amountMinor: number, won: boolean, closeDate: string) => ({
    id, ownerId: owner, name: id, accountName: null, amountMinor, probability: won ? 100 : 0, forecastCategory: won ? ("Closed" as const) : ("Omitted" as const),
    closeDate, isClosed: true, isWon: won, stageName: won ? "Closed Won" : "Closed Lost",
  });
  seed.deals = [
    ...seed.deals.filter((deal) => deal.id !== "d-axiata"),
    live("D0", 5_000_000, true, "2026-01-20"), live("D1", 10_000_000, true, "2026-03-18"), live("D2", 5_000_000, false, "2026-03-25"),
    live("D3", 20_000_000, true, "2026-06-15"), live("D4", 10_000_000, false, "2026-06-20"), live("D5", 10_000_000, true, "2026-04-20"),
  ];
  return seed;
}

describe("/forecast method", () => {
  const listsOf = (reply: Reply) => reply.blocks.flatMap((b) => (b.kind === "list" ? [b] : []));

  it("describes the CRM-probability model when there is no history, and why nothing can be replayed", async () => {
    const seed = sampleSeed();
    seed.snapshots = [];
    const { reply } = await ask(ID.maria, "method", "en", seed);
    expect(textsOf(reply, "heading")).toEqual(["How the projection is made"]);
    expect(textsOf(reply, "text")).toEqual([
      "The projection is what has closed won in the period so far, plus each open deal it still counts (due by the period's end, overdue ones included, Omitted left out) times its CRM probability: no open deal in the snapshots up to 12 Aug 2026 has had its 49 days run out yet, so there is no history of this organisation to learn from.",
      "There are no pipeline snapshots yet, so no past quarter can be replayed to say how accurate it is.",
    ]);
  });

  it("describes the model that answered from its own counts, and back-tests it per past quarter with MAPE and bias", async () => {
    const { reply, data } = await ask(ID.maria, "how accurate is the projection", "en", methodSeed());
    // Today's model (12 Aug, 49 days to 30 Sep): rows taken by 24 Jun whose close date is within
    // 49 days of them: D1, D2 (11 Feb) and D3, D4 (12 May); D1 and D3 won in time -> 2 of 4.
    expect(textsOf(reply, "text")[0]).toBe(
      "The projection is what has closed won in the period so far, plus each open deal it still counts (due by the period's end, overdue ones included, Omitted left out) times the share of open deals in the same stage, with 49 days to go, that were won within 49 days. The shares are learned from this organisation's weekly pipeline snapshots up to 12 Aug 2026, everyone's deals together: 4 such deals, 2 won (50%). A stage seen few times leans on its forecast category, and a category on the overall share, as if 5 more deals at the broader share had been seen; the CRM probability is used only while there is no history at all.",
    );
    const [rates, quarters] = listsOf(reply);
    expect(rates!.title).toBe("Won within 49 days, as seen in the snapshots:");
    expect(rates!.items).toEqual([
      "Category Commit: 2 of 2 (100%)",
      "Category Pipeline: 0 of 2 (0%)",
      "Discovery: 0 of 2 (0%)",
      "Negotiation: 2 of 2 (100%)",
    ]);
    expect(textsOf(reply, "text")[1]).toBe("Replayed over the last 2 quarters, it was off by 9.1% on average, running 9.1% low on balance.");
    expect(quarters!.items).toEqual([
      "Q4 FY2026: projected RM 140K, closed RM 150K (-6.7%)",
      "Q1 FY2027: projected RM 265.3K, closed RM 300K (-11.6%)",
    ]);
    expect(textsOf(reply, "context")).toEqual(["Each past quarter is replayed as of day 43, the same point in the quarter as today."]);
    expect(data.reads.filter((read) => read === "snapshotHistory")).toHaveLength(1);
    // The back-test's models come from the same counts the answer's does: today's and one per replay day.
    expect(data.reads.filter((read) => read === "winRateCounts")).toHaveLength(3);
  });

  it("answers in Malay", async () => {
    const { reply } = await ask(ID.siti, "kaedah", "ms", methodSeed());
    expect(textsOf(reply, "text")[1]).toBe(
      "Apabila diulang dalam 2 suku yang lalu, unjuran ini meleset 9.1% secara purata, dan cenderung terkurang anggar sebanyak 9.1%.",
    );
    expect(listsOf(reply)[1]!.items[0]).toBe("S4 TK2026: unjuran RM 140K, dimenangi RM 150K (-6.7%)");
  });

  it("says why no quarter can be replayed when the snapshots start too late", async () => {
    // Only the sample's July and August snapshots: no past quarter has one by day 43 of it.
    const { reply } = await ask(ID.maria, "method");
    expect(textsOf(reply, "text").at(-1)).toBe(
      "No past quarter can be replayed yet: the snapshots run from 29 Jul 2026 to 10 Aug 2026, and a quarter is replayed only when one was taken by the same day of it as today and the quarter has ended since.",
    );
  });
});

describe("a manager's own /forecast", () => {
  it("answers for their team (themselves and everyone below) with their own quota, as /quota does", async () => {
    const { reply } = await ask(ID.north, "");
    expect(textsOf(reply, "heading")).toEqual(["Your forecast — Q2 FY2027"]);
    // Before the fix: all zeros (Mei Ling owns no deal herself).
    expect(fieldsOf(reply)).toEqual({
      Closed: "RM 235,000.00", // Maria 135 + Raj 100
      Commit: "RM 365,000.00",
      "Best case": "RM 405,000.00",
      Pipeline: "RM 390,000.00",
      "Weighted pipeline": "RM 173,000.00",
      Projection: "RM 408,000.00",
      "Team quota": "RM 550,000.00", // her own row
      "Your call": "RM 400,000.00 commit · RM 450,000.00 best case (72.7% of quota)",
    });
    expect(listOf(reply)[0]).toBe(
      "Maria Tan — 45% of RM 300K · commit RM 215K · best RM 255K · pipeline RM 240K · call RM 200K (RM 15K below commit)",
    );
  });

  it("a rep's own /forecast stays their own", async () => {
    const { reply } = await ask(ID.raj, "");
    expect(fieldsOf(reply).Closed).toBe("RM 100,000.00");
  });
});

describe("overdue deals in /forecast", () => {
  /** Raj's Petronas chemicals 40,000 Commit p60 was due 20 Jun (Q1) and is still open; Hafiz's team has one too. */
  function overdueSeed(): InMemorySalesSeed {
    const seed = sampleSeed();
    const overdue = (id: string, owner: string, name: string, amount: number, probability: number, close: string) => ({
      id, ownerId: owner, name, accountName: null, amountMinor: amount, probability, forecastCategory: "Commit" as const,
      closeDate: close, isClosed: false, isWon: false, stageName: "Negotiation",
    });
    seed.deals.push(
      overdue("d-petchem", ID.raj, "Petronas chemicals", 4_000_000, 60, "2026-06-20"),
      overdue("d-old", ID.raj, "Old Omitted", 9_000_000, 50, "2026-05-01"),
      overdue("d-siti-old", ID.siti, "Public Bank portal", 1_000_000, 50, "2026-03-31"),
    );
    seed.deals.find((deal) => deal.id === "d-old")!.forecastCategory = "Omitted";
    return seed;
  }

  it("counts them in the projection (not in the period's figures) and lists them with their original close date", async () => {
    const { reply } = await ask(ID.raj, "", "en", overdueSeed());
    const fields = fieldsOf(reply);
    // Figures of the quarter unchanged: closed 100,000, commit 150,000, pipeline 150,000,
    // weighted 50,000 × .7 + 100,000 × .3 = 65,000.
    expect(fields).toMatchObject({ Closed: "RM 100,000.00", Commit: "RM 150,000.00", Pipeline: "RM 150,000.00", "Weighted pipeline": "RM 65,000.00" });
    // No history old enough: CRM probabilities. 100,000 + 65,000 + 40,000 × .6 = 189,000 (Omitted left out).
    expect(fields.Projection).toBe("RM 189,000.00");
    const overdue = reply.blocks.find((b) => b.kind === "list" && b.title?.startsWith("Overdue"));
    expect(overdue).toEqual({
      kind: "list",
      title: "Overdue: 1 open deal (RM 40,000.00) was due before this period and still open; the projection counts RM 24,000.00 of it",
      items: ["Petronas chemicals · RM 40,000.00 · was due 20 Jun 2026"],
      moreCount: 0,
    });
  });

  it("rolls them up for a team, and leaves them out of a period that has not started", async () => {
    const { reply } = await ask(ID.vp, "team", "en", overdueSeed());
    // 660,000 + 40,000 × .6 + 10,000 × .5 = 689,000.
    expect(fieldsOf(reply).Projection).toBe("RM 689,000.00");
    const overdue = reply.blocks.find((b) => b.kind === "list" && b.title?.startsWith("Overdue"));
    expect(overdue).toMatchObject({
      title: "Overdue: 2 open deals (RM 50,000.00) were due before this period and still open; the projection counts RM 29,000.00 of them",
      items: ["Petronas chemicals · RM 40,000.00 · was due 20 Jun 2026", "Public Bank portal · RM 10,000.00 · was due 31 Mar 2026"],
    });
    const next = await ask(ID.raj, "next quarter", "en", overdueSeed());
    expect(next.reply.blocks.some((b) => b.kind === "list" && b.title?.startsWith("Overdue"))).toBe(false);
    expect(next.data.reads).not.toContain("dealSummaries");
    expect(next.data.reads).not.toContain("largestOverdueDeals");
  });
});

describe("/forecast history", () => {
  /** Maria's calls: two for Q1 FY2027 (Apr–Jun, closed 0 in the sample), one for Q4 FY2026 (Jan–Mar: Axiata 50,000 won). */
  function historySeed(): InMemorySalesSeed {
    const seed = sampleSeed();
    const call = (start: string, end: string, commit: number, best: number, at: string) => ({
      employeeId: ID.maria, periodStart: start, periodEnd: end, commitMinor: commit, bestCaseMinor: best, currency: "MYR", submittedAt: new Date(at),
    });
    seed.forecastCalls.push(
      call("2026-01-01", "2026-03-31", 4_000_000, 6_000_000, "2026-02-10T02:00:00Z"),
      call("2026-04-01", "2026-06-30", 3_000_000, 5_000_000, "2026-04-10T02:00:00Z"),
      call("2026-04-01", "2026-06-30", 1_000_000, 2_000_000, "2026-05-10T02:00:00Z"),
    );
    return seed;
  }

  it("shows each period's latest call against what closed, newest first, and scores the ended ones", async () => {
    const { reply } = await ask(ID.maria, "history", "en", historySeed());
    expect(textsOf(reply, "heading")).toEqual(["Your forecast calls against what closed"]);
    expect(listOf(reply)).toEqual([
      "Q2 FY2027 (under way, 2 calls): commit RM 200,000.00 · best case RM 250,000.00 — closed RM 135,000.00 so far",
      // Nothing closed in Q1 FY2027 (Celcom legacy was lost): off by the whole commit, not scored as a percentage.
      "Q1 FY2027 (2 calls): commit RM 10,000.00 · best case RM 20,000.00 — closed RM 0.00: commit off by RM 10,000.00",
      // Axiata ops 50,000 won 10 Mar: commit 40,000 − 50,000 = −10,000 = −20 %; 50,000 is within 40,000..60,000.
      "Q4 FY2026 (1 call): commit RM 40,000.00 · best case RM 60,000.00 — closed RM 50,000.00: commit low by RM 10,000.00 (-20%)",
    ]);
    expect(textsOf(reply, "context")).toEqual([
      "Over 1 ended period, the last commit called was off by 20% on average (20% low on balance); what closed landed between the commit and the best case 1 time.",
    ]);
  });

  it("shows a report's history to their manager, against their team's closed when they lead people", async () => {
    const maria = await ask(ID.north, "history @maria", "en", historySeed());
    expect(textsOf(maria.reply, "heading")).toEqual(["Maria Tan — forecast calls against what closed"]);
    const own = await ask(ID.north, "sejarah ramalan", "ms");
    expect(listOf(own.reply)).toEqual([
      "S2 TK2027 (sedang berjalan, 1 ramalan): komit RM 400,000.00 · best case RM 450,000.00 — RM 235,000.00 dimenangi setakat ini",
    ]);
  });

  it("says so when there are no calls, and refuses a rep asking about another rep", async () => {
    expect((await ask(ID.raj, "history")).reply.summary).toBe(
      "You haven't submitted a forecast call yet — `/forecast submit commit 120k best 150k` puts one in.",
    );
    expect((await ask(ID.maria, "history @siti")).reply.summary).toBe("Sorry, you can't see those numbers.");
  });
});

describe("/forecast digest, help and unknown", () => {
  it("says so when the organisation has no team with a digest (the digest itself: digest-request.test.ts)", async () => {
    const { reply, data } = await ask(ID.north, "digest");
    expect(reply.blocks).toEqual([
      {
        kind: "text",
        text: "There is no team you lead with a weekly digest yet — your sales ops admin sets teams and their channels up.",
      },
    ]);
    expect(data.reads).toEqual(["tenant", "people", "teams"]);
  });

  it("helps and answers unknown text with examples", async () => {
    expect((await ask(ID.maria, "help")).reply.summary).toBe("Here's what you can ask `/forecast`:");
    const unknown = await ask(ID.maria, "book me a flight to Penang");
    expect(unknown.reply.summary).toBe("I didn't catch that — here's what I can answer:");
    expect(textsOf(unknown.reply, "text")[0]).toContain("• `/forecast submit commit 120k best 150k`");
  });

  it("uses the command name it is given (Teams has no slash)", async () => {
    const data = createInMemorySalesData(sampleSeed());
    const reply = await answerForecastQuestion({ data, tenantId: TENANT_ID, employeeId: ID.maria, locale: "en", text: "team", now: NOW, command: "forecast" });
    expect(reply.summary).toContain("`forecast submit commit 120k best 150k`");
  });
});
