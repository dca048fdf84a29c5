// The one path every slash command takes: acknowledge at once, parse the payload, resolve the
// asker, call one use case, render its reply as Block Kit, answer ephemerally. Errors of any
// kind become a reply here (and only here) — the user is never left without an answer.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { replyLocale } from "../../core/use-cases/question-context.js";
import { replyForError } from "../../core/use-cases/reply-for-error.js";
import { resolveLocale, type Locale } from "../../core/i18n/locale.js";
import { moreLabel } from "../../core/i18n/messages.js";
import type { Reply } from "../../core/reply.js";
import { renderBlockKit } from "../render/block-kit.js";
import type { SlackDeps } from "../deps.js";

const slashCommandSchema = z.object({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  command: z.string().min(1),
  text: z.string().default(""),
  channel_id: z.string().optional(),
  response_url: z.string().url(),
});

/** Slack sends `&`, `<` and `>` in command text as HTML entities; commands whose arguments are names compare them as typed. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export interface AskContext {
  tenantId: string;
  employeeId: string;
  /** The asker's Slack user id (where a DM to them goes). */
  slackUserId: string;
  locale: Locale;
  text: string;
  now: Date;
}

export function slashCommandListener(deps: SlackDeps, answer: (context: AskContext) => Promise<Reply>) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const startedAt = Date.now();
    let locale: Locale = deps.defaultLocale;
    let reply: Reply;
    try {
      const payload = slashCommandSchema.parse(command);
      const asker = await deps.identity.resolve(client, payload.team_id, payload.user_id);
      const tenant = await deps.data.tenant(asker.tenantId);
      // One rule for every command: the person's locale, unless the question is clearly in the other language.
      locale = replyLocale(resolveLocale(asker.slackLocale, tenant.locale), payload.text);
      reply = await answer({
        tenantId: asker.tenantId,
        employeeId: asker.employeeId,
        slackUserId: payload.user_id,
        locale,
        text: payload.text,
        now: deps.clock.now(),
      });
    } catch (error) {
      const errorReply = replyForError(error, locale);
      if (errorReply.unexpected) deps.logger.error({ err: error, command: command.command }, "slash command failed");
      reply = errorReply;
    }
    const message = renderBlockKit(reply, (count) => moreLabel(locale, count));
    await respond({ response_type: "ephemeral", replace_original: false, ...message });
    deps.logger.debug({ command: command.command, ms: Date.now() - startedAt }, "slash command answered");
  };
}
