// The digest's sections below the figures: the deals that moved since the previous digest, the
// deals at risk and why, the largest open deals, and the attainment leaderboard (at detail
// `totals`, the moves and the deals at risk as counts only). Each list is cut to a
// few lines with "…and N more" (the counts are of everything found), so a busy week still fits
// one Slack message.
import { buildLeaderboard, type LeaderboardEntry } from "../access.js";
import type { DealMove } from "../forecast.js";
import { answerText } from "../i18n/answers.js";
import type { DigestChangeKind } from "../i18n/digest-catalogue.js";
import { digestText } from "../i18n/digests.js";
import type { Locale } from "../i18n/locale.js";
import type { Period } from "../period-spec.js";
import { closedWonIn } from "../quota.js";
import type { ReplyBlock } from "../reply.js";
import type { Person, TrackedDeal } from "../sales-data.js";
import type { LeaderboardVisibility, Opportunity, OpportunityState } from "../types.js";

/** Lines shown per kind of change, at-risk deals shown, top deals, leaderboard lines. */
export const MOVES_PER_KIND = 5;
export const AT_RISK_SHOWN = 8;
export const TOP_DEALS = 5;
export const LEADERBOARD_SHOWN = 10;
/** A deal name longer than this is cut (CRM names can be paragraphs). */
const MAX_NAME = 80;

/** The at-risk rules: no logged activity for this many days; in the same stage for this many. */
export const IDLE_DAYS = 14;
export const STUCK_DAYS = 30;
const MS_PER_DAY = 86_400_000;

export interface SectionContext {
  locale: Locale;
  currency: string;
  /** The team's local date (ISO) and the instant of composing. */
  today: string;
  now: Date;
  names: ReadonlyMap<string, Person>;
}

const money = (context: SectionContext, minor: number) => ({ minor, currency: context.currency });

function dealName(deal: { name?: string | null; accountName?: string | null; id: string }): string {
  const name = deal.name ?? deal.accountName ?? deal.id;
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 1)}…`;
}

function ownerName(context: SectionContext, ownerId: string): string {
  return context.names.get(ownerId)?.name ?? ownerId;
}

const KIND_ORDER: readonly DigestChangeKind[] = ["won", "lost", "pushed", "pulledIn", "new", "amount", "stage"];

/** The moves of a week grouped the way the digest names them; a resized deal that also changed stage shows under both. */
export function groupMoves(moves: readonly DealMove[]): Map<DigestChangeKind, DealMove[]> {
  const groups = new Map<DigestChangeKind, DealMove[]>(KIND_ORDER.map((kind) => [kind, []]));
  for (const move of moves) {
    switch (move.kind) {
      case "won":
      case "lost":
      case "pushed":
      case "pulledIn":
      case "new":
        groups.get(move.kind)!.push(move);
        break;
      case "changed":
        if (move.amountChanged) groups.get("amount")!.push(move);
        if (move.stageChanged) groups.get("stage")!.push(move);
        break;
      default:
        // Reopened and removed deals are rare corrections; the change line's figures include them.
        break;
    }
  }
  return groups;
}

function moveLine(context: SectionContext, kind: DigestChangeKind, move: DealMove): string {
  const { locale } = context;
  const name = dealName({ id: move.opportunityId, name: move.name, accountName: move.accountName });
  const owner = ownerName(context, move.ownerId);
  const amount = money(context, (kind === "lost" ? move.amountBeforeMinor : move.amountAfterMinor) ?? move.amountBeforeMinor ?? 0);
  switch (kind) {
    case "won":
    case "lost":
    case "new":
      return digestText(locale, "move.deal", { name, owner, amount });
    case "pushed":
    case "pulledIn":
      return digestText(locale, "move.dated", { name, owner, amount, from: move.closeDateBefore, to: move.closeDateAfter ?? "" });
    case "amount":
      return digestText(locale, "move.amount", {
        name,
        owner,
        before: money(context, move.amountBeforeMinor ?? 0),
        after: money(context, move.amountAfterMinor ?? 0),
      });
    case "stage":
      return digestText(locale, "move.stage", { name, owner, amount, from: move.stageBefore ?? "", to: move.stageAfter ?? "" });
  }
}

/** One titled list per kind of change that happened (largest deals first), or a line saying nothing moved. */
export function changeSections(context: SectionContext, moves: readonly DealMove[]): ReplyBlock[] {
  const blocks: ReplyBlock[] = [];
  for (const [kind, list] of groupMoves(moves)) {
    if (list.length === 0) continue;
    const ordered = kind === "amount" ? [...list].sort((a, b) => Math.abs(b.amountChangeMinor) - Math.abs(a.amountChangeMinor)) : list;
    blocks.push({
      kind: "list",
      title: digestText(context.locale, "changes.title", { kind, count: list.length }),
      items: ordered.slice(0, MOVES_PER_KIND).map((move) => moveLine(context, kind, move)),
      moreCount: Math.max(0, list.length - MOVES_PER_KIND),
    });
  }
  if (blocks.length === 0) blocks.push({ kind: "context", text: digestText(context.locale, "changes.none") });
  return blocks;
}

/** A `totals` digest's moves: how many deals of each kind, none named (the kinds with none left out). */
export function changeCounts(context: SectionContext, moves: readonly DealMove[]): ReplyBlock[] {
  const counts = [...groupMoves(moves)].filter(([, list]) => list.length > 0).map(([kind, list]) => ({ kind, count: list.length }));
  return [{ kind: counts.length === 0 ? "context" : "text", text: digestText(context.locale, "changes.counts", { counts }) }];
}

/** A `totals` digest's deals at risk: how many, none named. */
export function atRiskCount(context: SectionContext, found: { total: number }): ReplyBlock[] {
  return [{ kind: found.total === 0 ? "context" : "text", text: digestText(context.locale, "risk.count", { count: found.total, idleDays: IDLE_DAYS, stuckDays: STUCK_DAYS }) }];
}

/** Why a deal is at risk, in the digest's words; empty when none of the rules holds. */
export function riskReasons(context: SectionContext, deal: TrackedDeal): string[] {
  const { locale, today, now } = context;
  const reasons: string[] = [];
  if (deal.closeDate < today) reasons.push(digestText(locale, "risk.overdue", { closeDate: deal.closeDate }));
  const daysSince = (instant: Date | null): number | null =>
    instant === null ? null : Math.floor((now.getTime() - instant.getTime()) / MS_PER_DAY);
  const idle = daysSince(deal.lastActivityAt);
  if (idle !== null && now.getTime() - deal.lastActivityAt!.getTime() > IDLE_DAYS * MS_PER_DAY) {
    reasons.push(digestText(locale, "risk.noActivity", { days: idle }));
  }
  const inStage = daysSince(deal.stageEnteredAt);
  if (inStage !== null && now.getTime() - deal.stageEnteredAt!.getTime() > STUCK_DAYS * MS_PER_DAY) {
    reasons.push(digestText(locale, "risk.stuck", { stage: deal.stageName, days: inStage }));
  }
  return reasons;
}

/** The thresholds the data source filters by, from the same rules `riskReasons` applies. */
export function atRiskCriteria(context: Pick<SectionContext, "today" | "now">, period: Pick<Period, "end">) {
  return {
    closeDateOnOrBefore: period.end,
    closeDateBefore: context.today,
    noActivitySince: new Date(context.now.getTime() - IDLE_DAYS * MS_PER_DAY),
    inStageSince: new Date(context.now.getTime() - STUCK_DAYS * MS_PER_DAY),
  };
}

export function atRiskSection(context: SectionContext, found: { deals: readonly TrackedDeal[]; total: number }): ReplyBlock[] {
  const { locale } = context;
  if (found.total === 0) return [{ kind: "context", text: digestText(locale, "risk.none", { idleDays: IDLE_DAYS, stuckDays: STUCK_DAYS }) }];
  const items: string[] = [];
  for (const deal of found.deals.slice(0, AT_RISK_SHOWN)) {
    const reasons = riskReasons(context, deal);
    if (reasons.length === 0) continue;
    items.push(
      digestText(locale, "risk.line", {
        name: dealName(deal),
        owner: ownerName(context, deal.ownerId),
        amount: money(context, deal.amountMinor),
        reasons,
      }),
    );
  }
  return [
    {
      kind: "list",
      title: digestText(locale, "risk.title", { count: found.total }),
      items,
      moreCount: Math.max(0, found.total - items.length),
    },
  ];
}

export function topDealsSection(context: SectionContext, deals: readonly Opportunity[]): ReplyBlock[] {
  const { locale } = context;
  if (deals.length === 0) return [{ kind: "context", text: digestText(locale, "top.none") }];
  return [
    {
      kind: "list",
      title: digestText(locale, "top.title", { count: deals.length }),
      items: deals.map((deal) =>
        digestText(locale, "top.line", {
          name: dealName(deal),
          owner: ownerName(context, deal.ownerId),
          amount: money(context, deal.amountMinor),
          stage: deal.stageName,
          closeDate: deal.closeDate,
        }),
      ),
      moreCount: 0,
    },
  ];
}

/**
 * The team's reps ranked by attainment, as the tenant allows: nothing when it is off, ranks and
 * percentages, or with amounts too. Active reps with a quota; a posted digest has no "you".
 */
export function leaderboardSection(
  context: SectionContext,
  visibility: LeaderboardVisibility,
  members: readonly Person[],
  summaries: readonly OpportunityState[],
  quotas: ReadonlyMap<string, number>,
  period: Period,
  periodText: string,
): ReplyBlock[] {
  if (visibility === "off") return [];
  const { locale } = context;
  const byOwner = new Map<string, OpportunityState[]>();
  for (const summary of summaries) {
    const list = byOwner.get(summary.ownerId);
    if (list) list.push(summary);
    else byOwner.set(summary.ownerId, [summary]);
  }
  const entries: LeaderboardEntry[] = members
    .filter((person) => person.active && person.role === "rep")
    .map((person) => {
      const quota = quotas.get(person.id) ?? 0;
      const closed = closedWonIn(byOwner.get(person.id) ?? [], period);
      return { employeeId: person.id, name: person.name, attainment: quota > 0 ? closed / quota : null, closedWonMinor: closed, effectiveQuotaMinor: quota };
    });
  const rows = buildLeaderboard(visibility, entries);
  if (rows.length === 0) return [{ kind: "context", text: answerText(locale, "leaderboard.empty", { period: periodText }) }];
  return [
    {
      kind: "list",
      title: digestText(locale, "leaderboard.title"),
      items: rows.slice(0, LEADERBOARD_SHOWN).map((row) =>
        answerText(locale, "leaderboard.line", {
          rank: row.rank,
          name: row.name,
          attainment: row.attainment,
          isYou: false,
          ...(row.closedWonMinor === undefined || row.effectiveQuotaMinor === undefined
            ? {}
            : { closed: money(context, row.closedWonMinor), quota: money(context, row.effectiveQuotaMinor) }),
        }),
      ),
      moreCount: Math.max(0, rows.length - LEADERBOARD_SHOWN),
    },
  ];
}
