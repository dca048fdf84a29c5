// The comment form's submission (callback id `pulse_comment`): acknowledge (the form closes),
// record the comment as the free-text answer, update the survey message in place (progress only:
// Slack keeps that message, so it never shows the comment) and confirm the comment to the person
// with chat.postEphemeral, which Slack does not keep. A refusal is a private message in the DM;
// nothing is stored.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { pulseText, recordPulseAnswer } from "../../core/pulse/index.js";
import type { SlackDeps } from "../deps.js";
import { respondentOf } from "../actions/pulse-answer-payload.js";
import { tellPulseRefusal } from "../render/pulse-refusal.js";
import {
  commentMetadataSchema,
  PULSE_COMMENT_BLOCK_ID,
  PULSE_COMMENT_CALLBACK_ID,
  PULSE_COMMENT_INPUT_ID,
  renderAnswerConfirmation,
  renderSurveyMessage,
  type CommentMetadata,
} from "../render/pulse-survey.js";

const submissionSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().min(1).optional() }),
  team: z.object({ id: z.string().min(1) }).nullish(),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.object({
        [PULSE_COMMENT_BLOCK_ID]: z.object({ [PULSE_COMMENT_INPUT_ID]: z.object({ value: z.string().nullish() }) }),
      }),
    }),
  }),
});

function parseMetadata(text: string): CommentMetadata | null {
  try {
    const parsed = commentMetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function registerPulseCommentView(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>({ type: "view_submission", callback_id: PULSE_COMMENT_CALLBACK_ID }, async (args) => {
    await args.ack();
    await submit(deps, args);
  });
}

async function submit(deps: SlackDeps, { body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> {
  const parsed = submissionSchema.safeParse(body);
  const metadata = parsed.success ? parseMetadata(parsed.data.view.private_metadata) : null;
  const slackTeamId = parsed.success ? (parsed.data.user.team_id ?? parsed.data.team?.id) : undefined;
  if (!parsed.success || !metadata || !slackTeamId) {
    // Without the form's metadata there is no message to answer in; the form was ours, so this is a bug.
    deps.logger.error({ issues: parsed.success ? "private_metadata" : parsed.error.issues.slice(0, 3) }, "pulse comment submission unreadable");
    return;
  }
  const userId = parsed.data.user.id;
  const locale = metadata.locale;
  try {
    const respondent = await respondentOf(deps, client, slackTeamId, userId);
    const text = parsed.data.view.state.values[PULSE_COMMENT_BLOCK_ID]![PULSE_COMMENT_INPUT_ID]!.value;
    if (text === null || text === undefined) throw new AppError("invalid_input", pulseText(locale, "answer.emptyText"), { field: "value" });
    const message = await recordPulseAnswer({
      ...respondent,
      roundId: metadata.roundId,
      token: metadata.token,
      questionId: metadata.questionId,
      value: text,
      locale,
      now: deps.clock.now(),
    });
    const rendered = renderSurveyMessage(message, metadata);
    await client.chat.update({ channel: metadata.channel, ts: metadata.ts, text: rendered.text, blocks: rendered.blocks as never });
    // The comment is stored and the message updated: a confirmation that fails is logged, not refused.
    const confirmation = message.confirmations.get(metadata.questionId);
    if (confirmation === undefined) {
      deps.logger.error("a recorded pulse comment has no confirmation");
    } else {
      const confirm = renderAnswerConfirmation(confirmation);
      await client.chat
        .postEphemeral({ channel: metadata.channel, user: userId, text: confirm.text, blocks: confirm.blocks as never })
        .catch((failure: unknown) => deps.logger.error({ err: failure }, "could not confirm a pulse comment to the respondent"));
    }
  } catch (error) {
    await tellPulseRefusal({
      error,
      locale,
      logger: deps.logger,
      failedLog: "pulse comment failed",
      undeliveredLog: "could not tell the respondent why their comment was refused",
      send: (refusal) => client.chat.postEphemeral({ channel: metadata.channel, user: userId, text: refusal.text, blocks: refusal.blocks as never }),
    });
  }
}
