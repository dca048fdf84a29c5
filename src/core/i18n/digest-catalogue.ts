/**
 * The third message catalogue: the weekly forecast digest (src/core/use-cases/compose-forecast-
 * digest.ts), its chart and `/forecast digest`. Kept apart from the answer catalogue so that
 * catalogue's key set (pinned by its own test) stays as it is; typed the same way, so a key
 * missing from English or Malay fails to compile. Money is integer minor units plus an ISO 4217
 * code; fractions are 0.45 for 45 %; dates are ISO `YYYY-MM-DD`, instants full ISO strings (UTC).
 */
import type { Formatters } from "./format.js";

type NoParams = Record<never, never>;
type Money = { minor: number; currency: string };

/** The kinds of change the digest names deals under, in the order it shows them. */
export type DigestChangeKind = "won" | "lost" | "pushed" | "pulledIn" | "new" | "amount" | "stage";

export interface DigestParams {
  heading: { team: string; period: string };
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
}

export type DigestKey = keyof DigestParams;

export type DigestRenderer<P> = string | ((params: P, format: Formatters) => string);

export type DigestCatalogue = { readonly [K in DigestKey]: DigestRenderer<DigestParams[K]> };

export type DigestArgs<K extends DigestKey> = keyof DigestParams[K] extends never
  ? [params?: DigestParams[K]]
  : [params: DigestParams[K]];
