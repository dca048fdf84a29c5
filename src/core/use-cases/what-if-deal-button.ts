// The "What if this closes?" button of a deal: what it carries, and the answer when it is pressed.
// The value travels through the chat platform and back, so it is parsed (zod) and everything it
// names is checked again on the click: the clicker must still be allowed to see the deal's owner.
import { assertCanView, FORBIDDEN_MESSAGE } from "../access.js";
import { AppError } from "../errors.js";
import { answerText } from "../i18n/answers.js";
import type { Locale } from "../i18n/locale.js";
import { periodContaining } from "../periods.js";
import type { Reply } from "../reply.js";
import type { SalesData } from "../sales-data.js";
import { answerWhatIfDealById } from "./person-quota.js";
import { loadQuestionContext } from "./question-context.js";
import { answerOrExplain } from "./reply-for-error.js";
import { textReply } from "./reply-parts.js";
import { readWhatIfDealValue } from "./what-if-deal-value.js";

export { WHAT_IF_DEAL_ACTION } from "./what-if-deal-value.js";

export interface AnswerWhatIfDealButtonOptions {
  data: SalesData;
  tenantId: string;
  /** Who pressed the button, already resolved from the chat identity. */
  employeeId: string;
  /** The presser's locale (platform locale, else the tenant's default). */
  locale: Locale;
  /** The button's value as it came back. */
  value: string;
  now: Date;
  /** How the person invokes `/quota`, for the texts that name it. */
  command?: string;
}

/**
 * Answers a press of "What if this closes?" exactly as `/quota what if I close <deal>` would for
 * that deal: payout change and attainment before and after, for the deal's owner in the period
 * the list was for. Refused (with the words every refusal uses) when the presser may not see the
 * owner, whoever they are; a value that does not read is "that button no longer works".
 */
export async function answerWhatIfDealButton(options: AnswerWhatIfDealButtonOptions): Promise<Reply> {
  const command = options.command ?? "/quota";
  const { locale } = options;
  const value = readWhatIfDealValue(options.value);
  if (value === null) return textReply(answerText(locale, "button.invalid", { command }));
  return answerOrExplain(locale, async () => {
    const context = await loadQuestionContext({ ...options, text: "" }, locale, command);
    const owner = context.byId.get(value.owner);
    if (!owner || !owner.active) throw new AppError("forbidden", FORBIDDEN_MESSAGE);
    assertCanView(context.asker, owner.id, context.org);
    const period = periodContaining(value.period.kind, value.period.start, context.tenant.fiscalYearStartMonth);
    if (period.start !== value.period.start) return textReply(answerText(locale, "button.invalid", { command }));
    return answerWhatIfDealById(context, owner, period, value.deal);
  });
}
