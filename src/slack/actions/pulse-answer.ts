// A click on a survey DM's answer button or select (action ids `pulse_answer:…`): acknowledge,
// parse, resolve the person, record the answer, replace the message with its updated form
// through the click's response_url — progress only, never the answer, since Slack keeps that
// message — then confirm the answer to the person in an ephemeral reply on the same
// response_url, which Slack does not keep. A refusal is a private message; nothing is stored.
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { recordPulseAnswer } from "../../core/pulse/index.js";
import type { SlackDeps } from "../deps.js";
import { tellPulseRefusal } from "../render/pulse-refusal.js";
import { PULSE_ANSWER_ACTION, renderAnswerConfirmation, renderSurveyMessage } from "../render/pulse-survey.js";
import { createWorkQueue } from "../work-queue.js";
import { clickLocale, parsePulseClick, respondentOf } from "./pulse-answer-payload.js";

/**
 * Answers being recorded at once per process; more wait their turn, already acknowledged. Kept
 * low on purpose: a person's first answer works out their attainment band (their deals of the
 * quarter, summed), and more of those at once kept the event loop so busy that new clicks were
 * acknowledged after Slack's 3 s (test/bench/pulse-answers.bench.ts, 1,000 clicks/s on
 * PostgreSQL: 4 in flight gave an acknowledgement p99 of 4.2 s, 2 gave 0.9 s). Replicas add throughput.
 */
export const PULSE_ANSWERS_IN_FLIGHT = 2;

export function registerPulseAnswerAction(app: App, deps: SlackDeps): void {
  const queue = createWorkQueue(
    PULSE_ANSWERS_IN_FLIGHT,
    (error) => deps.logger.error({ err: error }, "pulse answer failed"),
    deps.pulseAnswers.busyShare,
  );
  app.action<BlockAction>({ type: "block_actions", action_id: PULSE_ANSWER_ACTION }, async (args) => {
    // The click counts when it arrived, however long it then waits its turn (a round may close meanwhile).
    const clickedAt = deps.clock.now();
    await args.ack();
    await queue.run(() => answer(deps, args, clickedAt));
  });
}

async function answer(
  deps: SlackDeps,
  { body, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs,
  clickedAt: Date,
): Promise<void> {
  const locale = clickLocale(body, deps.defaultLocale);
  try {
    const click = parsePulseClick(body, locale);
    const respondent = await respondentOf(deps, client, click.slackTeamId, click.slackUserId);
    const message = await recordPulseAnswer({
      ...respondent,
      roundId: click.target.roundId,
      token: click.target.token,
      questionId: click.target.questionId,
      value: click.value,
      locale: click.target.locale,
      now: clickedAt,
    });
    await respond({ replace_original: true, ...renderSurveyMessage(message, click.target) });
    // The answer is stored and the message updated: a confirmation that fails is logged, not refused.
    const confirmation = message.confirmations.get(click.target.questionId);
    if (confirmation === undefined) {
      deps.logger.error("a recorded pulse answer has no confirmation");
    } else {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderAnswerConfirmation(confirmation) }).catch((failure: unknown) =>
        deps.logger.error({ err: failure }, "could not confirm a pulse answer to the respondent"),
      );
    }
  } catch (error) {
    await tellPulseRefusal({
      error,
      locale,
      logger: deps.logger,
      failedLog: "pulse answer failed",
      undeliveredLog: "could not tell the respondent why their answer was refused",
      send: (refusal) => respond({ response_type: "ephemeral", replace_original: false, ...refusal }),
    });
  }
}
