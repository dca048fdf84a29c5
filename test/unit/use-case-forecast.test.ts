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
      "Team quota": "RM 550,000.00",
      "Team call": "RM 400,000.00 commit · RM 450,000.00 best case (72.7% of quota)", // 400 / 550
    });
    // Raj's Telekom upgrade went BestCase → Commit: team commit +50 − 30 (AirAsia) = +20.
    expect(textsOf(reply, "text")).toEqual([
      "*Change since 5 Aug 2026:* closed +RM 45K · commit +RM 20K · best case -RM 15K · pipeline -RM 60K",
    ]);
    expect(listOf(reply)).toEqual([
      "Maria Tan — commit RM 215K · best RM 255K · pipeline RM 240K · call RM 200K",
      "Raj Kumar — commit RM 150K · best RM 150K · pipeline RM 150K · no call",
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
      "Team quota": "RM 1,034,848.48", // 550,000 + 200,000 + 84,848.48 + 200,000
      "Team call": "No call submitted yet",
    });
    expect(listOf(reply)).toEqual([
      "Mei Ling Chong — commit RM 365K · best RM 405K · pipeline RM 390K · call RM 400K",
      "Hafiz Rahman — commit RM 220K · best RM 280K · pipeline RM 120K · no call",
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
      "Siti Nurhaliza — komit RM 200K · best RM 200K · pipeline RM 20K · tiada ramalan",
      "Ahmad Zaki — komit RM 20K · best RM 20K · pipeline RM 40K · tiada ramalan",
      "María López — komit RM 0 · best RM 60K · pipeline RM 60K · tiada ramalan",
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
    const { reply, data } = await ask(ID.maria, "submit commit 120k best 150k");
    expect(data.recordedCalls).toEqual([
      {
        employeeId: ID.maria,
        periodStart: "2026-07-01",
        periodEnd: "2026-09-30",
        commitMinor: 12_000_000,
        bestCaseMinor: 15_000_000,
        currency: "MYR",
        submittedAt: NOW,
      },
    ]);
    expect(textsOf(reply, "text")).toEqual(["Forecast call submitted for Q2 FY2027: commit RM 120,000.00, best case RM 150,000.00."]);
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

  it("explains a call it cannot take, and records nothing", async () => {
    const cases: Array<[string, string]> = [
      ["submit commit 150k best 120k", "Best case (120k) can't be lower than commit (150k). Nothing was submitted."],
      ["submit", "Tell me your commit (and best case if you like), e.g. `/forecast submit commit 120k best 150k`."],
      ["submit commit abc", "I couldn't read “abc” as an amount — try 50k, 1.2m or RM 50,000."],
      ["submit commit $120k", "Amounts are in MYR — I can't convert $ (“$120k”). Give the figure in MYR, e.g. 50k."],
      ["submit commit 120k for Q1", "Q1 FY2027 has already ended — calls can be submitted for the current or a coming period."],
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
  return seed;
}

describe("/forecast method", () => {
  it("explains the method and says when there is not enough history", async () => {
    const seed = sampleSeed();
    seed.snapshots = [];
    const { reply } = await ask(ID.maria, "method", "en", seed);
    expect(textsOf(reply, "heading")).toEqual(["How the projection is made"]);
    expect(textsOf(reply, "text")[0]).toMatch(/^The projection is what has closed won so far in the period, plus each open deal/);
    expect(textsOf(reply, "text")[0]).toMatch(/There isn't enough history yet to say how accurate it is\.$/);
  });

  it("back-tests past quarters as of the same day of the quarter and reports MAPE and bias", async () => {
    const { reply, data } = await ask(ID.maria, "how accurate is the projection", "en", methodSeed());
    expect(textsOf(reply, "text")[0]).toMatch(/Over the last 2 quarters it was off by 9\.1% on average, running 9\.1% low on balance\.$/);
    expect(listOf(reply)).toEqual([
      "Q4 FY2026: projected RM 140K, closed RM 150K (-6.7%)",
      "Q1 FY2027: projected RM 265.3K, closed RM 300K (-11.6%)",
    ]);
    expect(textsOf(reply, "context")).toEqual(["Each past quarter is replayed as of day 43, the same point in the quarter as today."]);
    expect(data.reads.filter((read) => read === "snapshotHistory")).toHaveLength(1);
  });

  it("answers in Malay", async () => {
    const { reply } = await ask(ID.siti, "kaedah", "ms", methodSeed());
    expect(textsOf(reply, "text")[0]).toMatch(/Dalam 2 suku yang lalu, unjuran ini meleset 9\.1% secara purata, dan cenderung terkurang anggar sebanyak 9\.1%\.$/);
    expect(listOf(reply)[0]).toBe("S4 TK2026: unjuran RM 140K, dimenangi RM 150K (-6.7%)");
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
