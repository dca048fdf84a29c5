// Renders a `pulse_reminder` delivery (payload `{ roundId, employeeId, locale, ordinal, invite }`,
// recipient the person's Slack user id): a short DM linking to the survey's own message — a
// reminder carries no answer token. Checked again at send time: a reminder to someone who has
// answered since it was queued, or for a round that has closed, is not sent (recorded as skipped).
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { OutgoingMessage } from "../../core/chat-port.js";
import { pulseText } from "../../core/pulse/pulse-texts.js";
import { textIn } from "../../core/pulse/survey-definition.js";
import type { Database } from "../../db/database.js";
import { recipientAnswered, roundById } from "../../db/repositories/pulse-surveys.js";
import { escapeMrkdwn } from "../../slack/render/block-kit.js";
import { type DeliveryRenderer, DeliverySkipped, parseDeliveryPayload } from "../delivery-renderers.js";

const DAY_MS = 86_400_000;

export const pulseReminderPayloadSchema = z.object({
  roundId: z.guid(),
  employeeId: z.guid(),
  locale: z.enum(["en", "ms"]),
  ordinal: z.union([z.literal(1), z.literal(2)]),
  invite: z.object({ channel: z.string().min(1), ts: z.string().min(1) }).nullable(),
});

/** Opens the conversation holding the survey (Slack's documented redirect; works in any workspace). */
export function surveyLink(invite: { channel: string } | null): string | null {
  return invite === null ? null : `https://slack.com/app_redirect?channel=${encodeURIComponent(invite.channel)}`;
}

export function createPulseReminderRenderer(options: { db: Database; clock: Clock }): DeliveryRenderer {
  return async (payload: unknown): Promise<OutgoingMessage> => {
    const { roundId, employeeId, locale, invite } = parseDeliveryPayload(pulseReminderPayloadSchema, payload, "pulse reminder");
    const now = options.clock.now();
    const [round, recipient] = await Promise.all([roundById(options.db.prisma, roundId), recipientAnswered(options.db.prisma, roundId, employeeId)]);
    if (!round || !recipient) throw new DeliverySkipped(`pulse round ${roundId} or its invitee no longer exists`);
    if (round.status !== "open" || round.closesAt.getTime() <= now.getTime()) throw new DeliverySkipped(`pulse round ${roundId} has closed`);
    if (recipient.answered) throw new DeliverySkipped("the invitee answered after the reminder was queued");
    const title = textIn(round.definition.title, locale, round.definition.defaultLocale);
    const text = pulseText(locale, "reminder.text", {
      title: escapeMrkdwn(title),
      closesAt: round.closesAt.toISOString(),
      timeZone: recipient.timeZone,
      link: surveyLink(invite),
      lastDay: round.closesAt.getTime() - now.getTime() <= DAY_MS,
    });
    return {
      text: pulseText(locale, "reminder.summary", { title }),
      blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
    };
  };
}
