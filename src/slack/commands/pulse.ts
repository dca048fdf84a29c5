// `/pulse …`: results for managers and admins, opt-out/opt-in for anyone, survey administration
// for admins. Like every slash command it acknowledges at once, parses, resolves the asker, calls
// one use case and answers ephemerally; `new` and `edit` open the admin modal instead (which
// needs the command's trigger id, so this command has its own listener rather than
// `slashCommandListener`).
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { resolveLocale, type Locale } from "../../core/i18n/locale.js";
import { moreLabel } from "../../core/i18n/messages.js";
import { answerPulseRequest, pulseUsageText } from "../../core/pulse/answer-pulse-command.js";
import { parsePulseCommand } from "../../core/pulse/parse-pulse-command.js";
import { preparePulseAdminForm } from "../../core/pulse/pulse-admin-form.js";
import { pulseText } from "../../core/pulse/pulse-texts.js";
import type { Reply } from "../../core/reply.js";
import { replyLocale } from "../../core/use-cases/question-context.js";
import { replyForError } from "../../core/use-cases/reply-for-error.js";
import { textReply } from "../../core/use-cases/reply-parts.js";
import type { SlackDeps } from "../deps.js";
import { renderBlockKit } from "../render/block-kit.js";
import { buildPulseAdminModal } from "../views/pulse-admin.js";
import { unescapeSlackText } from "./run-slash-command.js";

const commandSchema = z.object({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  text: z.string().default(""),
  trigger_id: z.string().min(1),
  response_url: z.string().url(),
});

export function registerPulseCommand(app: App, deps: SlackDeps): void {
  app.command("/pulse", (args) => answer(deps, args));
}

async function answer(deps: SlackDeps, { command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  await ack();
  let locale: Locale = deps.defaultLocale;
  let reply: Reply;
  try {
    const payload = commandSchema.parse(command);
    const asker = await deps.identity.resolve(client, payload.team_id, payload.user_id);
    const tenant = await deps.data.tenant(asker.tenantId);
    // One rule for every command: the person's locale, unless the question is clearly in the other language.
    locale = replyLocale(resolveLocale(asker.slackLocale, tenant.locale), payload.text);
    const base = { store: deps.pulseSurveys, tenantId: asker.tenantId, employeeId: asker.employeeId, locale, now: deps.clock.now(), command: "/pulse" };
    const parsed = parsePulseCommand(unescapeSlackText(payload.text));
    if (!parsed.ok) {
      reply = textReply(pulseUsageText(parsed.problem, locale));
    } else if (parsed.command.verb === "new" || parsed.command.verb === "edit") {
      const form = await preparePulseAdminForm({ ...base, ...(parsed.command.verb === "edit" ? { surveyName: parsed.command.name } : {}) });
      await client.views.open({ trigger_id: payload.trigger_id, view: buildPulseAdminModal(form, locale) as never });
      // The form is the answer; a line in the conversation says where it went (clients without modals too).
      reply = textReply(pulseText(locale, "admin.formOpened"));
    } else {
      reply = await answerPulseRequest({ ...base, request: parsed.command });
    }
  } catch (error) {
    const errorReply = replyForError(error, locale);
    if (errorReply.unexpected) deps.logger.error({ err: error, command: command.command }, "slash command failed");
    reply = errorReply;
  }
  await respond({ response_type: "ephemeral", replace_original: false, ...renderBlockKit(reply, (count) => moreLabel(locale, count)) });
}
