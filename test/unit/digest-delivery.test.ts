import { describe, expect, it } from "vitest";
import { composeForecastDigest } from "../../src/core/use-cases/compose-forecast-digest.js";
import { digestSeed, DIGEST_NOW, DIGEST_TENANT_ID, TEAM_KL } from "../../src/core/use-cases/testing/digest-sales-org.js";
import { createInMemorySalesData } from "../../src/core/use-cases/testing/in-memory-sales-data.js";
import { DeliveryRenderError } from "../../src/jobs/delivery-renderers.js";
import { renderForecastDigestDelivery } from "../../src/jobs/render/forecast-digest.js";
import { parseScheduleSpec } from "../../src/core/schedules/parse-schedule-spec.js";
import { digestChartMessage } from "../../src/core/use-cases/digest-on-request.js";

/** The payload as the outbox stores it: the digest through JSON. */
async function storedPayload(): Promise<Record<string, unknown>> {
  const data = createInMemorySalesData(digestSeed());
  const schedule = { spec: parseScheduleSpec("weekly Mon 08:00"), timeZone: "Asia/Kuala_Lumpur", slotAt: DIGEST_NOW };
  const digest = await composeForecastDigest({ data, tenantId: DIGEST_TENANT_ID, teamId: TEAM_KL, now: DIGEST_NOW, schedule });
  return JSON.parse(JSON.stringify(digest)) as Record<string, unknown>;
}

describe("renderForecastDigestDelivery", () => {
  it("renders the stored digest as Block Kit with the trend chart as a PNG", async () => {
    const message = await renderForecastDigestDelivery(await storedPayload());
    expect(message.text.replace(/\u00a0/g, " ")).toBe("KL Enterprise, Q3 FY2026: commit RM 435K, closed RM 140K (23.3% of quota)");
    const blocks = message.blocks as Array<{ type: string; text?: { text: string } }>;
    expect(blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Weekly forecast — KL Enterprise — Q3 FY2026", emoji: true } });
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks)).toContain("*Won (1)*\\n• Petronas renewal (Ali) — RM");
    expect(message.image).toMatchObject({
      filename: "forecast-trend-2026-07-01-2026-08-10.png",
      title: "KL Enterprise — Q3 FY2026: forecast against quota",
    });
    expect(message.image!.altText.replace(/\u00a0/g, " ")).toBe(
      "Trend since 27 Jul 2026: commit RM 290K → RM 435K, best case RM 610K, closed RM 140K; quota RM 600K.",
    );
    expect([...message.image!.png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
  });

  it("renders a requested digest's chart message (for the asker's DM) as one line and the same PNG", async () => {
    const payload = JSON.parse(JSON.stringify(digestChartMessage((await storedPayload()) as never))) as Record<string, unknown>;
    const message = await renderForecastDigestDelivery(payload);
    expect(message.text.replace(/\u00a0/g, " ")).toBe("The chart of the forecast digest you asked for: KL Enterprise — Q3 FY2026, as of 10 Aug 2026.");
    expect(message.blocks).toHaveLength(1);
    expect(message.image).toMatchObject({ filename: "forecast-trend-2026-07-01-2026-08-10.png", title: "KL Enterprise — Q3 FY2026: forecast against quota" });
    expect([...message.image!.png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
  });

  it("fails for good, naming the field, when the payload is not a digest", async () => {
    const payload = await storedPayload();
    (payload["figures"] as Record<string, unknown>)["commitMinor"] = "lots";
    await expect(renderForecastDigestDelivery(payload)).rejects.toThrow(DeliveryRenderError);
    await expect(renderForecastDigestDelivery(payload)).rejects.toThrow(/figures\.commitMinor/);
    await expect(renderForecastDigestDelivery({ text: "hello" })).rejects.toThrow(DeliveryRenderError);
  });

  it("sends the message without the picture when the chart cannot be drawn, and says why", async () => {
    const errors: unknown[] = [];
    const failure = new Error("no fonts, no luck");
    const message = await renderForecastDigestDelivery(await storedPayload(), {
      drawChart: async () => {
        throw failure;
      },
      onChartError: (error) => errors.push(error),
    });
    expect(errors).toEqual([failure]);
    expect(message.image).toBeUndefined();
    // The trend is still there in words.
    expect(JSON.stringify(message.blocks).replace(/\\u00a0|\u00a0/g, " ")).toContain("Trend since 27 Jul 2026");
  });
});
