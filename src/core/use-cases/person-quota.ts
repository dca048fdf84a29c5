// `/quota` about one person: standing, what-if, amount to a target, next tier.
import { amountToReach, commissionEarned, nextTier, whatIfClose, type CommissionPlan } from "../commission.js";
import { addDays, earlierOf, laterOf } from "../dates.js";
import { formatMoney, formatPercent } from "../i18n/format.js";
import { t } from "../i18n/messages.js";
import { answerText } from "../i18n/answers.js";
import type { Period } from "../period-spec.js";
import { currentQuarter } from "../periods.js";
import { amountToMinor, type AmountReading, type AmountRejection } from "../questions/parse-amount.js";
import { closedWonIn, openPipelineIn, quotaStanding, trailingWinRateWindow, type QuotaStanding } from "../quota.js";
import { cutList, type Reply, type ReplyBlock } from "../reply.js";
import type { Person, SalesData, TenantProfile } from "../sales-data.js";
import type { Opportunity, QuotaRecord } from "../types.js";
import { reportsUnder } from "../org-chart.js";
import type { QuestionContext } from "./question-context.js";
import { foldName, labelOf, money, periodContext, textReply } from "./reply-parts.js";

/** One person's quota figures for a period, loaded after access was granted. */
interface PersonQuota {
  person: Person;
  period: Period;
  record: QuotaRecord | null;
  /** Null without a quota record. */
  standing: QuotaStanding | null;
  deals: Opportunity[];
  plan: CommissionPlan | null;
}

/**
 * Loads what `/quota` needs about `person` (whom the asker may see): their quota, their deals of
 * the period and of the trailing win-rate window (plus, for a manager, their reports' deals
 * summed), and their commission plan. `dealsAhead` also
 * loads open deals closing up to a year after today (for "what if I close <deal>").
 */
async function loadPersonQuota(context: QuestionContext, person: Person, period: Period, dealsAhead = false): Promise<PersonQuota> {
  const { data, tenantId, today, tenant } = context;
  const window = trailingWinRateWindow(today, tenant.fiscalYearStartMonth);
  let end = laterOf(period.end, window.end);
  if (dealsAhead) end = laterOf(end, addDays(today, 365));
  const range = { start: earlierOf(window.start, period.start), end };
  // The plan of the period, as of today when today falls in it.
  const planDate = laterOf(period.start, earlierOf(today, period.end));
  // A manager's quota is their team's: they are credited with everything closed below them
  // (summed per group — their reports' deals are never loaded one by one).
  const reports = reportsUnder(context.org, person.id);
  const [records, deals, plan, teamSummaries] = await Promise.all([
    data.quotas(tenantId, [person.id], period),
    data.deals(tenantId, [person.id], range),
    data.commissionPlan(tenantId, person.id, planDate),
    reports.length === 0 ? Promise.resolve([]) : data.dealSummaries(tenantId, reports, range),
  ]);
  const record = records.find((candidate) => candidate.employeeId === person.id) ?? null;
  const standing =
    record === null
      ? null
      : quotaStanding({
          period,
          today,
          quota: { amountMinor: record.amountMinor, currency: tenant.currency, rampPercent: record.rampPercent },
          startDate: person.startDate,
          opportunities: teamSummaries.length === 0 ? deals : [...deals, ...teamSummaries],
          fiscalYearStartMonth: tenant.fiscalYearStartMonth,
        });
  return { person, period, record, standing, deals, plan };
}

export interface CurrentQuarterAttainmentOptions {
  data: SalesData;
  tenant: TenantProfile;
  person: Person;
  /** Everyone below the person (transitively): a manager is credited with what they close. */
  reports: readonly string[];
  /** The person's local calendar date (ISO). */
  today: string;
}

/**
 * The person's attainment of their effective quota (a fraction: 0.85 for 85 %) in the fiscal
 * quarter containing `today`, as `/quota` computes it (`quotaStanding`, a manager credited with
 * everything closed below them), from the quarter's deals summed into one group — none of
 * `/quota`'s other figures is needed. Null without a quota or with a zero one. Pulse surveys
 * keep only its band (see `attainmentBand`).
 */
export async function currentQuarterAttainment(options: CurrentQuarterAttainmentOptions): Promise<number | null> {
  const { data, tenant, person, today } = options;
  const period = currentQuarter(today, tenant.fiscalYearStartMonth);
  const owners = [person.id, ...options.reports];
  const [records, summaries] = await Promise.all([
    data.quotas(tenant.id, [person.id], period),
    data.dealSummaries(tenant.id, owners, period, new Map(owners.map((owner) => [owner, person.id]))),
  ]);
  const record = records.find((candidate) => candidate.employeeId === person.id);
  if (!record) return null;
  return quotaStanding({
    period,
    today,
    quota: { amountMinor: record.amountMinor, currency: tenant.currency, rampPercent: record.rampPercent },
    startDate: person.startDate,
    opportunities: summaries,
    fiscalYearStartMonth: tenant.fiscalYearStartMonth,
  }).attainment;
}

function isAsker(context: QuestionContext, person: Person): boolean {
  return person.id === context.asker.id;
}

function nameOrYou(context: QuestionContext, person: Person): string | null {
  return isAsker(context, person) ? null : person.name;
}

/** The plain "no quota" answer (or "no quota applies" when the effective quota is 0); null when there is a quota. */
function withoutQuota(context: QuestionContext, figures: PersonQuota): Reply | null {
  const { standing, period, person } = figures;
  if (standing !== null && standing.effectiveQuotaMinor > 0) return null;
  const name = nameOrYou(context, person);
  const label = labelOf(context, period);
  const text = answerText(context.locale, standing === null ? "quota.noQuota" : "quota.zeroQuota", { name, period: label });
  return {
    summary: answerText(context.locale, "summary.noQuota", { name, period: label }),
    blocks: [
      { kind: "heading", text: heading(context, person, period) },
      { kind: "text", text },
      {
        kind: "fields",
        fields: [
          { label: t(context.locale, "label.closedWon"), value: moneyText(context, closedWonIn(figures.deals, period)) },
          { label: t(context.locale, "label.pipeline"), value: moneyText(context, openPipelineIn(figures.deals, period)) },
        ],
      },
      periodContext(context, period),
    ],
  };
}

function heading(context: QuestionContext, person: Person, period: Period): string {
  const label = labelOf(context, period);
  return isAsker(context, person)
    ? answerText(context.locale, "heading.quota.own", { period: label })
    : answerText(context.locale, "heading.quota.person", { name: person.name, period: label });
}

function moneyText(context: QuestionContext, minor: number): string {
  return formatMoney(minor, context.tenant.currency, context.locale);
}

function percentText(context: QuestionContext, fraction: number): string {
  return formatPercent(fraction, context.locale);
}

/** The ramp and pro-ration lines, when they apply. */
function adjustments(context: QuestionContext, figures: PersonQuota, standing: QuotaStanding): ReplyBlock[] {
  const lines: string[] = [];
  if (standing.rampFraction < 1 && figures.record) {
    lines.push(answerText(context.locale, "quota.ramping", { rampFraction: standing.rampFraction, fullQuota: money(context, figures.record.amountMinor) }));
  }
  if (standing.proRationFraction < 1 && figures.person.startDate) {
    lines.push(answerText(context.locale, "quota.proRated", { share: standing.proRationFraction, startDate: figures.person.startDate }));
  }
  return lines.length === 0 ? [] : [{ kind: "text", text: lines.join("\n") }];
}

function paceText(context: QuestionContext, standing: QuotaStanding): string {
  const expected = money(context, standing.expectedToDateMinor);
  if (standing.pace === null) return answerText(context.locale, "pace.notStarted");
  if (Math.abs(standing.pace - 1) < 0.005) return answerText(context.locale, "pace.onTrack", { expected });
  return answerText(context.locale, standing.pace > 1 ? "pace.ahead" : "pace.behind", { pace: standing.pace, expected });
}

function commissionText(context: QuestionContext, figures: PersonQuota, standing: QuotaStanding): string {
  if (figures.plan === null) return answerText(context.locale, "commission.notAvailable");
  const earned = commissionEarned(figures.plan, standing.effectiveQuotaMinor, standing.closedWonMinor);
  return moneyText(context, earned.payoutMinor);
}

/** `/quota` (standing): quota, closed, attainment, gap, pace, per week, coverage, commission. */
export async function answerStanding(context: QuestionContext, person: Person, period: Period): Promise<Reply> {
  const figures = await loadPersonQuota(context, person, period);
  const missing = withoutQuota(context, figures);
  if (missing) return missing;
  const standing = figures.standing!;
  const { locale } = context;
  const fields: Array<{ label: string; value: string }> = [
    { label: t(locale, "label.quota"), value: moneyText(context, standing.effectiveQuotaMinor) },
    { label: t(locale, "label.closedWon"), value: moneyText(context, standing.closedWonMinor) },
    { label: t(locale, "label.attainment"), value: percentText(context, standing.attainment!) },
    standing.overAttainmentMinor > 0
      ? { label: answerText(locale, "label.overQuota"), value: moneyText(context, standing.overAttainmentMinor) }
      : { label: t(locale, "label.gapToQuota"), value: moneyText(context, standing.gapMinor) },
    { label: t(locale, "label.pace"), value: paceText(context, standing) },
  ];
  if (standing.gapMinor > 0) {
    fields.push(
      { label: t(locale, "label.neededPerWeek"), value: moneyText(context, standing.neededPerWeekMinor) },
      { label: t(locale, "label.pipelineCoverage"), value: answerText(locale, "coverage.value", { coverage: standing.coverage ?? 0 }) },
      {
        label: t(locale, "label.coverageNeeded"),
        value:
          standing.neededCoverage === null || standing.trailingWinRate.winRate === null
            ? answerText(locale, "coverage.noHistory")
            : answerText(locale, "coverage.needed", { coverage: standing.neededCoverage, winRate: standing.trailingWinRate.winRate }),
      },
    );
  } else {
    fields.push({ label: t(locale, "label.pipelineCoverage"), value: answerText(locale, "coverage.quotaMet") });
  }
  fields.push({ label: t(locale, "label.commissionEarned"), value: commissionText(context, figures, standing) });
  return {
    summary: answerText(locale, "summary.standing", {
      name: nameOrYou(context, person),
      period: labelOf(context, period),
      attainment: standing.attainment!,
      closed: money(context, standing.closedWonMinor),
      quota: money(context, standing.effectiveQuotaMinor),
    }),
    blocks: [
      { kind: "heading", text: heading(context, person, period) },
      { kind: "fields", fields },
      ...adjustments(context, figures, standing),
      periodContext(context, period),
    ],
  };
}

/** What closing `dealMinor` does: payout change, payout and attainment before and after. */
function whatIfReply(context: QuestionContext, figures: PersonQuota, what: string, dealMinor: number, dealLine?: string): Reply {
  const missing = withoutQuota(context, figures);
  if (missing) return missing;
  const standing = figures.standing!;
  const { locale } = context;
  const quotaMinor = standing.effectiveQuotaMinor;
  const closed = standing.closedWonMinor;
  const after = (closed + dealMinor) / quotaMinor;
  const headingText = isAsker(context, figures.person)
    ? answerText(locale, "heading.whatIf.own", { what })
    : answerText(locale, "heading.whatIf.person", { name: figures.person.name, what });
  const fields: Array<{ label: string; value: string }> = [];
  const notes: string[] = [];
  if (figures.plan !== null) {
    const effect = whatIfClose(figures.plan, quotaMinor, closed, dealMinor);
    const sign = effect.payoutChange > 0 ? "+" : effect.payoutChange < 0 ? "-" : "";
    fields.push(
      { label: t(locale, "label.payoutChange"), value: `${sign}${moneyText(context, Math.abs(effect.payoutChange))}` },
      { label: answerText(locale, "label.payout"), value: `${moneyText(context, effect.payoutBefore)} → ${moneyText(context, effect.payoutAfter)}` },
    );
  } else {
    notes.push(answerText(locale, "whatIf.commissionNotAvailable"));
  }
  fields.push(
    { label: t(locale, "label.attainment"), value: `${percentText(context, closed / quotaMinor)} → ${percentText(context, after)}` },
    { label: t(locale, "label.closedWon"), value: `${moneyText(context, closed)} → ${moneyText(context, closed + dealMinor)}` },
  );
  const blocks: ReplyBlock[] = [{ kind: "heading", text: headingText }];
  if (dealLine) blocks.push({ kind: "text", text: dealLine });
  blocks.push({ kind: "fields", fields });
  if (notes.length > 0) blocks.push({ kind: "text", text: notes.join("\n") });
  blocks.push(periodContext(context, figures.period));
  const summaryValue = fields[0]!;
  return { summary: `${headingText}: ${summaryValue.label} ${summaryValue.value}`, blocks };
}

/** `/quota what if 50k`. */
export async function answerWhatIfAmount(
  context: QuestionContext,
  person: Person,
  period: Period,
  amount: AmountReading,
): Promise<Reply> {
  const parsed = amountToMinor(amount, { currency: context.tenant.currency });
  if (!parsed.ok) return amountRefusal(context, parsed);
  const figures = await loadPersonQuota(context, person, period);
  return whatIfReply(context, figures, moneyText(context, parsed.minor), parsed.minor);
}

/** The reply naming what was wrong with an amount (in the tenant's currency). */
export function amountRefusal(
  context: QuestionContext,
  parsed: { text: string; reason: AmountRejection; mentionedCurrency?: string; currencySymbol?: string },
): Reply {
  const currency = context.tenant.currency;
  if (parsed.reason === "currency_mismatch" && (parsed.currencySymbol ?? parsed.mentionedCurrency) !== undefined) {
    return textReply(
      t(context.locale, "amount.currencyMismatch", {
        text: parsed.text,
        mentioned: (parsed.currencySymbol ?? parsed.mentionedCurrency)!,
        currency,
      }),
    );
  }
  return textReply(t(context.locale, "amount.invalid", { text: parsed.text, reason: parsed.reason, currency }));
}

/** `/quota what if I close Acme renewal`: the deal among the person's open deals, by name or account. */
export async function answerWhatIfDeal(context: QuestionContext, person: Person, period: Period, query: string): Promise<Reply> {
  const figures = await loadPersonQuota(context, person, period, true);
  const wanted = foldName(query);
  const open = figures.deals.filter((deal) => !deal.isClosed);
  const matches = open.filter((deal) => foldName(deal.name).includes(wanted) || foldName(deal.accountName ?? "").includes(wanted));
  const exact = matches.filter((deal) => foldName(deal.name) === wanted);
  const chosen = exact.length === 1 ? exact : matches;
  if (chosen.length === 0) return textReply(t(context.locale, "deal.notFound", { query }));
  if (chosen.length > 1) {
    const names = chosen
      .sort((a, b) => b.amountMinor - a.amountMinor || a.name.localeCompare(b.name))
      .map((deal) => (deal.accountName ? `${deal.name} (${deal.accountName})` : deal.name));
    const { items, moreCount } = cutList(names, 8);
    return textReply(t(context.locale, "deal.ambiguous", { query, names: items, moreCount }));
  }
  const deal = chosen[0]!;
  const line = answerText(context.locale, "whatIf.dealLine", {
    name: deal.name,
    account: deal.accountName,
    amount: money(context, deal.amountMinor),
    closeDate: deal.closeDate,
  });
  return whatIfReply(context, figures, deal.name, deal.amountMinor, line);
}

/** `/quota how much to 120%`. */
export async function answerToTarget(context: QuestionContext, person: Person, period: Period, fraction: number): Promise<Reply> {
  const figures = await loadPersonQuota(context, person, period);
  const missing = withoutQuota(context, figures);
  if (missing) return missing;
  const standing = figures.standing!;
  const { locale } = context;
  const needed = amountToReach(standing.effectiveQuotaMinor, standing.closedWonMinor, fraction);
  const headingText = answerText(locale, "heading.toTarget", { name: nameOrYou(context, person), fraction });
  const blocks: ReplyBlock[] = [{ kind: "heading", text: headingText }];
  if (needed === 0) {
    blocks.push({ kind: "text", text: answerText(locale, "toTarget.reached", { fraction, attainment: standing.attainment! }) });
  } else {
    const fields = [
      { label: t(locale, "label.toReach", { fraction }), value: moneyText(context, needed) },
      { label: answerText(locale, "label.currentAttainment"), value: percentText(context, standing.attainment!) },
      { label: t(locale, "label.quota"), value: moneyText(context, standing.effectiveQuotaMinor) },
      { label: t(locale, "label.closedWon"), value: moneyText(context, standing.closedWonMinor) },
    ];
    blocks.push({ kind: "fields", fields });
  }
  blocks.push(periodContext(context, period));
  const summary = needed === 0 ? (blocks[1] as { text: string }).text : `${headingText}: ${moneyText(context, needed)}`;
  return { summary, blocks };
}

/** `/quota next tier`: what it takes to reach the next commission tier and the rate there. */
export async function answerNextTier(context: QuestionContext, person: Person, period: Period): Promise<Reply> {
  const figures = await loadPersonQuota(context, person, period);
  const missing = withoutQuota(context, figures);
  if (missing) return missing;
  const standing = figures.standing!;
  const { locale } = context;
  const headingText = answerText(locale, "heading.nextTier", { name: nameOrYou(context, person), period: labelOf(context, period) });
  if (figures.plan === null) {
    const text = answerText(locale, "whatIf.commissionNotAvailable");
    return { summary: text, blocks: [{ kind: "heading", text: headingText }, { kind: "text", text }, periodContext(context, period)] };
  }
  const next = nextTier(figures.plan, standing.effectiveQuotaMinor, standing.closedWonMinor);
  const earned = commissionEarned(figures.plan, standing.effectiveQuotaMinor, standing.closedWonMinor);
  const currentLine = earned.lines[earned.lines.length - 1];
  const currentRate = currentLine?.rate ?? figures.plan.tiers[0]!.rate;
  const blocks: ReplyBlock[] = [{ kind: "heading", text: headingText }];
  let summary: string;
  if (next === null) {
    const text = answerText(locale, "nextTier.top", { rate: currentRate });
    blocks.push({ kind: "text", text });
    summary = text;
  } else {
    const value = answerText(locale, "nextTier.value", { fromAttainment: next.tier.fromAttainment, rate: next.rateThere });
    blocks.push({
      kind: "fields",
      fields: [
        { label: t(locale, "label.nextTier"), value },
        { label: answerText(locale, "label.stillToClose"), value: moneyText(context, next.amountNeeded) },
        { label: answerText(locale, "label.currentAttainment"), value: percentText(context, standing.attainment!) },
        { label: answerText(locale, "label.currentRate"), value: percentText(context, currentRate) },
      ],
    });
    summary = `${headingText}: ${value}, ${moneyText(context, next.amountNeeded)}`;
  }
  blocks.push(periodContext(context, period));
  return { summary, blocks };
}
