import { describe, expect, it } from "vitest";
import { assertCanView, buildLeaderboard, canView, FORBIDDEN_MESSAGE, visibleEmployeeIds } from "../../src/core/access.js";
import { AppError } from "../../src/core/errors.js";
import { buildOrgChart } from "../../src/core/org-chart.js";
import type { EmployeeRole, OrgEmployee } from "../../src/core/types.js";

function person(id: string, role: EmployeeRole, managerId: string | null, active = true): OrgEmployee {
  return { id, name: id.toUpperCase(), email: `${id}@example.com`, role, managerId, teamId: null, active };
}

//        admin            vp                   c1 <-> c2 (a loop)    s (manages self)
//                 /       |       \            |
//               m1        m2       x (left)    c3
//              /  \       |        |
//            r1    r2     r3       r4
const org = buildOrgChart([
  person("admin", "admin", null),
  person("vp", "manager", null),
  person("m1", "manager", "vp"),
  person("m2", "manager", "vp"),
  person("x", "manager", "vp", false),
  person("r1", "rep", "m1"),
  person("r2", "rep", "m1"),
  person("r3", "rep", "m2"),
  person("r4", "rep", "x"),
  person("c1", "manager", "c2"),
  person("c2", "manager", "c1"),
  person("c3", "rep", "c1"),
  person("s", "rep", "s"),
]);

describe("canView", () => {
  it("lets a rep see only their own numbers", () => {
    expect(canView({ id: "r1" }, "r1", org)).toBe(true);
    expect(canView({ id: "r1" }, "r2", org)).toBe(false);
    expect(canView({ id: "r1" }, "m1", org)).toBe(false);
  });

  it("lets a manager see reports transitively, but not peers or their own manager", () => {
    expect(canView({ id: "m1" }, "r2", org)).toBe(true);
    expect(canView({ id: "m1" }, "r3", org)).toBe(false);
    expect(canView({ id: "m1" }, "vp", org)).toBe(false);
    expect(canView({ id: "vp" }, "r3", org)).toBe(true);
    // r4 reports to x, who has left; r4 is still in the vp's chain.
    expect(canView({ id: "vp" }, "r4", org)).toBe(true);
  });

  it("lets an admin see everyone who exists, and an inactive or unknown viewer no one", () => {
    expect(canView({ id: "admin" }, "c3", org)).toBe(true);
    expect(canView({ id: "admin" }, "nobody", org)).toBe(false);
    expect(canView({ id: "x" }, "r4", org)).toBe(false);
    expect(canView({ id: "x" }, "x", org)).toBe(false);
    expect(canView({ id: "ghost" }, "r1", org)).toBe(false);
  });

  it("ends walks through a loop of managers", () => {
    expect(canView({ id: "c1" }, "c3", org)).toBe(true);
    expect(canView({ id: "c3" }, "c1", org)).toBe(false);
    expect(canView({ id: "r1" }, "c1", org)).toBe(false);
    expect(canView({ id: "s" }, "s", org)).toBe(true);
  });
});

describe("assertCanView", () => {
  it("refuses a real and a made-up subject with the same words", () => {
    const refusal = (subjectId: string): AppError => {
      try {
        assertCanView({ id: "r1" }, subjectId, org);
      } catch (error) {
        return error as AppError;
      }
      throw new Error("expected a refusal");
    };
    const real = refusal("r2");
    const madeUp = refusal("no-such-person");
    expect(real).toBeInstanceOf(AppError);
    expect(real.code).toBe("forbidden");
    expect(real.message).toBe(FORBIDDEN_MESSAGE);
    expect(real.message).not.toContain("R2");
    expect([madeUp.code, madeUp.message, madeUp.params]).toEqual([real.code, real.message, real.params]);
    expect(() => assertCanView({ id: "m1" }, "r1", org)).not.toThrow();
  });
});

describe("visibleEmployeeIds", () => {
  it("lists self then reports breadth-first", () => {
    expect(visibleEmployeeIds({ id: "vp" }, org)).toEqual(["vp", "m1", "m2", "x", "r1", "r2", "r3", "r4"]);
    expect(visibleEmployeeIds({ id: "r1" }, org)).toEqual(["r1"]);
    expect(visibleEmployeeIds({ id: "x" }, org)).toEqual([]);
  });

  it("lists everyone for an admin, and each person once inside a loop", () => {
    expect(visibleEmployeeIds({ id: "admin" }, org)).toHaveLength(13);
    expect(visibleEmployeeIds({ id: "c1" }, org)).toEqual(["c1", "c2", "c3"]);
  });
});

describe("buildLeaderboard", () => {
  const entries = [
    { employeeId: "b", name: "Ben", attainment: 0.8, closedWonMinor: 800, effectiveQuotaMinor: 1_000 },
    { employeeId: "e", name: "Eve", attainment: 0.5, closedWonMinor: 1_000, effectiveQuotaMinor: 2_000 },
    { employeeId: "a", name: "Ana", attainment: 1.2, closedWonMinor: 2_400, effectiveQuotaMinor: 2_000 },
    { employeeId: "d", name: "Dee", attainment: null, closedWonMinor: 300, effectiveQuotaMinor: 0 },
    { employeeId: "c", name: "Cy", attainment: 0.8, closedWonMinor: 1_600, effectiveQuotaMinor: 2_000 },
  ];

  it("ranks by attainment with shared ranks for ties, amounts only when full", () => {
    const rows = buildLeaderboard("full", entries);
    // Ana 120 % first; Ben and Cy tie at 80 % (rank 2, by name); Eve 4th; Dee has no quota.
    expect(rows.map((r) => [r.rank, r.name, r.attainment])).toEqual([
      [1, "Ana", 1.2],
      [2, "Ben", 0.8],
      [2, "Cy", 0.8],
      [4, "Eve", 0.5],
    ]);
    expect(rows[0]).toMatchObject({ closedWonMinor: 2_400, effectiveQuotaMinor: 2_000 });
  });

  it("hides amounts with 'percentages'", () => {
    const rows = buildLeaderboard("percentages", entries);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).not.toHaveProperty("closedWonMinor");
      expect(row).not.toHaveProperty("effectiveQuotaMinor");
    }
  });

  it("refuses when the leaderboard is off", () => {
    expect(() => buildLeaderboard("off", entries)).toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});
