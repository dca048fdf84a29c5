import { isAppError } from "../errors.js";
import type { Locale } from "../i18n/locale.js";
import { t } from "../i18n/messages.js";
import type { Reply } from "../reply.js";
import { textReply } from "./reply-parts.js";

/**
 * The one mapping from an error to what the person is told (adapters call it in exactly one
 * place). `forbidden` reveals nothing about the subject; `invalid_input`, `not_found` and
 * `conflict` carry a message fit for the user; anything else — a database that is down, a bug — becomes "try again in a
 * moment" with `unexpected: true`, so the adapter logs it. Never an error dump.
 */
export function replyForError(error: unknown, locale: Locale): Reply & { unexpected: boolean } {
  if (isAppError(error)) {
    switch (error.code) {
      case "forbidden":
        // A refusal about someone's numbers says nothing about them; one that concerns only the
        // asker's own rights (e.g. admin-only actions) may say why.
        return { ...textReply(error.params.explained ? error.message : t(locale, "error.forbidden")), unexpected: false };
      case "not_in_organisation":
        return { ...textReply(t(locale, "error.notInOrganisation")), unexpected: false };
      case "invalid_input":
      case "not_found":
      case "conflict":
        return { ...textReply(error.message), unexpected: false };
      default:
        break;
    }
  }
  return { ...textReply(t(locale, "error.unavailable")), unexpected: true };
}

/**
 * Runs an answer and turns the errors a person can act on (refused, not in the organisation,
 * bad input) into replies in the answer's own language; anything unexpected is rethrown for the
 * adapter to log and answer.
 */
export async function answerOrExplain(locale: Locale, answer: () => Promise<Reply>): Promise<Reply> {
  try {
    return await answer();
  } catch (error) {
    const reply = replyForError(error, locale);
    if (reply.unexpected) throw error;
    return { summary: reply.summary, blocks: reply.blocks };
  }
}
