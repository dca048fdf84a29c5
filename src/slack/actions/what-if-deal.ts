// A click on a deal's "What if this closes?" button (action ids `what_if_deal`, `what_if_deal:<n>`):
// acknowledge, parse the payload, resolve the person who clicked, and answer privately with the
// same what-if `/quota what if I close <deal>` gives. The button's value is checked again in the
// core use case (owner visible to the clicker, deal still open); nothing is trusted from it.
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { answerText } from "../../core/i18n/answers.js";
import { resolveLocale, type Locale } from "../../core/i18n/locale.js";
import { moreLabel } from "../../core/i18n/messages.js";
import type { Reply } from "../../core/reply.js";
import { replyForError } from "../../core/use-cases/reply-for-error.js";
import { answerWhatIfDealButton, WHAT_IF_DEAL_ACTION } from "../../core/use-cases/what-if-deal-button.js";
import type { SlackDeps } from "../deps.js";
import { renderBlockKit } from "../render/block-kit.js";

/** `what_if_deal`, or `what_if_deal:2` when several such buttons share a block (see block-kit.ts). */
export const WHAT_IF_DEAL_ACTION_ID = new RegExp(`^${WHAT_IF_DEAL_ACTION}(?::\\d+)?$`);

const whatIfClickSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1), team_id: z.string().min(1).optional() }),
  team: z.object({ id: z.string().min(1) }).nullish(),
  actions: z
    .array(z.object({ type: z.literal("button"), action_id: z.string().regex(WHAT_IF_DEAL_ACTION_ID), value: z.string().max(2000) }))
    .min(1),
});

export function registerWhatIfDealAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction>({ type: "block_actions", action_id: WHAT_IF_DEAL_ACTION_ID }, async (args) => {
    await args.ack();
    await answer(deps, args);
  });
}

async function answer(deps: SlackDeps, { body, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> {
  let locale: Locale = deps.defaultLocale;
  let reply: Reply;
  try {
    const parsed = whatIfClickSchema.safeParse(body);
    const slackTeamId = parsed.success ? (parsed.data.user.team_id ?? parsed.data.team?.id) : undefined;
    if (!parsed.success || slackTeamId === undefined) {
      // Not a click Slack would send for one of our buttons: say so, resolve no one.
      throw new AppError("invalid_input", answerText(locale, "button.invalid", { command: "/quota" }), { field: "payload" });
    }
    const click = parsed.data;
    const asker = await deps.identity.resolve(client, slackTeamId, click.user.id);
    const tenant = await deps.data.tenant(asker.tenantId);
    locale = resolveLocale(asker.slackLocale, tenant.locale);
    reply = await answerWhatIfDealButton({
      data: deps.data,
      tenantId: asker.tenantId,
      employeeId: asker.employeeId,
      locale,
      value: click.actions[0]!.value,
      now: deps.clock.now(),
    });
  } catch (error) {
    const errorReply = replyForError(error, locale);
    if (errorReply.unexpected) deps.logger.error({ err: error }, "what-if button failed");
    reply = errorReply;
  }
  try {
    await respond({ response_type: "ephemeral", replace_original: false, ...renderBlockKit(reply, (count) => moreLabel(locale, count)) });
  } catch (error) {
    deps.logger.error({ err: error }, "could not answer a what-if button");
  }
}
