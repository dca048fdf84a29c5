// Renders a forecast-digest delivery (the outbox row's payload, a `ForecastDigest` as
// `composeForecastDigest` made it) into a message for the ChatPort: Block Kit within Slack's
// limits, and the trend chart as a PNG. The payload is parsed here, at the boundary: a row
// written by an older or broken version fails with the field named, never half-rendered.
import { z } from "zod";
import { renderForecastTrendChart } from "../../charts/forecast-trend-chart.js";
import type { OutgoingImage, OutgoingMessage } from "../../core/chat-port.js";
import { moreLabel } from "../../core/i18n/messages.js";
import type { ForecastDigest } from "../../core/use-cases/compose-forecast-digest.js";
import { renderBlockKit } from "../../slack/render/block-kit.js";
import { parseDeliveryPayload } from "../delivery-renderers.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const minor = z.number().int().refine(Number.isSafeInteger, "not a safe integer");

const replyBlockSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("heading"), text: z.string() }),
  z.object({ kind: z.literal("text"), text: z.string() }),
  z.object({ kind: z.literal("fields"), fields: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ kind: z.literal("list"), title: z.string().optional(), items: z.array(z.string()), moreCount: z.number().int().min(0) }),
  z.object({ kind: z.literal("context"), text: z.string() }),
  z.object({ kind: z.literal("divider") }),
]);

export const forecastDigestPayloadSchema = z.object({
  teamId: z.string().min(1),
  teamName: z.string().min(1),
  locale: z.enum(["en", "ms"]),
  period: z.object({ start: isoDate, end: isoDate, label: z.string() }),
  asOf: isoDate,
  currency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code"),
  figures: z.object({
    closedMinor: minor,
    commitMinor: minor,
    bestCaseMinor: minor,
    pipelineMinor: minor,
    weightedPipelineMinor: minor,
    projectedMinor: minor,
    quotaMinor: minor.nullable(),
    attainment: z.number().nullable(),
  }),
  reply: z.object({ summary: z.string(), blocks: z.array(replyBlockSchema) }),
  chart: z.object({
    title: z.string(),
    description: z.string(),
    quotaMinor: minor.nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code"),
    points: z.array(z.object({ weekOf: isoDate, closedMinor: minor, commitMinor: minor, bestCaseMinor: minor })).min(1),
  }),
});

/**
 * Parses a stored digest payload. A payload that does not parse can never be rendered, so it
 * fails with `DeliveryRenderError` (the delivery fails for good) naming the first bad field.
 */
export function parseForecastDigestPayload(payload: unknown): ForecastDigest {
  return parseDeliveryPayload(forecastDigestPayloadSchema, payload, "forecast digest") satisfies ForecastDigest;
}

/**
 * The message for a forecast-digest delivery: Block Kit from the digest's reply, and the trend
 * chart as a PNG (its description as alt text). If the chart cannot be drawn the message goes
 * without it — the reply already describes the trend in words — rather than not at all, and
 * `onChartError` hears why (the composition root passes its logger).
 */
export async function renderForecastDigestDelivery(
  payload: unknown,
  options: {
    onChartError?: (error: unknown) => void;
    /** The chart renderer (tests pass one that fails). */
    drawChart?: typeof renderForecastTrendChart;
  } = {},
): Promise<OutgoingMessage> {
  const drawChart = options.drawChart ?? renderForecastTrendChart;
  const digest = parseForecastDigestPayload(payload);
  const { text, blocks } = renderBlockKit(digest.reply, (count) => moreLabel(digest.locale, count));
  let image: OutgoingImage | undefined;
  try {
    image = {
      png: await drawChart(digest.chart, digest.locale),
      filename: `forecast-trend-${digest.period.start}-${digest.asOf}.png`,
      title: digest.chart.title,
      altText: digest.chart.description,
    };
  } catch (error) {
    options.onChartError?.(error);
    image = undefined;
  }
  return image === undefined ? { text, blocks } : { text, blocks, image };
}
