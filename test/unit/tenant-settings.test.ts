import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { digestDetailFor, digestDetailOf, parseTenantSettings, withDigestDetail } from "../../src/core/tenant-settings.js";

function problem(raw: unknown): AppError {
  try {
    parseTenantSettings(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}

describe("the tenant settings schema", () => {
  it("reads what is stored, {} for nothing, and keeps keys it does not know", () => {
    expect(parseTenantSettings(null)).toEqual({});
    expect(parseTenantSettings({})).toEqual({});
    expect(parseTenantSettings({ pulseCommentThreshold: 7, digestDetail: "totals", digestDetailByTeam: { "team-1": "full" }, later: { x: 1 } })).toEqual({
      pulseCommentThreshold: 7,
      digestDetail: "totals",
      digestDetailByTeam: { "team-1": "full" },
      later: { x: 1 },
    });
  });

  it("names the bad field, what it expects and what it got", () => {
    const detail = problem({ digestDetail: "brief" });
    expect(detail.code).toBe("invalid_input");
    expect(detail.params).toEqual({ field: "digestDetail" });
    expect(detail.message).toBe('Tenant settings are invalid — digestDetail: expected one of full, totals (got "brief").');

    expect(problem({ digestDetailByTeam: { "team-1": "totals", "team-2": "everything" } }).message).toBe(
      'Tenant settings are invalid — digestDetailByTeam.team-2: expected one of full, totals (got "everything").',
    );
    expect(problem({ digestDetailByTeam: ["totals"] }).message).toBe(
      'Tenant settings are invalid — digestDetailByTeam: expected an object of team id → detail (got ["totals"]).',
    );
    expect(problem({ pulseCommentThreshold: 3 }).message).toBe("Tenant settings are invalid — pulseCommentThreshold: must be at least 5 (got 3).");
    expect(problem({ pulseCommentThreshold: 5.5 }).message).toBe("Tenant settings are invalid — pulseCommentThreshold: expected a whole number (got 5.5).");
    expect(problem("totals").params).toEqual({ field: "settings" });
  });

  it("resolves a team's detail: its own, else the organisation's, else full", () => {
    expect(digestDetailFor({}, "t1")).toEqual({ detail: "full", source: "default" });
    expect(digestDetailFor({ digestDetail: "totals" }, "t1")).toEqual({ detail: "totals", source: "organisation" });
    expect(digestDetailFor({ digestDetail: "totals", digestDetailByTeam: { t1: "full" } }, "t1")).toEqual({ detail: "full", source: "team" });
    expect(digestDetailFor({ digestDetail: "totals", digestDetailByTeam: { t1: "full" } }, "t2")).toEqual({ detail: "totals", source: "organisation" });
  });

  it("reads a typed detail, whatever its case, and nothing else", () => {
    expect(digestDetailOf(" Totals ")).toBe("totals");
    expect(digestDetailOf("FULL")).toBe("full");
    expect(digestDetailOf("brief")).toBeNull();
    expect(digestDetailOf("")).toBeNull();
  });

  it("changes one detail and keeps every other setting", () => {
    const stored = { pulseCommentThreshold: 6, other: true };
    const org = withDigestDetail(stored, "totals");
    expect(org).toEqual({ pulseCommentThreshold: 6, other: true, digestDetail: "totals" });
    const team = withDigestDetail(org, "full", "t1");
    expect(team).toEqual({ pulseCommentThreshold: 6, other: true, digestDetail: "totals", digestDetailByTeam: { t1: "full" } });
    // Removing the team's own setting removes the empty map too.
    expect(withDigestDetail(team, null, "t1")).toEqual(org);
    expect(stored).toEqual({ pulseCommentThreshold: 6, other: true }); // not changed in place
  });
});
