import type { OrgEmployee } from "./types.js";

/**
 * The management chain, indexed once so that access checks and roll-ups are linear. CRM and
 * HR data can hold a loop (A reports to B, B to A); every walk here keeps a visited set, so a
 * loop ends the walk instead of hanging it, and nobody is counted twice.
 */
export interface OrgChart {
  byId: ReadonlyMap<string, OrgEmployee>;
  /** Direct reports of each manager id, in input order. */
  directReports: ReadonlyMap<string, readonly string[]>;
}

/** Indexes employees by id and by manager. A self-reference (managerId = own id) is ignored. */
export function buildOrgChart(employees: readonly OrgEmployee[]): OrgChart {
  const byId = new Map<string, OrgEmployee>();
  const directReports = new Map<string, string[]>();
  for (const employee of employees) byId.set(employee.id, employee);
  for (const employee of employees) {
    if (!employee.managerId || employee.managerId === employee.id) continue;
    const list = directReports.get(employee.managerId);
    if (list) list.push(employee.id);
    else directReports.set(employee.managerId, [employee.id]);
  }
  return { byId, directReports };
}

/**
 * Everyone below `managerId` in the chain, transitively, in breadth-first order (direct
 * reports first); the manager themself is not included. Loops are cut.
 */
export function reportsUnder(chart: OrgChart, managerId: string): string[] {
  const seen = new Set<string>([managerId]);
  const order: string[] = [];
  for (let i = -1; i < order.length; i++) {
    const current = i === -1 ? managerId : order[i]!;
    for (const report of chart.directReports.get(current) ?? []) {
      if (seen.has(report)) continue;
      seen.add(report);
      order.push(report);
    }
  }
  return order;
}

/** Whether `managerId` sits anywhere above `subjectId` in the chain (walks up; loops are cut). */
export function isAbove(chart: OrgChart, managerId: string, subjectId: string): boolean {
  const seen = new Set<string>([subjectId]);
  let current = chart.byId.get(subjectId)?.managerId ?? null;
  while (current !== null && !seen.has(current)) {
    if (current === managerId) return true;
    seen.add(current);
    current = chart.byId.get(current)?.managerId ?? null;
  }
  return false;
}
