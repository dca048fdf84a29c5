import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/core/i18n/locale.js";
import type { Reply } from "../../src/core/reply.js";
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
  it("shows a manager their own team's digest now, privately, with the trend in words instead of the chart", async () => {
    const { reply } = await ask(P.mei, "digest");
    expect(heading(reply)).toBe("Weekly forecast — KL Enterprise — Q3 FY2026");
    expect(reply.summary).toBe("KL Enterprise, Q3 FY2026: commit RM 435K, closed RM 140K (23.3% of quota)");
    const contexts = reply.blocks.flatMap((b) => (b.kind === "context" ? [b.text] : []));
    expect(contexts).toContain("Trend since 27 Jul 2026: commit RM 290K → RM 435K, best case RM 610K, closed RM 140K; quota RM 600K.");
    expect(contexts.at(-1)).toBe("Only you can see this digest. The chart of the trend goes with the weekly post in the team's channel.");
  });

  it("answers in Malay when asked in Malay", async () => {
    const { reply } = await ask(P.mei, "ringkasan mingguan", "en");
    expect(heading(reply)).toBe("Ramalan mingguan — KL Enterprise — S3 TK2026");
  });

  it("lets an admin name a team, in part or in full", async () => {
    expect(heading((await ask(P.admin, "digest Penang")).reply)).toBe("Weekly forecast — Penang — Q3 FY2026");
    expect(heading((await ask(P.admin, "digest kl ent")).reply)).toBe("Weekly forecast — KL Enterprise — Q3 FY2026");
    expect(heading((await ask(P.admin, "digest for KL Enterprise")).reply)).toBe("Weekly forecast — KL Enterprise — Q3 FY2026");
  });

  it("finds the team of a person mentioned", async () => {
    expect(heading((await ask(P.admin, "digest @yusof")).reply)).toBe("Weekly forecast — Penang — Q3 FY2026");
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
