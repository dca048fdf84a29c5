// What a respondent is told, privately, when an answer or a comment is refused (or fails): the
// one place the pulse listeners map errors to Block Kit.
import { moreLabel } from "../../core/i18n/messages.js";
import type { Locale } from "../../core/i18n/locale.js";
import { replyForError } from "../../core/use-cases/reply-for-error.js";
import { renderBlockKit, type SlackMessage } from "./block-kit.js";

export function pulseRefusal(error: unknown, locale: Locale): { message: SlackMessage; unexpected: boolean } {
  const reply = replyForError(error, locale);
  return { message: renderBlockKit(reply, (count) => moreLabel(locale, count)), unexpected: reply.unexpected };
}
