// `/quota deals` and `/forecast deals`: a person's open deals closing in a period, largest first,
// each with a "What if this closes?" button that answers that deal's what-if.
import { answerText } from "../i18n/answers.js";
import type { Period } from "../period-spec.js";
import type { Reply, ReplyBlock } from "../reply.js";
import type { Person } from "../sales-data.js";
import type { QuestionContext } from "./question-context.js";
import { accountToShow, labelOf, MAX_LIST_ITEMS, money, periodContext } from "./reply-parts.js";
import { whatIfDealButton } from "./what-if-deal-value.js";

/**
 * The open deals of `person` (the asker, or someone they may see — access was decided by
 * `resolveSubject`) whose close date falls in `period`, largest amount first (then by name), the
 * first `MAX_LIST_ITEMS` with a what-if button each; the count and total cover all of them.
 * Amounts are minor units of the tenant currency, as the CRM gave them.
 */
export async function answerOpenDeals(context: QuestionContext, person: Person, period: Period): Promise<Reply> {
  const { locale, data, tenantId } = context;
  const deals = (await data.deals(tenantId, [person.id], { start: period.start, end: period.end }))
    .filter((deal) => !deal.isClosed && deal.closeDate >= period.start && deal.closeDate <= period.end)
    .sort((a, b) => b.amountMinor - a.amountMinor || a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id));
  const own = person.id === context.asker.id;
  const name = own ? null : person.name;
  const label = labelOf(context, period);
  const headingText = own
    ? answerText(locale, "heading.deals.own", { period: label })
    : answerText(locale, "heading.deals.person", { name: person.name, period: label });
  if (deals.length === 0) {
    const text = answerText(locale, "deals.none", { name, period: label, command: context.command });
    return { summary: text, blocks: [{ kind: "heading", text: headingText }, { kind: "text", text }, periodContext(context, period)] };
  }
  const total = deals.reduce((sum, deal) => sum + deal.amountMinor, 0);
  const summary = answerText(locale, "deals.summary", { name, count: deals.length, total: money(context, total), period: label });
  const buttonLabel = answerText(locale, "button.whatIf");
  const shown = deals.slice(0, MAX_LIST_ITEMS);
  const blocks: ReplyBlock[] = [
    { kind: "heading", text: headingText },
    { kind: "text", text: summary },
    ...shown.map((deal, i): ReplyBlock => ({
      kind: "item",
      text: answerText(locale, "deals.line", {
        index: i + 1,
        name: deal.name,
        account: accountToShow(deal),
        amount: money(context, deal.amountMinor),
        closeDate: deal.closeDate,
        stage: deal.stageName,
      }),
      button: whatIfDealButton(buttonLabel, deal, period),
    })),
  ];
  if (deals.length > shown.length) blocks.push({ kind: "context", text: answerText(locale, "deals.more", { count: deals.length - shown.length }) });
  blocks.push(periodContext(context, period));
  return { summary, blocks };
}
