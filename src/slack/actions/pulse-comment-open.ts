// The "Write a comment" button of a survey DM (action id `pulse_answer_comment`): opens the
// comment form with the person's comment so far. Slack's trigger_id lasts 3 s, so the form is
// opened as soon as the checks pass.
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { openPulseComment } from "../../core/pulse/index.js";
import type { SlackDeps } from "../deps.js";
import { tellPulseRefusal } from "../render/pulse-refusal.js";
import { PULSE_COMMENT_ACTION_ID, renderCommentModal } from "../render/pulse-survey.js";
import { clickLocale, parsePulseClick, respondentOf } from "./pulse-answer-payload.js";

export function registerPulseCommentOpenAction(app: App, deps: SlackDeps): void {
  app.action<BlockAction>({ type: "block_actions", action_id: PULSE_COMMENT_ACTION_ID }, async (args) => {
    await args.ack();
    await openForm(deps, args);
  });
}

async function openForm(deps: SlackDeps, { body, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> {
  const locale = clickLocale(body, deps.defaultLocale);
  try {
    const click = parsePulseClick(body, locale);
    const respondent = await respondentOf(deps, client, click.slackTeamId, click.slackUserId);
    const form = await openPulseComment({
      ...respondent,
      roundId: click.target.roundId,
      token: click.target.token,
      questionId: click.target.questionId,
      locale: click.target.locale,
      now: deps.clock.now(),
    });
    const view = renderCommentModal(form, { ...click.target, channel: click.channel, ts: click.messageTs });
    await client.views.open({ trigger_id: click.triggerId, view: view as never });
  } catch (error) {
    await tellPulseRefusal({
      error,
      locale,
      logger: deps.logger,
      failedLog: "pulse comment form failed to open",
      undeliveredLog: "could not tell the respondent why the comment form did not open",
      send: (refusal) => respond({ response_type: "ephemeral", replace_original: false, ...refusal }),
    });
  }
}
