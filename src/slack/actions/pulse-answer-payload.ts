// The parts of a block_actions payload the pulse listeners read, parsed at the boundary. A
// payload that does not parse, or a block id that is not one of ours, is treated as an altered
// button: refused with the "not valid" message, nothing stored.
import { randomUUID } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import type { Locale } from "../../core/i18n/locale.js";
import { pulseText } from "../../core/pulse/index.js";
import type { SlackDeps } from "../deps.js";
import { parseAnswerBlockId, type AnswerTarget } from "../render/pulse-survey.js";

const actionSchema = z.union([
  z.object({ type: z.literal("button"), action_id: z.string().min(1), block_id: z.string().min(1).max(255), value: z.string().max(2000) }),
  z.object({
    type: z.literal("static_select"),
    action_id: z.string().min(1),
    block_id: z.string().min(1).max(255),
    selected_option: z.object({ value: z.string().max(150) }),
  }),
]);

const blockActionsSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1), team_id: z.string().min(1).optional() }),
  team: z.object({ id: z.string().min(1) }).nullish(),
  trigger_id: z.string().min(1),
  container: z.object({ channel_id: z.string().min(1), message_ts: z.string().min(1) }),
  actions: z.array(actionSchema).min(1),
});

export interface PulseClick {
  slackTeamId: string;
  slackUserId: string;
  triggerId: string;
  /** The survey message clicked in. */
  channel: string;
  messageTs: string;
  target: AnswerTarget;
  /** The button's value or the selected option's. */
  value: string;
}

/** The click, or an `invalid_input` AppError (in `fallbackLocale`) when the payload is not a survey click. */
export function parsePulseClick(body: unknown, fallbackLocale: Locale): PulseClick {
  const parsed = blockActionsSchema.safeParse(body);
  const action = parsed.success ? parsed.data.actions[0]! : undefined;
  const target = action ? parseAnswerBlockId(action.block_id) : null;
  const slackTeamId = parsed.success ? (parsed.data.user.team_id ?? parsed.data.team?.id) : undefined;
  if (!parsed.success || !action || !target || !slackTeamId) {
    throw new AppError("invalid_input", pulseText(fallbackLocale, "answer.tampered"), { field: "payload" });
  }
  return {
    slackTeamId,
    slackUserId: parsed.data.user.id,
    triggerId: parsed.data.trigger_id,
    channel: parsed.data.container.channel_id,
    messageTs: parsed.data.container.message_ts,
    target,
    value: action.type === "button" ? action.value : action.selected_option.value,
  };
}

/** The message's own language when its block id says it, else the fallback: refusals read like the survey. */
export function clickLocale(body: unknown, fallbackLocale: Locale): Locale {
  const blockId = (body as { actions?: Array<{ block_id?: unknown }> } | null)?.actions?.[0]?.block_id;
  return (typeof blockId === "string" ? parseAnswerBlockId(blockId)?.locale : undefined) ?? fallbackLocale;
}

/** Who is answering, and what every pulse use case needs to check and store their answer. */
export async function respondentOf(deps: SlackDeps, client: WebClient, slackTeamId: string, slackUserId: string) {
  const asker = await deps.identity.resolve(client, slackTeamId, slackUserId);
  const tokens = await deps.pulseAnswers.tokens();
  return {
    store: deps.pulseAnswers.store,
    data: deps.data,
    verifyToken: tokens.verify,
    tenantId: asker.tenantId,
    employeeId: asker.employeeId,
    // The token must have been issued to the user who clicked.
    recipientId: slackUserId,
    newId: randomUUID,
  };
}
