// Renders a `pulse_invite` delivery (payload `{ roundId, locale }`, recipient the person's Slack
// user id) into the survey DM, with a fresh answer token made here, at send time for that
// recipient alone: the token is in the message only, never in the payload or the database. A round that was deleted or has
// closed meanwhile is not sent (the row is recorded as skipped).
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { OutgoingMessage } from "../../core/chat-port.js";
import { showPulseInvitation, type PulseAnswerStore } from "../../core/pulse/index.js";
import type { SalesData } from "../../core/sales-data.js";
import type { PulseTokens } from "../../security/pulse-tokens.js";
import { renderSurveyMessage } from "../../slack/render/pulse-survey.js";
import { type DeliveryContext, type DeliveryRenderer, DeliveryRenderError, DeliverySkipped, parseDeliveryPayload } from "../delivery-renderers.js";

export const pulseInvitePayloadSchema = z.object({
  roundId: z.guid(),
  locale: z.enum(["en", "ms"]),
});

export interface PulseInviteRendererOptions {
  store: PulseAnswerStore;
  data: SalesData;
  tokens: () => Promise<PulseTokens>;
  clock: Clock;
}

export function createPulseInviteRenderer(options: PulseInviteRendererOptions): DeliveryRenderer {
  return async (payload: unknown, delivery?: DeliveryContext): Promise<OutgoingMessage> => {
    const { roundId, locale } = parseDeliveryPayload(pulseInvitePayloadSchema, payload, "pulse invitation");
    if (!delivery) throw new DeliveryRenderError("A pulse invitation is rendered for its delivery row (tenant and recipient).");
    const invitation = await showPulseInvitation({
      store: options.store,
      data: options.data,
      tenantId: delivery.tenantId,
      roundId,
      recipientSlackUserId: delivery.recipient,
      locale,
      now: options.clock.now(),
    });
    if (invitation.kind === "not_found") throw new DeliverySkipped(`pulse round ${roundId} no longer exists`);
    if (invitation.kind === "closed") throw new DeliverySkipped(`pulse round ${roundId} has closed`);
    const tokens = await options.tokens();
    return renderSurveyMessage(invitation.message, { roundId, token: tokens.issue(roundId, delivery.recipient), locale });
  };
}
