// Issue 10, defect 1: results must not be subtractable across nested views. A property test over
// seeded random organisations (managers over managers, teams, people with bands) and answer sets:
// for every view anyone can see — the whole audience (admins, the owner, the closing post) and
// every manager's organisation — it summarises the round as `/pulse results` does, collects every
// group whose figures are shown (a question's total in a view, each team and band cut, each comment
// list) and checks that no group of 1 to threshold − 1 respondents can be formed from them by
// adding and subtracting: such a group's answers would be read off exactly. "Can be formed" is
// exact linear algebra: a group is formable when its indicator vector lies in the span of the shown
// groups' indicator vectors.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/core/pulse/shuffle-seeded.js";
import { disclosableSets } from "../../src/core/pulse/disclosure.js";
import { summariseRound, type RoundAnswer, type RoundSummary } from "../../src/core/pulse/summarise-round.js";
import { validateSurvey } from "../../src/core/pulse/validate-survey.js";
import { ATTAINMENT_BANDS, type AttainmentBand } from "../../src/core/pulse/anonymise-answer.js";

const SURVEY = validateSurvey({
  title: { en: "Pulse" },
  questions: [
    { id: "enps", kind: "enps", prompt: { en: "Recommend?" } },
    { id: "tools", kind: "agreement", prompt: { en: "Tools?" }, optional: true },
    { id: "comment", kind: "free_text", prompt: { en: "Anything else?" } },
  ],
});

interface Respondent {
  team: string | null;
  band: AttainmentBand | null;
  answers: Record<string, number | string>;
}

interface Organisation {
  teams: string[];
  /** Each manager's view: the teams they or anyone below them run. */
  views: string[][];
  respondents: Respondent[];
}

/** A random organisation: a tree of managers each running a team or two, and respondents spread over them. */
function organisation(seed: number): Organisation {
  const random = seededRandom(`org:${seed}`);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const managers = int(2, 6);
  const parent: number[] = [-1];
  for (let index = 1; index < managers; index++) parent.push(int(0, index - 1));
  const teams: string[] = [];
  const runBy: number[] = [];
  for (let manager = 0; manager < managers; manager++) {
    for (let count = int(random() < 0.3 ? 0 : 1, 2); count > 0; count--) {
      teams.push(`t${teams.length}`);
      runBy.push(manager);
    }
  }
  if (teams.length === 0) {
    teams.push("t0");
    runBy.push(0);
  }
  const below = (manager: number): number[] => [manager, ...parent.flatMap((up, index) => (up === manager ? below(index) : []))];
  const views = Array.from({ length: managers }, (_, manager) => {
    const under = new Set(below(manager));
    return teams.filter((_, index) => under.has(runBy[index]!));
  }).filter((view) => view.length > 0);
  const respondents: Respondent[] = Array.from({ length: int(3, 18) }, () => {
    const answers: Record<string, number | string> = { enps: int(0, 10) };
    if (random() < 0.7) answers.tools = int(1, 5);
    if (random() < 0.6) answers.comment = `comment ${int(1, 1e6)}`;
    return {
      team: random() < 0.1 ? null : teams[int(0, teams.length - 1)]!,
      band: random() < 0.2 ? null : ATTAINMENT_BANDS[int(0, ATTAINMENT_BANDS.length - 1)]!,
      answers,
    };
  });
  return { teams, views, respondents };
}

function answersOf(respondents: readonly Respondent[]): RoundAnswer[] {
  return respondents.flatMap((respondent) =>
    Object.entries(respondent.answers).map(([questionId, value]) => ({ questionId, value, teamId: respondent.team, band: respondent.band, day: "2026-08-10" })),
  );
}

/** The groups (as sets of respondent indexes) whose figures a summary of `scope` shows, per question. */
function shownGroups(summary: RoundSummary, org: Organisation, scope: readonly string[] | null): Map<string, number[][]> {
  const inScope = (respondent: Respondent) => scope === null || (respondent.team !== null && scope.includes(respondent.team));
  const groups = new Map<string, number[][]>();
  for (const question of summary.questions) {
    const answered = org.respondents.map((respondent, index) => ({ respondent, index })).filter(({ respondent }) => question.questionId in respondent.answers && inScope(respondent));
    const list: number[][] = [];
    if (question.figures !== null) list.push(answered.map(({ index }) => index));
    if (question.kind !== "free_text") {
      for (const cut of question.cuts.team) if (cut.figures !== null) list.push(answered.filter(({ respondent }) => respondent.team === cut.key).map(({ index }) => index));
      for (const cut of question.cuts.band) if (cut.figures !== null) list.push(answered.filter(({ respondent }) => respondent.band === cut.key).map(({ index }) => index));
    }
    groups.set(question.questionId, list);
  }
  return groups;
}

/** Row-reduced basis of the span of 0/1 vectors (exact enough: small integers, few vectors). */
function basisOf(vectors: readonly number[][]): number[][] {
  const basis: number[][] = [];
  const pivots: number[] = [];
  for (const vector of vectors) {
    const row = [...vector];
    basis.forEach((base, index) => {
      const factor = row[pivots[index]!]!;
      if (factor !== 0) for (let column = 0; column < row.length; column++) row[column]! -= factor * base[column]!;
    });
    const pivot = row.findIndex((value) => Math.abs(value) > 1e-9);
    if (pivot === -1) continue;
    const scale = row[pivot]!;
    for (let column = 0; column < row.length; column++) row[column]! /= scale;
    basis.forEach((base) => {
      const factor = base[pivot]!;
      if (factor !== 0) for (let column = 0; column < base.length; column++) base[column]! -= factor * row[column]!;
    });
    basis.push(row);
    pivots.push(pivot);
  }
  return basis;
}

function inSpan(basis: readonly number[][], vector: readonly number[]): boolean {
  const row = [...vector];
  for (const base of basis) {
    const pivot = base.findIndex((value) => Math.abs(value) > 1e-9);
    const factor = row[pivot]!;
    if (factor !== 0) for (let column = 0; column < row.length; column++) row[column]! -= factor * base[column]!;
  }
  return row.every((value) => Math.abs(value) < 1e-6);
}

/** Every subset of `items` with 1 to `max` members. */
function* smallSubsets(items: readonly number[], max: number, start = 0, chosen: number[] = []): Generator<number[]> {
  for (let index = start; index < items.length; index++) {
    const next = [...chosen, items[index]!];
    yield next;
    if (next.length < max) yield* smallSubsets(items, max, index + 1, next);
  }
}

/** A group of fewer than `threshold` respondents that the shown groups let anyone isolate, or null. */
function isolatedGroup(org: Organisation, threshold: number): { question: string; group: number[] } | null {
  const answers = answersOf(org.respondents);
  const scopes: (string[] | null)[] = [null, ...org.views];
  const byQuestion = new Map<string, number[][]>();
  for (const scope of scopes) {
    const respondents = org.respondents.filter((respondent) => scope === null || (respondent.team !== null && scope.includes(respondent.team))).length;
    const summary = summariseRound({
      survey: SURVEY,
      answers,
      respondents,
      invited: Math.max(respondents, 1),
      threshold,
      commentThreshold: threshold,
      seed: "round",
      views: org.views,
      ...(scope === null ? {} : { scopeTeamIds: scope }),
    });
    for (const [question, groups] of shownGroups(summary, org, scope)) byQuestion.set(question, [...(byQuestion.get(question) ?? []), ...groups]);
  }
  const size = org.respondents.length;
  for (const [question, groups] of byQuestion) {
    const vectors = groups.map((group) => Array.from({ length: size }, (_, index) => (group.includes(index) ? 1 : 0)));
    const basis = basisOf(vectors);
    const answered = org.respondents.map((respondent, index) => ({ respondent, index })).filter(({ respondent }) => question in respondent.answers).map(({ index }) => index);
    for (const group of smallSubsets(answered, threshold - 1)) {
      if (inSpan(basis, Array.from({ length: size }, (_, index) => (group.includes(index) ? 1 : 0)))) return { question, group };
    }
  }
  return null;
}

describe("pulse results across nested views (issue 10, defect 1)", () => {
  it("isolates no group below the threshold in the issue's organisation: everyone 8, the VP's 6, a manager's 5", () => {
    // Teams: m (the manager's, 5 answers), v (the VP's own, 1), o (outside the VP's organisation, 2).
    const respondents: Respondent[] = [
      ...[9, 9, 10, 7, 3].map((enps) => ({ team: "m", band: null, answers: { enps } })),
      { team: "v", band: null, answers: { enps: 0 } },
      ...[8, 6].map((enps) => ({ team: "o", band: null, answers: { enps } })),
    ];
    const org: Organisation = { teams: ["m", "v", "o"], views: [["m", "v"], ["m"]], respondents };
    expect(isolatedGroup(org, 5)).toBeNull();
    // Without the rule each view alone meets the threshold, and the VP's minus the manager's is one person.
    const plain = (views: string[][]) => views.filter((view) => respondents.filter((respondent) => respondent.team !== null && view.includes(respondent.team)).length >= 5);
    expect(plain([["m", "v", "o"], ["m", "v"], ["m"]])).toHaveLength(3);
  });

  it("isolates no group below the threshold in 300 seeded random organisations, for every view, cut, question and comment list", () => {
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const org = organisation(seed);
      const threshold = seed % 4 === 0 ? 4 : 3;
      const found = isolatedGroup(org, threshold);
      expect(found, `seed ${seed}: ${JSON.stringify({ org, threshold, found })}`).toBeNull();
      checked++;
    }
    expect(checked).toBe(300);
  });

  it("still shows what is safe: a view whose complements all meet the threshold", () => {
    // Everyone 10 = the VP's 5 + 5 outside it; the VP's organisation is one team. Both show.
    const counts = new Map([
      ["vp|", 5],
      ["out|", 5],
    ]);
    const shown = disclosableSets(counts, [{ id: "all", cells: ["vp|", "out|"] }, { id: "vp", cells: ["vp|"] }], 5);
    expect([...shown].sort()).toEqual(["all", "vp"]);
  });
});
