// `/forecast` for one person: their figures, projection, latest call and last week's change.
import { addDays } from "../dates.js";
import { forecastChange, forecastTotals, latestForecastCall } from "../forecast.js";
import { answerText } from "../i18n/answers.js";
import { formatMoney } from "../i18n/format.js";
import { t } from "../i18n/messages.js";
import type { Period } from "../period-spec.js";
import { projectPeriodClose } from "../projection.js";
import type { Reply } from "../reply.js";
import type { Person } from "../sales-data.js";
import type { QuestionContext } from "./question-context.js";
import {
  changeBlocks,
  figureFields,
  lastWeeksSnapshotDate,
  overdueBlocks,
  overdueFor,
  periodQuotas,
  projectionModel,
  proRatedBlocks,
  snapshotKeepsClosedFrom,
  withEarlierClosedDeals,
} from "./forecast-figures.js";
import { labelOf, money, periodContext } from "./reply-parts.js";

/**
 * One person's forecast (the asker, or someone they may see who leads nobody). Deals are read
 * from the period's start to a year past its end, live and in last week's snapshot, so that a
 * deal pushed out of the period or pulled into it is named as such rather than as lost or new.
 * While the period is under way, their overdue open deals (due before it) count in the
 * projection and are listed. The quota is theirs by the quota rule (`quotaForPeriod`).
 */
export async function answerPersonForecast(context: QuestionContext, person: Person, period: Period): Promise<Reply> {
  const { data, tenantId, today, locale } = context;
  const range = { start: period.start, end: addDays(period.end, 365) };
  const [deals, quotas, calls, model, snapshotDate, overdue] = await Promise.all([
    data.deals(tenantId, [person.id], range),
    periodQuotas(context, [person.id], period),
    data.forecastCalls(tenantId, [person.id], period),
    projectionModel(context, period),
    lastWeeksSnapshotDate(context),
    overdueFor(context, [person.id], period),
  ]);
  const before =
    snapshotDate === null
      ? null
      : withEarlierClosedDeals(await data.snapshot(tenantId, snapshotDate, [person.id], range), deals, snapshotKeepsClosedFrom(context, snapshotDate));

  const totals = forecastTotals(deals, period);
  const projection = projectPeriodClose({ period, today, opportunities: [...deals, ...overdue.summaries], model });
  const periodQuota = quotas.get(person.id) ?? null;
  const quota = periodQuota?.quotaMinor ?? null;
  const call = latestForecastCall(calls, person.id, period);
  const own = person.id === context.asker.id;

  const fields = figureFields(context, totals, projection.projectedMinor);
  fields.push({
    label: t(locale, "label.quota"),
    value: quota === null ? answerText(locale, "forecast.noQuota") : formatMoney(quota, context.tenant.currency, locale),
  });
  fields.push({
    label: own ? t(locale, "label.yourCall") : answerText(locale, "label.call"),
    value:
      call === null
        ? answerText(locale, "forecast.noCall")
        : answerText(locale, "forecast.call", {
            commit: money(context, call.commitMinor),
            bestCase: money(context, call.bestCaseMinor),
            commitVsQuota: quota ? call.commitMinor / quota : null,
          }),
  });

  const change = before === null ? null : forecastChange(before, deals, period);
  const label = labelOf(context, period);
  const headingText = own
    ? answerText(locale, "heading.forecast.own", { period: label })
    : answerText(locale, "heading.forecast.person", { name: person.name, period: label });
  return {
    summary: `${headingText}: ${fields[1]!.label} ${fields[1]!.value} · ${fields[5]!.label} ${fields[5]!.value}`,
    blocks: [
      { kind: "heading", text: headingText },
      { kind: "fields", fields },
      ...(periodQuota === null ? [] : proRatedBlocks(context, periodQuota)),
      ...changeBlocks(context, snapshotDate, change?.before ?? null, totals, change?.moves ?? []),
      ...overdueBlocks(context, overdue, projection.expectedFromOverdueMinor),
      periodContext(context, period),
    ],
  };
}
