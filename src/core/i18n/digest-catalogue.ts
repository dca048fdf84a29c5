/**
 * The third message catalogue: the weekly forecast digest (src/core/use-cases/compose-forecast-
 * digest.ts), its chart and `/forecast digest`. Kept apart from the answer catalogue so that
 * catalogue's key set (pinned by its own test) stays as it is; typed the same way, so a key
 * missing from English or Malay fails to compile. Money is integer minor units plus an ISO 4217
 * code; fractions are 0.45 for 45 %; dates are ISO `YYYY-MM-DD`, instants full ISO strings (UTC).
 */
import type { ScheduleCadence } from "../schedules/schedule-spec.js";
import type { Formatters } from "./format.js";

type NoParams = Record<never, never>;
type Money = { minor: number; currency: string };

/** The kinds of change the digest names deals under, in the order it shows them. */
export type DigestChangeKind = "won" | "lost" | "pushed" | "pulledIn" | "new" | "amount" | "stage";

/** How often the digest goes out (its schedule's recurrence), or `onRequest` for `/forecast digest`. */
export type DigestCadence = ScheduleCadence | { kind: "onRequest" };

export interface DigestParams {
  heading: { team: string; period: string; cadence: DigestCadence };
  /**
   * What "what moved" compares with. `schedule` is the schedule's description (null on request:
   * then the comparison is last week's snapshot); `previousDigest` the date of the previous slot;
   * `snapshotDate` the snapshot actually compared with (null when there is none yet);
   * `firstDigest` when that previous slot came before the schedule (or its timing) began, so no
   * digest of it went out then.
   */
  baseline: { schedule: string | null; previousDigest: string | null; snapshotDate: string | null; firstDigest: boolean };
  /** No snapshot on or before the previous slot's date: nothing to compare with. */
  "changes.noBaseline": { previousDigest: string };
  /** A `totals` digest: how many deals moved, by kind, without naming them (kinds with none left out). */
  "changes.counts": { counts: ReadonlyArray<{ kind: DigestChangeKind; count: number }> };
  /** A `totals` digest: how many open deals of the quarter are at risk, without naming them. */
  "risk.count": { count: number; idleDays: number; stuckDays: number };
  /** A `totals` digest says that it names no deal and no rep's amount, and why. */
  "detail.totals": NoParams;
  /** One line for notifications: commit and closed against quota (attainment a fraction). */
  summary: { team: string; period: string; commit: Money; closed: Money; attainment: number | null };
  /** `dueAt` the UTC instant it was due, shown in `timeZone`; `agoMs` how late it is. */
  late: { dueAt: string; timeZone: string; agoMs: number };
  "label.attainment": NoParams;
  "value.noAttainment": NoParams;

  "changes.title": { kind: DigestChangeKind; count: number };
  "changes.none": NoParams;
  /** Won, lost and new deals: the amount after (won/new) or before (lost). */
  "move.deal": { name: string; owner: string; amount: Money };
  /** Pushed out of / pulled into the quarter: close date then and now. */
  "move.dated": { name: string; owner: string; amount: Money; from: string | null; to: string };
  "move.amount": { name: string; owner: string; before: Money; after: Money };
  "move.stage": { name: string; owner: string; amount: Money; from: string; to: string };

  "risk.title": { count: number };
  "risk.none": { idleDays: number; stuckDays: number };
  "risk.line": { name: string; owner: string; amount: Money; reasons: readonly string[] };
  "risk.overdue": { closeDate: string };
  "risk.noActivity": { days: number };
  "risk.stuck": { stage: string; days: number };

  "top.title": { count: number };
  "top.none": NoParams;
  "top.line": { name: string; owner: string; amount: Money; stage: string; closeDate: string };

  "leaderboard.title": NoParams;

  /** First and latest point of the trend; `weeks` how many points there are. */
  "trend.summary": {
    firstWeekOf: string;
    firstCommit: Money;
    commit: Money;
    bestCase: Money;
    closed: Money;
    quota: Money | null;
    weeks: number;
  };
  "chart.title": { team: string; period: string };
  "chart.quota": { quota: Money };

  "request.managersOnly": { command: string };
  "request.noTeams": NoParams;
  "request.whichTeam": { names: readonly string[]; moreCount: number; command: string };
  "request.noTeamNamed": { text: string; command: string };
  "request.private": NoParams;
  /** Said instead of `request.private` when the chart is being sent to the asker's DM. */
  "request.chartComing": NoParams;
  /** The message that carries a `/forecast digest`'s chart to the asker's DM. */
  "request.chart": { team: string; period: string; asOf: string };
}

export type DigestKey = keyof DigestParams;

export type DigestRenderer<P> = string | ((params: P, format: Formatters) => string);

export type DigestCatalogue = { readonly [K in DigestKey]: DigestRenderer<DigestParams[K]> };

export type DigestArgs<K extends DigestKey> = keyof DigestParams[K] extends never
  ? [params?: DigestParams[K]]
  : [params: DigestParams[K]];
