// `/quota` about one person: standing, what-if, amount to a target, next tier.
import { amountToReach, commissionForPeriod, nextTier, type PeriodCommission, type PlanPeriod } from "../commission.js";
import { addDays, earlierOf, laterOf } from "../dates.js";
import { formatMoney, formatPercent } from "../i18n/format.js";
import { t } from "../i18n/messages.js";
import { answerText } from "../i18n/answers.js";
import type { Period } from "../period-spec.js";
import { currentQuarter, periodContaining } from "../periods.js";
import { amountToMinor, type AmountReading, type AmountRejection } from "../questions/parse-amount.js";
import { closedWonIn, openPipelineIn, quotaForPeriod, quotaStanding, trailingWinRateWindow, type PeriodQuota, type QuotaStanding } from "../quota.js";
import type { Reply, ReplyBlock } from "../reply.js";
import type { DateRange, Person, SalesData, TenantProfile } from "../sales-data.js";
import type { Opportunity, OpportunityState, QuotaRecord } from "../types.js";
import { reportsUnder } from "../org-chart.js";
import { loadPeriodQuotas } from "./period-quotas.js";
import type { QuestionContext } from "./question-context.js";
import { accountToShow, foldName, labelOf, money, periodContext, periodLabel, textReply } from "./reply-parts.js";
import { reportsQuotaSum, teamQuotaSource } from "./team-scope.js";
import { whatIfDealButton } from "./what-if-deal-value.js";

/** One person's quota figures for a period, loaded after access was granted. */
interface PersonQuota {
  person: Person;
  period: Period;
  /** The period's quota by THE QUOTA RULE; null without an overlapping quota row. */
  quota: PeriodQuota | null;
  /** Null without a quota row. */
  standing: QuotaStanding | null;
  deals: Opportunity[];
  /** What the person is credited with: their own deals and, for a manager, everything below them (summed). */
  credited: OpportunityState[];
  /** The person's plan periods overlapping the period. */
  planPeriods: PlanPeriod[];
  /** Commission per plan period (rule 5); null without a plan or a quota. */
  commission: PeriodCommission | null;
  /** The plan period's quota over its own dates, minor units (rule 2). */
  planQuotaOf: (range: DateRange) => number;
  /** Σ of the direct reports' quotas (rule 3), null for someone without reports or when none has one. */
  reportsQuotaMinor: number | null;
}

/** The date a deal or amount of a what-if is credited on: today, kept inside the period. */
function landingDate(period: Pick<Period, "start" | "end">, today: string): string {
  return laterOf(period.start, earlierOf(today, period.end));
}

/**
 * Loads what `/quota` needs about `person` (whom the asker may see): their quota rows and
 * holidays (THE QUOTA RULE), their deals of the period, of the trailing win-rate window and of
 * their plan periods (plus, for a manager, their reports' deals summed), their plan periods, and
 * their direct reports' quotas. `dealsAhead` also loads open deals closing up to a year after
 * today (for "what if I close <deal>").
 */
async function loadPersonQuota(context: QuestionContext, person: Person, period: Period, dealsAhead = false): Promise<PersonQuota> {
  const { data, tenantId, today, tenant, org } = context;
  const window = trailingWinRateWindow(today, tenant.fiscalYearStartMonth);
  let end = laterOf(period.end, window.end);
  if (dealsAhead) end = laterOf(end, addDays(today, 365));
  let range = { start: earlierOf(window.start, period.start), end };
  // A manager is credited with everything closed below them (summed per group — their reports'
  // deals are never loaded one by one); their quota is their own rows (rule 3).
  const reports = reportsUnder(org, person.id);
  const direct = (org.directReports.get(person.id) ?? []).filter((id) => id !== person.id);
  const [quotas, deals, planPeriods, teamSummaries] = await Promise.all([
    loadPeriodQuotas(data, tenantId, [person.id, ...direct], period, [window]),
    data.deals(tenantId, [person.id], range),
    data.planAssignments(tenantId, person.id, period),
    reports.length === 0 ? Promise.resolve([] as OpportunityState[]) : data.dealSummaries(tenantId, reports, range),
  ]);
  const credited: OpportunityState[] = teamSummaries.length === 0 ? [...deals] : [...deals, ...teamSummaries];
  // A plan period that began before what was loaded (a quarter plan asked about a later month): its deals too.
  const planStart = planPeriods.reduce((earliest, plan) => earlierOf(earliest, plan.start), range.start);
  if (planStart < range.start) {
    const before = { start: planStart, end: addDays(range.start, -1) };
    const [ownBefore, teamBefore] = await Promise.all([
      data.deals(tenantId, [person.id], before),
      reports.length === 0 ? Promise.resolve([] as OpportunityState[]) : data.dealSummaries(tenantId, reports, before),
    ]);
    deals.push(...ownBefore);
    credited.push(...ownBefore, ...teamBefore);
    range = { start: planStart, end: range.end };
  }
  // The plan periods' quotas are over their own dates, which may reach past the asked period.
  let ownRows: QuotaRecord[] = quotas.records.filter((row) => row.employeeId === person.id);
  const planEnd = planPeriods.reduce((latest, plan) => laterOf(latest, plan.end), period.end);
  if (planStart < period.start || planEnd > period.end) {
    ownRows = await data.quotas(tenantId, [person.id], { start: earlierOf(planStart, period.start), end: planEnd });
  }
  const holidays = quotas.holidaysOf(person.id);
  const planQuotaOf = (dates: DateRange): number => quotaForPeriod(ownRows, dates, holidays).quotaMinor;

  const quota = quotas.quotas.get(person.id) ?? null;
  const standing =
    quota === null
      ? null
      : quotaStanding({
          period,
          today,
          quota,
          currency: tenant.currency,
          startDate: person.startDate,
          opportunities: credited,
          fiscalYearStartMonth: tenant.fiscalYearStartMonth,
          holidays,
        });
  const commission =
    planPeriods.length === 0 ? null : commissionForPeriod(planPeriods, period, planQuotaOf, (dates) => closedWonIn(credited, dates));
  const quotaMap = new Map([...quotas.quotas].map(([id, figures]) => [id, figures.quotaMinor]));
  const reportsQuotaMinor =
    direct.length === 0 ? null : reportsQuotaSum(person.id, (id) => (id === person.id ? direct : []), quotaMap);
  return { person, period, quota, standing, deals, credited, planPeriods, commission, planQuotaOf, reportsQuotaMinor };
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
 * The person's attainment of their quota (a fraction: 0.85 for 85 %) in the fiscal quarter
 * containing `today`, as `/quota` computes it (THE QUOTA RULE, a manager's own quota, credited
 * with everything closed below them), from the quarter's deals summed into one group — none of
 * `/quota`'s other figures is needed. Null without a quota or with a zero one. Pulse surveys
 * keep only its band (see `attainmentBand`).
 */
export async function currentQuarterAttainment(options: CurrentQuarterAttainmentOptions): Promise<number | null> {
  const { data, tenant, person, today } = options;
  const period = currentQuarter(today, tenant.fiscalYearStartMonth);
  const owners = [person.id, ...options.reports];
  const [quotas, summaries] = await Promise.all([
    loadPeriodQuotas(data, tenant.id, [person.id], period),
    data.dealSummaries(tenant.id, owners, period, new Map(owners.map((owner) => [owner, person.id]))),
  ]);
  const quota = quotas.quotas.get(person.id);
  if (!quota) return null;
  return quotaStanding({
    period,
    today,
    quota,
    currency: tenant.currency,
    startDate: person.startDate,
    opportunities: summaries,
    fiscalYearStartMonth: tenant.fiscalYearStartMonth,
    holidays: quotas.holidaysOf(person.id),
  }).attainment;
}

function isAsker(context: QuestionContext, person: Person): boolean {
  return person.id === context.asker.id;
}

function nameOrYou(context: QuestionContext, person: Person): string | null {
  return isAsker(context, person) ? null : person.name;
}

/** The plain "no quota" answer (or "no quota applies" when the quota is 0); null when there is a quota. */
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
          { label: t(context.locale, "label.closedWon"), value: moneyText(context, closedWonIn(figures.credited, period)) },
          { label: t(context.locale, "label.pipeline"), value: moneyText(context, openPipelineIn(figures.credited, period)) },
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

/** The fiscal month, quarter, half or year a range of dates is exactly, if any. */
function fiscalPeriodOf(context: QuestionContext, range: DateRange): Period | null {
  for (const kind of ["month", "quarter", "half", "year"] as const) {
    const candidate = periodContaining(kind, range.start, context.tenant.fiscalYearStartMonth);
    if (candidate.start === range.start && candidate.end === range.end) return candidate;
  }
  return null;
}

/** A quota row's or plan period's name: its fiscal label, else its dates. */
function rangeLabel(context: QuestionContext, range: DateRange): string {
  const fiscal = fiscalPeriodOf(context, range);
  if (fiscal) return periodLabel(context.locale, fiscal, context.tenant.fiscalYearStartMonth);
  return `${range.start} – ${range.end}`;
}

/** The ramp, pro-ration and (for a manager) reports' quotas lines, when they apply. */
function adjustments(context: QuestionContext, figures: PersonQuota, standing: QuotaStanding): ReplyBlock[] {
  const lines: string[] = [];
  for (const share of standing.quotaRows) {
    if (share.row.rampPercent < 100) {
      lines.push(answerText(context.locale, "quota.ramping", { rampFraction: share.row.rampPercent / 100, fullQuota: money(context, share.row.amountMinor) }));
    }
    // A row reaching outside the period counts for its working-day share (THE QUOTA RULE 2).
    if (share.row.periodStart < figures.period.start || share.row.periodEnd > figures.period.end) {
      lines.push(
        answerText(context.locale, "quota.proRated", {
          days: share.shareWorkingDays,
          rowDays: share.rowWorkingDays,
          row: rangeLabel(context, { start: share.row.periodStart, end: share.row.periodEnd }),
        }),
      );
    }
  }
  if (figures.reportsQuotaMinor !== null) {
    lines.push(
      answerText(context.locale, "quota.reportsSum", {
        name: nameOrYou(context, figures.person),
        sum: money(context, figures.reportsQuotaMinor),
        share: standing.effectiveQuotaMinor === 0 ? null : figures.reportsQuotaMinor / standing.effectiveQuotaMinor,
      }),
    );
  }
  return lines.length === 0 ? [] : [{ kind: "text", text: lines.join("\n") }];
}

function paceText(context: QuestionContext, standing: QuotaStanding): string {
  const expected = money(context, standing.expectedToDateMinor);
  if (standing.pace === null) return answerText(context.locale, "pace.notStarted");
  if (Math.abs(standing.pace - 1) < 0.005) return answerText(context.locale, "pace.onTrack", { expected });
  return answerText(context.locale, standing.pace > 1 ? "pace.ahead" : "pace.behind", { pace: standing.pace, expected });
}

function commissionText(context: QuestionContext, figures: PersonQuota): string {
  if (figures.commission === null) return answerText(context.locale, "commission.notAvailable");
  return moneyText(context, figures.commission.payoutMinor);
}

/** "Capped at RM 70,000 per quarter": the plan's cap, named by the length of its plan period. */
function capNote(context: QuestionContext, commission: PeriodCommission): string | null {
  const capped = commission.planPeriods.find((line) => line.earned?.cappedByPlan === true);
  const cap = capped?.planPeriod.plan.payoutCapMinor;
  if (!capped || cap === undefined || cap === null) return null;
  const per = fiscalPeriodOf(context, capped.planPeriod)?.kind ?? "period";
  return answerText(context.locale, "commission.capped", { cap: money(context, cap), per });
}

/** The commission notes: a plan period's to-date figure, and the cap when it bit. */
function commissionNotes(context: QuestionContext, commission: PeriodCommission | null): string[] {
  if (commission === null) return [];
  const notes: string[] = [];
  const partial = commission.planPeriods.find((line) => line.toDate);
  if (partial) notes.push(answerText(context.locale, "commission.toDate", { planStart: partial.planPeriod.start, planEnd: partial.planPeriod.end, to: partial.creditedTo }));
  const cap = capNote(context, commission);
  if (cap) notes.push(cap);
  return notes;
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
  ];
  // An ended period shows its final result: no pace, nothing needed per week, no coverage.
  if (!standing.ended) {
    fields.push({ label: t(locale, "label.pace"), value: paceText(context, standing) });
    if (standing.gapMinor > 0) {
      const winRate = standing.trailingWinRate.winRate;
      fields.push(
        { label: t(locale, "label.neededPerWeek"), value: moneyText(context, standing.neededPerWeekMinor) },
        { label: t(locale, "label.pipelineCoverage"), value: answerText(locale, "coverage.value", { coverage: standing.coverage ?? 0 }) },
        {
          label: t(locale, "label.coverageNeeded"),
          value:
            winRate === null
              ? answerText(locale, "coverage.noHistory")
              : winRate === 0 || standing.neededCoverage === null
                ? answerText(locale, "coverage.zeroWinRate")
                : answerText(locale, "coverage.needed", { coverage: standing.neededCoverage, winRate }),
        },
      );
    } else {
      fields.push({ label: t(locale, "label.pipelineCoverage"), value: answerText(locale, "coverage.quotaMet") });
    }
  }
  fields.push({ label: t(locale, "label.commissionEarned"), value: commissionText(context, figures) });
  const notes = [
    ...(standing.ended ? [answerText(locale, "quota.ended", { period: labelOf(context, period) })] : []),
    ...commissionNotes(context, figures.commission),
  ];
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
      ...(notes.length === 0 ? [] : [{ kind: "text" as const, text: notes.join("\n") }]),
      periodContext(context, period),
    ],
  };
}

/**
 * The commission after `dealMinor` more is credited on `onDate` (in the plan period containing
 * it): tiers and caps apply per plan period (rule 5).
 */
function commissionWith(figures: PersonQuota, dealMinor: number, onDate: string): PeriodCommission {
  return commissionForPeriod(figures.planPeriods, figures.period, figures.planQuotaOf, (dates) =>
    closedWonIn(figures.credited, dates) + (onDate >= dates.start && onDate <= dates.end ? dealMinor : 0),
  );
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
  if (figures.commission !== null) {
    const before = figures.commission;
    const withDeal = commissionWith(figures, dealMinor, landingDate(figures.period, context.today));
    const change = withDeal.payoutMinor - before.payoutMinor;
    const sign = change > 0 ? "+" : change < 0 ? "-" : "";
    fields.push(
      { label: t(locale, "label.payoutChange"), value: `${sign}${moneyText(context, Math.abs(change))}` },
      { label: answerText(locale, "label.payout"), value: `${moneyText(context, before.payoutMinor)} → ${moneyText(context, withDeal.payoutMinor)}` },
    );
    notes.push(...commissionNotes(context, withDeal));
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

/** Most deals a what-if offers to pick from (numbered, each with a button). */
const MAX_DEAL_CHOICES = 8;

/**
 * `/quota what if I close Acme renewal`: the deal among the person's open deals, by name or
 * account. Several matches are offered as numbered choices, largest first, each with a button
 * that answers that deal's what-if (the same answer as `answerWhatIfDealById`).
 */
export async function answerWhatIfDeal(context: QuestionContext, person: Person, period: Period, query: string): Promise<Reply> {
  const figures = await loadPersonQuota(context, person, period, true);
  const wanted = foldName(query);
  const open = figures.deals.filter((deal) => !deal.isClosed);
  const matches = open.filter((deal) => foldName(deal.name).includes(wanted) || foldName(deal.accountName ?? "").includes(wanted));
  const exact = matches.filter((deal) => foldName(deal.name) === wanted);
  const chosen = exact.length === 1 ? exact : matches;
  if (chosen.length === 0) return textReply(t(context.locale, "deal.notFound", { query }));
  if (chosen.length > 1) return dealChoices(context, period, query, chosen);
  return whatIfForDeal(context, figures, chosen[0]!);
}

/** The what-if of one of the person's open deals, by id (a "What if this closes?" button). */
export async function answerWhatIfDealById(context: QuestionContext, person: Person, period: Period, dealId: string): Promise<Reply> {
  const figures = await loadPersonQuota(context, person, period, true);
  const deal = figures.deals.find((candidate) => candidate.id === dealId && !candidate.isClosed);
  if (deal === undefined) return textReply(answerText(context.locale, "whatIf.dealNotOpen"));
  return whatIfForDeal(context, figures, deal);
}

function whatIfForDeal(context: QuestionContext, figures: PersonQuota, deal: Opportunity): Reply {
  const line = answerText(context.locale, "whatIf.dealLine", {
    name: deal.name,
    account: accountToShow(deal),
    amount: money(context, deal.amountMinor),
    closeDate: deal.closeDate,
  });
  return whatIfReply(context, figures, deal.name, deal.amountMinor, line);
}

function dealChoices(context: QuestionContext, period: Period, query: string, deals: readonly Opportunity[]): Reply {
  const { locale } = context;
  const sorted = [...deals].sort((a, b) => b.amountMinor - a.amountMinor || a.name.localeCompare(b.name));
  const shown = sorted.slice(0, MAX_DEAL_CHOICES);
  const intro = answerText(locale, "deal.choose", { query, shown: shown.length, moreCount: sorted.length - shown.length });
  const lines = shown.map((deal, i) =>
    `${i + 1}. ${answerText(locale, "whatIf.dealLine", {
      name: deal.name,
      account: accountToShow(deal),
      amount: money(context, deal.amountMinor),
      closeDate: deal.closeDate,
    })}`,
  );
  const blocks: ReplyBlock[] = [
    { kind: "text", text: [intro, ...lines].join("\n") },
    { kind: "actions", buttons: shown.map((deal, i) => whatIfDealButton(`${i + 1}. ${deal.name}`, deal, period)) },
  ];
  if (sorted.length > shown.length) blocks.push({ kind: "context", text: t(locale, "list.andMore", { count: sorted.length - shown.length }) });
  return { summary: intro, blocks };
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

/**
 * `/quota next tier`: what it takes to reach the next commission tier and the rate there. Tiers
 * apply per plan period, so this is the plan period containing today (kept inside the asked
 * period): its quota over its own dates and what is credited in it so far.
 */
export async function answerNextTier(context: QuestionContext, person: Person, period: Period): Promise<Reply> {
  const figures = await loadPersonQuota(context, person, period);
  const missing = withoutQuota(context, figures);
  if (missing) return missing;
  const { locale } = context;
  const headingText = answerText(locale, "heading.nextTier", { name: nameOrYou(context, person), period: labelOf(context, period) });
  const onDate = landingDate(period, context.today);
  const line =
    figures.commission?.planPeriods.find((candidate) => candidate.planPeriod.start <= onDate && candidate.planPeriod.end >= onDate) ??
    figures.commission?.planPeriods.at(-1);
  if (!line || line.earned === null) {
    const text = answerText(locale, "whatIf.commissionNotAvailable");
    return { summary: text, blocks: [{ kind: "heading", text: headingText }, { kind: "text", text }, periodContext(context, period)] };
  }
  const plan = line.planPeriod.plan;
  const next = nextTier(plan, line.quotaMinor, line.creditedMinor);
  const earned = line.earned;
  const currentLine = earned.lines[earned.lines.length - 1];
  const currentRate = currentLine?.rate ?? plan.tiers[0]!.rate;
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
        { label: answerText(locale, "label.currentAttainment"), value: percentText(context, earned.attainment) },
        { label: answerText(locale, "label.currentRate"), value: percentText(context, currentRate) },
      ],
    });
    summary = `${headingText}: ${value}, ${moneyText(context, next.amountNeeded)}`;
  }
  const notes = commissionNotes(context, { ...figures.commission!, planPeriods: [line], toDate: line.toDate, cappedByPlan: earned.cappedByPlan });
  if (notes.length > 0) blocks.push({ kind: "text", text: notes.join("\n") });
  blocks.push(periodContext(context, period));
  return { summary, blocks };
}
