// Renders a `pulse_results` delivery (payload `{ roundId, locale }`, recipient the survey's
// results channel or its owner's Slack id): the closed round's results for the whole audience,
// computed when the post is sent (from the anonymous answers, every threshold applied), as
// Block Kit within Slack's limits.
import { z } from "zod";
import type { OutgoingMessage } from "../../core/chat-port.js";
import { moreLabel } from "../../core/i18n/messages.js";
import { pulseResultsReply, resultsViewOf } from "../../core/pulse/show-pulse-results.js";
import type { Database } from "../../db/database.js";
import { createPulseStore, roundById, surveyById } from "../../db/repositories/pulse-surveys.js";
import { renderBlockKit } from "../../slack/render/block-kit.js";
import { type DeliveryRenderer, DeliveryRenderError, parseDeliveryPayload } from "../delivery-renderers.js";

export const pulseResultsPayloadSchema = z.object({ roundId: z.guid(), locale: z.enum(["en", "ms"]) });

export function createPulseResultsRenderer(options: { db: Database }): DeliveryRenderer {
  const store = createPulseStore(options.db.prisma);
  return async (payload: unknown): Promise<OutgoingMessage> => {
    const { roundId, locale } = parseDeliveryPayload(pulseResultsPayloadSchema, payload, "pulse results");
    const round = await roundById(options.db.prisma, roundId);
    const survey = round ? await surveyById(options.db.prisma, round.surveyId) : null;
    if (!round || !survey) throw new DeliveryRenderError(`pulse round ${roundId} no longer exists`);
    const view = await resultsViewOf(store, survey, round, { kind: "all" }, await store.teams(round.tenantId));
    return renderBlockKit(pulseResultsReply(view, locale, { closing: true }), (count) => moreLabel(locale, count));
  };
}
