// What a respondent is told, privately, when an answer or a comment is refused (or fails): the
// one place the pulse listeners map errors to Block Kit.
import { moreLabel } from "../../core/i18n/messages.js";
import type { Locale } from "../../core/i18n/locale.js";
import { replyForError } from "../../core/use-cases/reply-for-error.js";
import type { Logger } from "../../logger.js";
import { renderBlockKit, type SlackMessage } from "./block-kit.js";

export interface TellPulseRefusalOptions {
  error: unknown;
  locale: Locale;
  logger: Logger;
  /** Logged with an error nobody expected (a bug, the database away). */
  failedLog: string;
  /** Logged when the refusal itself could not be sent. */
  undeliveredLog: string;
  /** Sends the message privately to the respondent. */
  send: (message: SlackMessage) => Promise<unknown>;
}

/** Tells the respondent why, logging what was unexpected; never rejects. */
export async function tellPulseRefusal(options: TellPulseRefusalOptions): Promise<void> {
  const { error, locale, logger } = options;
  const reply = replyForError(error, locale);
  if (reply.unexpected) logger.error({ err: error }, options.failedLog);
  await options
    .send(renderBlockKit(reply, (count) => moreLabel(locale, count)))
    .catch((failure: unknown) => logger.error({ err: failure }, options.undeliveredLog));
}
