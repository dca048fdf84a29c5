// Who receives a round: the audience (everyone, teams, a manager's reports transitively, a
// list) minus inactive, opted-out and out-of-office people; people without a Slack account are
// reported as unreachable, not silently dropped.
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { parseAudience, resolveAudience, type PulsePerson } from "../../src/core/pulse/resolve-audience.js";

const T1 = "00000000-0000-4000-8000-0000000000a1";
const T2 = "00000000-0000-4000-8000-0000000000a2";
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function person(n: number, name: string, extra: Partial<PulsePerson> = {}): PulsePerson {
  return {
    id: id(n),
    name,
    email: `${name.toLowerCase()}@example.test`,
    role: "rep",
    managerId: null,
    teamId: T1,
    active: true,
    timeZone: "Asia/Kuala_Lumpur",
    locale: "en",
    slackUserId: `U${n}`,
    ...extra,
  };
}

// Maya manages Team 1; Rafi reports to her and leads Sam (so Sam is Maya's report two levels down).
const maya = person(1, "Maya", { role: "manager" });
const rafi = person(2, "Rafi", { managerId: maya.id });
const sam = person(3, "Sam", { managerId: rafi.id });
const ivan = person(4, "Ivan", { managerId: maya.id, active: false });
const olga = person(5, "Olga", { managerId: maya.id });
const tara = person(6, "Tara", { teamId: T2 });
const paul = person(7, "Paul", { teamId: T2 });
const nadia = person(8, "Nadia", { teamId: T2, slackUserId: null });
const people = [maya, rafi, sam, ivan, olga, tara, paul, nadia];
const optedOut = [olga.id];
// Paul is away 8-10 Aug inclusive.
const absences = [{ employeeId: paul.id, startsOn: "2026-08-08", endsOn: "2026-08-10" }];

const names = (list: readonly PulsePerson[]) => list.map((entry) => entry.name);

describe("resolveAudience", () => {
  it("everyone: all active people, minus opted out and away, the unreachable reported apart", () => {
    const resolved = resolveAudience({ audience: { kind: "everyone" }, people, optedOut, absences, opensOn: "2026-08-10" });
    expect(names(resolved.recipients)).toEqual(["Maya", "Rafi", "Sam", "Tara"]);
    expect(names(resolved.unreachable)).toEqual(["Nadia"]);
    expect(resolved.skipped).toEqual({ inactive: [ivan.id], optedOut: [olga.id], outOfOffice: [paul.id], unknown: [] });
  });

  it("teams: only their members", () => {
    const resolved = resolveAudience({ audience: { kind: "teams", teamIds: [T2] }, people, optedOut, absences, opensOn: "2026-08-10" });
    expect(names(resolved.recipients)).toEqual(["Tara"]);
    expect(names(resolved.unreachable)).toEqual(["Nadia"]);
    expect(resolved.skipped.outOfOffice).toEqual([paul.id]);
  });

  it("a manager's reports: transitively, without the manager", () => {
    const resolved = resolveAudience({ audience: { kind: "reports", managerId: maya.id }, people, optedOut, absences, opensOn: "2026-08-10" });
    expect(names(resolved.recipients)).toEqual(["Rafi", "Sam"]);
    expect(resolved.skipped).toEqual({ inactive: [ivan.id], optedOut: [olga.id], outOfOffice: [], unknown: [] });
    // An unknown manager: nobody, and the id reported.
    const unknown = resolveAudience({ audience: { kind: "reports", managerId: id(99) }, people, optedOut, absences, opensOn: "2026-08-10" });
    expect(unknown.recipients).toEqual([]);
    expect(unknown.skipped.unknown).toEqual([id(99)]);
  });

  it("a list: the people named who exist", () => {
    const resolved = resolveAudience({ audience: { kind: "list", employeeIds: [tara.id, sam.id, id(99)] }, people, optedOut: [], absences: [], opensOn: "2026-08-10" });
    // In the order of the people, not of the list.
    expect(names(resolved.recipients)).toEqual(["Sam", "Tara"]);
    expect(resolved.skipped.unknown).toEqual([id(99)]);
  });

  it("reads out of office on the round's local date, both ends inclusive", () => {
    for (const [opensOn, away] of [["2026-08-07", false], ["2026-08-08", true], ["2026-08-10", true], ["2026-08-11", false]] as const) {
      const resolved = resolveAudience({ audience: { kind: "teams", teamIds: [T2] }, people, optedOut: [], absences, opensOn });
      expect(names(resolved.recipients).includes("Paul"), opensOn).toBe(!away);
    }
  });
});

describe("parseAudience", () => {
  it("accepts the four shapes and refuses anything else, naming the field", () => {
    expect(parseAudience({ kind: "everyone" })).toEqual({ kind: "everyone" });
    expect(parseAudience({ kind: "teams", teamIds: [T1] })).toEqual({ kind: "teams", teamIds: [T1] });
    expect(() => parseAudience({ kind: "teams", teamIds: [] })).toThrow("audience.teamIds: name at least one team.");
    expect(() => parseAudience({ kind: "reports", managerId: "maya" })).toThrow("audience.managerId: must be an id.");
    expect(() => parseAudience({ kind: "all" })).toThrow(AppError);
  });
});
