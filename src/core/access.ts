import { AppError } from "./errors.js";
import { isAbove, reportsUnder, type OrgChart } from "./org-chart.js";
import type { LeaderboardVisibility } from "./types.js";

/**
 * Who may see whose numbers (rule 7 of DESIGN.md). Decided from the org data, not from what
 * the viewer claims: the viewer's role and active flag are read from `org`.
 * - an active admin sees everyone;
 * - anyone else active sees themself and everyone below them in the management chain,
 *   transitively (so a rep with nobody reporting to them sees only themself);
 * - an inactive or unknown viewer sees nothing.
 * A refusal never says whether the subject exists.
 */

/** The one message every refusal carries, so that it reveals nothing about the subject. */
export const FORBIDDEN_MESSAGE = "You don't have access to those numbers.";

/** Whether `viewer` may see the numbers of employee `subjectId`. */
export function canView(viewer: { id: string }, subjectId: string, org: OrgChart): boolean {
  const record = org.byId.get(viewer.id);
  if (!record || !record.active) return false;
  if (record.role === "admin") return org.byId.has(subjectId);
  if (subjectId === record.id) return true;
  return isAbove(org, record.id, subjectId);
}

/** Throws `AppError('forbidden')` unless `viewer` may see `subjectId`; the message names no one. */
export function assertCanView(viewer: { id: string }, subjectId: string, org: OrgChart): void {
  if (!canView(viewer, subjectId, org)) throw new AppError("forbidden", FORBIDDEN_MESSAGE);
}

/** Ids of every employee `viewer` may see: self first, then reports breadth-first (admins: everyone). */
export function visibleEmployeeIds(viewer: { id: string }, org: OrgChart): string[] {
  const record = org.byId.get(viewer.id);
  if (!record || !record.active) return [];
  if (record.role === "admin") return [record.id, ...[...org.byId.keys()].filter((id) => id !== record.id)];
  return [record.id, ...reportsUnder(org, record.id)];
}

export interface LeaderboardEntry {
  employeeId: string;
  name: string;
  /** Fraction of effective quota; null (no quota) leaves the person off the board. */
  attainment: number | null;
  /** Minor units. */
  closedWonMinor: number;
  effectiveQuotaMinor: number;
}

export interface LeaderboardRow {
  /** 1-based; people with equal attainment share a rank (1, 1, 3). */
  rank: number;
  employeeId: string;
  name: string;
  /** Fraction of effective quota (1 = 100 %). */
  attainment: number;
  /** Minor units; present only when the tenant shows the full leaderboard. */
  closedWonMinor?: number;
  effectiveQuotaMinor?: number;
}

/**
 * Ranks people by attainment, highest first (name breaks ties in order, not in rank). With
 * visibility 'percentages' the rows carry no amounts; with 'off' it throws `forbidden`.
 */
export function buildLeaderboard(visibility: LeaderboardVisibility, entries: readonly LeaderboardEntry[]): LeaderboardRow[] {
  if (visibility === "off") throw new AppError("forbidden", "The leaderboard is turned off for this workspace.");
  const ranked = entries
    .filter((entry): entry is LeaderboardEntry & { attainment: number } => entry.attainment !== null)
    .sort((a, b) => b.attainment - a.attainment || a.name.localeCompare(b.name));
  const rows: LeaderboardRow[] = [];
  ranked.forEach((entry, i) => {
    const previous = rows[i - 1];
    const rank = previous && previous.attainment === entry.attainment ? previous.rank : i + 1;
    const row: LeaderboardRow = { rank, employeeId: entry.employeeId, name: entry.name, attainment: entry.attainment };
    if (visibility === "full") {
      row.closedWonMinor = entry.closedWonMinor;
      row.effectiveQuotaMinor = entry.effectiveQuotaMinor;
    }
    rows.push(row);
  });
  return rows;
}
