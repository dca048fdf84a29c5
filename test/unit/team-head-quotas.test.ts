// Team answers read only the quotas they show (THE QUOTA RULE 3-4): the heads' own, and a
// head's reports' only where that head has no quota row. Sample organisation: Victor (VP, no
// quota) over Mei Ling (550,000 of her own, over Maria and Raj) and Hafiz (no quota, over Siti
// 200,000, Ahmad 200,000 × 50 % and María 200,000).
import { describe, expect, it } from "vitest";
import type { SalesData } from "../../src/core/sales-data.js";
import { loadTeamHeadQuotas } from "../../src/core/use-cases/period-quotas.js";
import { createInMemorySalesData } from "../../src/core/use-cases/testing/in-memory-sales-data.js";
import { ID, people, sampleSeed, TENANT_ID } from "../../src/core/use-cases/testing/sample-sales-org.js";

const Q2 = { start: "2026-07-01", end: "2026-09-30" };
const directReportsOf = (id: string) => people.filter((person) => person.managerId === id).map((person) => person.id);

function recordingQuotaReads(data: SalesData): { data: SalesData; asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    data: {
      ...data,
      quotas: (tenantId, employeeIds, period) => {
        asked.push([...employeeIds].sort());
        return data.quotas(tenantId, employeeIds, period);
      },
    },
  };
}

describe("loadTeamHeadQuotas", () => {
  it("reads the VP's lines, then only the reports of the line without a quota", async () => {
    const { data, asked } = recordingQuotaReads(createInMemorySalesData(sampleSeed()));
    const quotas = await loadTeamHeadQuotas(data, TENANT_ID, [ID.vp, ID.north, ID.south], directReportsOf, Q2);
    // Round 1: the heads. Victor and Hafiz have no row; Mei Ling's reports are never read.
    // Round 2: Hafiz's reports (Victor's reports are heads already).
    expect(asked).toEqual([[ID.vp, ID.north, ID.south].sort(), [ID.siti, ID.ahmad, ID.mariaLopez].sort()]);
    expect(Object.fromEntries([...quotas].map(([id, quota]) => [id, quota.quotaMinor]))).toEqual({
      [ID.north]: 55_000_000,
      [ID.siti]: 20_000_000,
      [ID.ahmad]: 10_000_000,
      [ID.mariaLopez]: 20_000_000,
    });
  });

  it("stops at heads that all have a quota", async () => {
    const { data, asked } = recordingQuotaReads(createInMemorySalesData(sampleSeed()));
    await loadTeamHeadQuotas(data, TENANT_ID, [ID.north, ID.maria, ID.raj], directReportsOf, Q2);
    expect(asked).toHaveLength(1);
  });
});
