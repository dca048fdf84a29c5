import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/core/i18n/locale.js";
import type { Reply } from "../../src/core/reply.js";
import type { ForecastDigest } from "../../src/core/use-cases/compose-forecast-digest.js";
import { answerForecastQuestion } from "../../src/core/use-cases/answer-forecast-question.js";
import { digestSeed, DIGEST_NOW, DIGEST_TENANT_ID, P } from "../../src/core/use-cases/testing/digest-sales-org.js";
import { createInMemorySalesData, type InMemorySalesSeed } from "../../src/core/use-cases/testing/in-memory-sales-data.js";

// `/forecast digest`: the digest now, privately, for a manager (their own team or one they lead
// from higher up) or an admin (any team by name). Figures: src/core/use-cases/testing/digest-sales-org.ts.

function plain(reply: Reply): Reply {
  return JSON.parse(JSON.stringify(reply).replace(/\u00a0/g, " ")) as Reply;
}

async function ask(employeeId: string, text: string, locale: Locale = "en", seed: InMemorySalesSeed = digestSeed()) {
  const data = createInMemorySalesData(seed);
  const reply = plain(await answerForecastQuestion({ data, tenantId: DIGEST_TENANT_ID, employeeId, locale, text, now: DIGEST_NOW }));
  return { reply, data };
}

const heading = (reply: Reply): string | undefined => reply.blocks.find((b) => b.kind === "heading")?.["text" as never];
const onlyText = (reply: Reply): string => {
  expect(reply.blocks).toHaveLength(1);
  const block = reply.blocks[0]!;
  if (block.kind !== "text") throw new Error(`expected one text block, got ${block.kind}`);
  return block.text;
};

describe("/forecast digest", () => {
  it("shows a manager their own team's digest now, privately, with the trend in words (no chart sender: no chart promised)", async () => {
    const { reply } = await ask(P.mei, "digest");
    expect(heading(reply)).toBe("Forecast digest — KL Enterprise — Q3 FY2026");
    expect(reply.summary).toBe("KL Enterprise, Q3 FY2026: commit RM 435K, closed RM 140K (23.3% of quota)");
    const contexts = reply.blocks.flatMap((b) => (b.kind === "context" ? [b.text] : []));
    expect(contexts).toContain("Trend since 27 Jul 2026: commit RM 290K → RM 435K, best case RM 610K, closed RM 140K; quota RM 600K.");
    expect(contexts.at(-1)).toBe("Only you can see this digest.");
    // Asked for, not scheduled: "what moved" is since last week's snapshot, and the heading says no cadence.
    expect(contexts[0]).toBe("What moved is counted since last week's pipeline snapshot (3 Aug 2026).");
  });

  it("hands the chart to the adapter's sender, as a one-line message with the digest's chart, and says it is coming", async () => {
    const sent: ForecastDigest[] = [];
    const data = createInMemorySalesData(digestSeed());
    const reply = plain(
      await answerForecastQuestion({
        data, tenantId: DIGEST_TENANT_ID, employeeId: P.mei, locale: "en", text: "digest", now: DIGEST_NOW,
        sendDigestChart: async (chart) => {
          sent.push(chart);
          return true;
        },
      }),
    );
    expect(sent).toHaveLength(1);
    const chart = plain(sent[0]! as never) as unknown as ForecastDigest;
    expect(chart.reply).toEqual({
      summary: "The chart of the forecast digest you asked for: KL Enterprise — Q3 FY2026, as of 10 Aug 2026.",
      blocks: [{ kind: "text", text: "The chart of the forecast digest you asked for: KL Enterprise — Q3 FY2026, as of 10 Aug 2026." }],
    });
    expect(chart.chart.title).toBe("KL Enterprise — Q3 FY2026: forecast against quota");
    expect(chart.chart.points.at(-1)).toEqual({ weekOf: "2026-08-10", closedMinor: 14_000_000, commitMinor: 43_500_000, bestCaseMinor: 61_000_000 });
    expect(reply.blocks.at(-1)).toEqual({
      kind: "context",
      text: "Only you can see this digest. Its chart of the trend is on its way to your direct messages with me.",
    });
    // A sender that could not queue it: the reply promises nothing.
    const refused = plain(
      await answerForecastQuestion({ data, tenantId: DIGEST_TENANT_ID, employeeId: P.mei, locale: "ms", text: "digest", now: DIGEST_NOW, sendDigestChart: async () => false }),
    );
    expect(refused.blocks.at(-1)).toEqual({ kind: "context", text: "Hanya anda yang boleh lihat ringkasan ini." });
    // No digest, no chart: a rep's refusal sends nothing.
    await answerForecastQuestion({ data, tenantId: DIGEST_TENANT_ID, employeeId: P.ali, locale: "en", text: "digest", now: DIGEST_NOW, sendDigestChart: async (c) => (sent.push(c), true) });
    expect(sent).toHaveLength(1);
  });

  it("answers in Malay when asked in Malay", async () => {
    const { reply } = await ask(P.mei, "ringkasan mingguan", "en");
    expect(heading(reply)).toBe("Ringkasan ramalan — KL Enterprise — S3 TK2026");
  });

  it("lets an admin name a team, in part or in full", async () => {
    expect(heading((await ask(P.admin, "digest Penang")).reply)).toBe("Forecast digest — Penang — Q3 FY2026");
    expect(heading((await ask(P.admin, "digest kl ent")).reply)).toBe("Forecast digest — KL Enterprise — Q3 FY2026");
    expect(heading((await ask(P.admin, "digest for KL Enterprise")).reply)).toBe("Forecast digest — KL Enterprise — Q3 FY2026");
  });

  it("finds the team of a person mentioned", async () => {
    expect(heading((await ask(P.admin, "digest @yusof")).reply)).toBe("Forecast digest — Penang — Q3 FY2026");
  });

  it("asks an admin who leads no team which team they mean", async () => {
    const { reply, data } = await ask(P.admin, "digest");
    expect(onlyText(reply)).toBe(
      ["Which team's digest would you like?", "• KL Enterprise", "• Penang", "Ask again with its name, e.g. `/forecast digest KL Enterprise`."].join("\n"),
    );
    expect(data.reads).not.toContain("dealSummaries");
  });

  it("shows no one a team with people they may not see", async () => {
    // Lee leads Chen inside KL Enterprise; its digest would show Ali and Bea, who are not below him.
    const own = await ask(P.lee, "digest");
    expect(onlyText(own.reply)).toBe("There is no team you lead with a weekly digest yet — your sales ops admin sets teams and their channels up.");
    const other = await ask(P.mei, "digest Penang");
    expect(onlyText(other.reply)).toBe("I can't find a team matching “penang” among the teams you can see. `/forecast digest` lists them.");
    expect(other.data.reads).not.toContain("dealSummaries");
  });

  it("is for managers and admins only", async () => {
    const { reply, data } = await ask(P.ali, "digest");
    expect(onlyText(reply)).toBe(
      "The weekly digest is for managers — `/forecast` shows your own numbers, and your team's channel gets the digest every week.",
    );
    expect(data.reads).not.toContain("teams");
  });

  it("refuses a mention of someone the asker may not see, revealing nothing", async () => {
    const { reply } = await ask(P.mei, "digest @xavier");
    expect(onlyText(reply)).toBe("Sorry, you can't see those numbers.");
  });
});
