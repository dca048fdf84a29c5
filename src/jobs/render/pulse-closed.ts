// Renders a `pulse_closed` delivery (payload `{ roundId, employeeId, locale }`, recipient the
// person's Slack user id), queued for every invitee when a round closes: their invitation DM
// replaced in place (chat.update through the ChatPort) by its closed state — the questions, no
// buttons, no answers, and when it closed. An invitation that never reached Slack has nothing
// to replace (the row is recorded as skipped).
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { OutgoingMessage } from "../../core/chat-port.js";
import { keepsAttainmentBand, surveyMessage } from "../../core/pulse/index.js";
import type { Database } from "../../db/database.js";
import { inviteMessage, recipientAnswered, roundById } from "../../db/repositories/pulse-surveys.js";
import { renderSurveyMessage } from "../../slack/render/pulse-survey.js";
import { type DeliveryRenderer, DeliverySkipped, parseDeliveryPayload } from "../delivery-renderers.js";

export const pulseClosedPayloadSchema = z.object({
  roundId: z.guid(),
  employeeId: z.guid(),
  locale: z.enum(["en", "ms"]),
});

export function createPulseClosedRenderer(options: { db: Database; clock: Clock }): DeliveryRenderer {
  return async (payload: unknown): Promise<OutgoingMessage> => {
    const { roundId, employeeId, locale } = parseDeliveryPayload(pulseClosedPayloadSchema, payload, "pulse closed");
    const prisma = options.db.prisma;
    const [round, recipient, invite, person] = await Promise.all([
      roundById(prisma, roundId),
      recipientAnswered(prisma, roundId, employeeId),
      inviteMessage(prisma, roundId, employeeId),
      prisma.employee.findUnique({ where: { id: employeeId }, select: { role: true } }),
    ]);
    if (!round || !recipient) throw new DeliverySkipped(`pulse round ${roundId} or its invitee no longer exists`);
    if (round.status !== "closed") throw new DeliverySkipped(`pulse round ${roundId} is open again`);
    if (!invite) throw new DeliverySkipped("the invitation never reached Slack: nothing to close");
    // No answers: after the close nothing links this person to a response (README, "What the
    // survey promises"), so the closed message shows the questions alone.
    const message = surveyMessage({
      round,
      answers: [],
      locale,
      timeZone: recipient.timeZone,
      bands: person ? keepsAttainmentBand(person) : false,
      now: options.clock.now(),
    });
    // The token is irrelevant: a closed message has no buttons to carry it.
    return { ...renderSurveyMessage(message, { roundId, token: "closed", locale }), replace: invite };
  };
}
