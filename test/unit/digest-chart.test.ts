import { describe, expect, it } from "vitest";
import { CHART_HEIGHT, CHART_WIDTH, renderForecastTrendChart, renderForecastTrendSvg } from "../../src/charts/forecast-trend-chart.js";
import type { ForecastTrendChart } from "../../src/core/use-cases/compose-forecast-digest.js";

const chart: ForecastTrendChart = {
  title: "KL Enterprise — Q3 FY2026: forecast against quota",
  description: "Trend since 27 Jul 2026: commit RM 290K → RM 435K, best case RM 610K, closed RM 140K; quota RM 600K.",
  quotaMinor: 60_000_000,
  currency: "MYR",
  points: [
    { weekOf: "2026-07-27", closedMinor: 9_000_000, commitMinor: 29_000_000, bestCaseMinor: 29_000_000 },
    { weekOf: "2026-08-03", closedMinor: 9_000_000, commitMinor: 49_500_000, bestCaseMinor: 58_000_000 },
    { weekOf: "2026-08-10", closedMinor: 14_000_000, commitMinor: 43_500_000, bestCaseMinor: 61_000_000 },
  ],
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (the first chunk, right after the signature). */
function ihdr(png: Uint8Array): { width: number; height: number; type: string } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return {
    type: String.fromCharCode(...png.slice(12, 16)),
    width: view.getUint32(16),
    height: view.getUint32(20),
  };
}

describe("renderForecastTrendChart", () => {
  it("draws a PNG of about 800×400", async () => {
    const png = await renderForecastTrendChart(chart, "en");
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(ihdr(png)).toEqual({ type: "IHDR", width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(CHART_WIDTH).toBe(800);
    expect(CHART_HEIGHT).toBe(400);
    // A chart, not an empty canvas: lines, labels and fonts take room even compressed.
    expect(png.byteLength).toBeGreaterThan(10_000);
  });

  it("labels the series, the quota and the axes in the reader's language, amounts compact in the currency", async () => {
    // Intl puts a no-break space after "RM".
    const svg = (await renderForecastTrendSvg(chart, "en")).replace(/\u00a0/g, " ");
    for (const label of ["Closed", "Commit", "Best case", "Quota RM 600K", chart.title.replace(/&/g, "&amp;")]) {
      expect(svg).toContain(label);
    }
    // y axis: compact ringgit; x axis: the weeks.
    expect(svg).toContain(">RM 200K</text>");
    expect(svg).toContain("27 Jul");
    expect(svg).toContain("10 Aug");
    const malay = (await renderForecastTrendSvg({ ...chart, title: "KL Enterprise — S3 TK2026: ramalan berbanding kuota" }, "ms")).replace(
      /\u00a0/g,
      " ",
    );
    for (const label of ["Dimenangi", "Komit", "Best case", "Kuota RM 600K", "10 Ogo"]) expect(malay).toContain(label);
  });

  it("draws a single week, and a team without quota (no rule)", async () => {
    const one: ForecastTrendChart = { ...chart, quotaMinor: null, points: [chart.points[2]!] };
    const svg = await renderForecastTrendSvg(one, "en");
    expect(svg).not.toContain("Quota");
    expect(ihdr(await renderForecastTrendChart(one, "en"))).toMatchObject({ width: 800, height: 400 });
  });

  it("refuses a currency that is not an ISO 4217 code (it goes into the chart's expressions)", async () => {
    await expect(renderForecastTrendSvg({ ...chart, currency: "MYR', 'x" }, "en")).rejects.toThrow(/ISO 4217/);
  });
});
