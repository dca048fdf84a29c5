// The digest's chart: the quarter's closed, commit and best case week by week against the
// quota, drawn server-side (vega-lite -> vega -> SVG -> PNG with resvg), ~800×400. Fonts are
// loaded from the DejaVu files explicitly, so the picture does not depend on what the machine has
// installed; without them it falls back to the system's fonts. Amounts are formatted by the same
// `Intl` code as the messages ("RM 1.5M" / "RM 1.5J"), through functions registered with vega.
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { answerText } from "../core/i18n/answers.js";
import { digestText } from "../core/i18n/digests.js";
import { formatCompactMoney } from "../core/i18n/format.js";
import { intlTag, isLocale, type Locale } from "../core/i18n/locale.js";
import { t } from "../core/i18n/messages.js";
import type { ForecastTrendChart } from "../core/use-cases/compose-forecast-digest.js";

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;

const FONT_DIR = "/usr/share/fonts/truetype/dejavu";
const FONT_FAMILY = "DejaVu Sans";
const FONT_FILES = [`${FONT_DIR}/DejaVuSans.ttf`, `${FONT_DIR}/DejaVuSans-Bold.ttf`];

const COLOURS = { closed: "#2e7d32", commit: "#1565c0", bestCase: "#ef6c00", quota: "#c62828" };

// Expression functions the spec's label expressions call; registered once, before any parse.
vega.expressionFunction("salesopsMoney", (minor: number, currency: string, locale: string) =>
  formatCompactMoney(minor, currency, isLocale(locale) ? locale : "en"),
);
vega.expressionFunction("salesopsDate", (epochMs: number, locale: string) =>
  new Intl.DateTimeFormat(intlTag(isLocale(locale) ? locale : "en"), { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(epochMs)),
);

/** The three series' names in the reader's language. */
export function seriesLabels(locale: Locale): { closed: string; commit: string; bestCase: string } {
  return { closed: answerText(locale, "label.closed"), commit: t(locale, "label.commit"), bestCase: t(locale, "label.bestCase") };
}

const epochMsOf = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);

/** The vega-lite spec of the chart (exported for tests and for anyone who wants to look at it). */
export function forecastTrendSpec(chart: ForecastTrendChart, locale: Locale): TopLevelSpec {
  if (!/^[A-Z]{3}$/.test(chart.currency)) throw new Error(`not an ISO 4217 code: ${chart.currency}`);
  const labels = seriesLabels(locale);
  const values = chart.points.flatMap((point) => [
    { week: epochMsOf(point.weekOf), series: labels.closed, minor: point.closedMinor },
    { week: epochMsOf(point.weekOf), series: labels.commit, minor: point.commitMinor },
    { week: epochMsOf(point.weekOf), series: labels.bestCase, minor: point.bestCaseMinor },
  ]);
  const weeks = chart.points.map((point) => epochMsOf(point.weekOf));
  // Room above the highest line or the quota, so the quota's rule and label never sit on the edge.
  const highest = Math.max(chart.quotaMinor ?? 0, ...chart.points.map((point) => Math.max(point.closedMinor, point.commitMinor, point.bestCaseMinor)));
  const moneyLabel = `salesopsMoney(datum.value, '${chart.currency}', '${locale}')`;
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>["layer"]> = [
    {
      data: { values },
      mark: { type: "line", point: { filled: true, size: 60 }, strokeWidth: 2.5 },
      encoding: {
        x: {
          field: "week",
          type: "temporal",
          scale: { type: "utc", padding: 24 },
          axis: { title: null, values: weeks, labelExpr: `salesopsDate(datum.value, '${locale}')`, grid: false, labelAngle: 0 },
        },
        y: {
          field: "minor",
          type: "quantitative",
          scale: { zero: true, nice: true, ...(highest > 0 ? { domainMax: Math.ceil(highest * 1.1) } : {}) },
          axis: { title: null, labelExpr: moneyLabel, tickCount: 6 },
        },
        color: {
          field: "series",
          type: "nominal",
          scale: { domain: [labels.closed, labels.commit, labels.bestCase], range: [COLOURS.closed, COLOURS.commit, COLOURS.bestCase] },
          legend: { title: null, orient: "top", direction: "horizontal", labelFontSize: 13, symbolStrokeWidth: 3 },
        },
      },
    },
  ];
  if (chart.quotaMinor !== null) {
    const quotaText = digestText(locale, "chart.quota", { quota: { minor: chart.quotaMinor, currency: chart.currency } });
    layers.push(
      {
        data: { values: [{ quota: chart.quotaMinor }] },
        mark: { type: "rule", color: COLOURS.quota, strokeDash: [8, 5], strokeWidth: 2 },
        encoding: { y: { field: "quota", type: "quantitative" } },
      },
      {
        data: { values: [{ quota: chart.quotaMinor, label: quotaText }] },
        mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -4, color: COLOURS.quota, fontSize: 12, fontWeight: "bold" },
        encoding: { y: { field: "quota", type: "quantitative" }, x: { value: 0 }, text: { field: "label" } },
      },
    );
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    padding: 12,
    background: "white",
    title: { text: chart.title, anchor: "start", fontSize: 16, offset: 8 },
    config: { font: FONT_FAMILY, view: { stroke: null }, axis: { labelFontSize: 12, domainColor: "#888", tickColor: "#888", gridColor: "#e6e6e6" } },
    layer: layers,
  } as TopLevelSpec;
}

/** The chart as SVG text (the stage before the PNG). */
export async function renderForecastTrendSvg(chart: ForecastTrendChart, locale: Locale): Promise<string> {
  const { spec } = compile(forecastTrendSpec(chart, locale));
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function fontOptions(): { fontFiles?: string[]; loadSystemFonts: boolean; defaultFontFamily: string } {
  const present = FONT_FILES.filter((file) => existsSync(file));
  return present.length > 0
    ? { fontFiles: present, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }
    : { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY };
}

/** The chart as a PNG (~800×400). */
export async function renderForecastTrendChart(chart: ForecastTrendChart, locale: Locale): Promise<Uint8Array> {
  const svg = await renderForecastTrendSvg(chart, locale);
  const png = new Resvg(svg, { font: fontOptions(), background: "white" }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
