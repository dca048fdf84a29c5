// `/pulse results`: who may see what (admins and owners everything, managers their own
// organisation's teams, reps nothing — and a refusal that says nothing), and the figures shown:
// eNPS worked by hand, "no data" rather than 0, thresholds per survey, per question, per cut and
// for comments, and the trend over past rounds. Figures come from closed rounds only: of an open
// round, however many answered, only the response rate and its closing time are shown.
import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import type { StoredRound, StoredSurvey } from "../../src/core/pulse/pulse-store.js";
import type { PulsePerson } from "../../src/core/pulse/resolve-audience.js";
import { closePulseRound } from "../../src/core/pulse/close-pulse-round.js";
import { pulseResultsAnswerReply, pulseResultsReply, resultsScopeFor, resultsViewOf, showPulseResults } from "../../src/core/pulse/show-pulse-results.js";
import { surveyFromTemplate } from "../../src/core/pulse/survey-templates.js";
import type { Reply } from "../../src/core/reply.js";
import { renderBlockKit } from "../../src/slack/render/block-kit.js";
import { FakePulseStore, type FakeResponse } from "../support/pulse-store-fake.js";

const TENANT = { id: "tenant", name: "Co", timeZone: "Asia/Kuala_Lumpur", locale: "en" as const, anonymityThreshold: 5, commentThreshold: null };
const person = (id: string, role: PulsePerson["role"], managerId: string | null, teamId: string | null): PulsePerson => ({
  id, name: id, email: `${id}@co.test`, role, managerId, teamId, active: true, timeZone: "Asia/Kuala_Lumpur", locale: "en", slackUserId: `U-${id}`,
});
// The VP runs two managers; M1 runs team T1 (six reps), M2 team T2 (four reps); the admin and a
// rep who owns a survey of their own stand outside.
const reps1 = ["r1", "r2", "r3", "r4", "r5", "r6"].map((id) => person(id, "rep", "m1", "t1"));
const reps2 = ["s1", "s2", "s3", "s4"].map((id) => person(id, "rep", "m2", "t2"));
const PEOPLE = [
  person("admin", "admin", null, null),
  person("vp", "manager", null, null),
  person("m1", "manager", "vp", "t1"),
  person("m2", "manager", "vp", "t2"),
  ...reps1,
  ...reps2,
  person("owner-rep", "rep", "m1", "t1"),
  { ...person("ops-london", "admin", null, null), timeZone: "Europe/London" },
];
const TEAMS = [
  { id: "t1", name: "Team One", managerId: "m1", channelId: null },
  { id: "t2", name: "Team Two", managerId: "m2", channelId: null },
];
const DEFINITION = surveyFromTemplate("enps", "en");

function survey(id: string, name: string, ownerId: string): StoredSurvey {
  return {
    id, tenantId: TENANT.id, name, templateId: "enps", definition: DEFINITION, ownerId, resultsChannel: null, audience: { kind: "everyone" },
    spec: { cron: "0 9 * * 1", preset: "weekly Mon 09:00", everyWeeks: 1, anchorDate: null }, timeZone: TENANT.timeZone, openDays: 3,
    reminders: { remindAfterDays: 2, remindOnLastDay: true, maxReminders: 2 }, status: "active", createdAt: new Date("2026-06-01T00:00:00Z"), updatedAt: new Date("2026-06-01T00:00:00Z"),
  };
}

function round(id: string, surveyId: string, number: number, closesAt: string, status: StoredRound["status"] = "closed"): StoredRound {
  return {
    id, surveyId, number, definition: DEFINITION, opensOn: closesAt.slice(0, 10), firstSendAt: new Date(closesAt), lastSendAt: new Date(closesAt),
    closesAt: new Date(closesAt), status, invited: 10, threshold: 5, commentThreshold: 5, closedAt: status === "closed" ? new Date(closesAt) : null,
  };
}

const enps = (teamId: string, score: number, extra: FakeResponse["answers"] = []): FakeResponse => ({
  teamId,
  answers: [{ questionId: "enps", value: score, band: null, day: "2026-08-10" }, ...extra],
});

function text(reply: Reply): string {
  return reply.blocks.map((block) => ("text" in block ? block.text : "fields" in block ? block.fields.map((field) => `${field.label}: ${field.value}`).join("\n") : "items" in block ? block.items.join("\n") : "")).join("\n");
}

describe("pulse results", () => {
  let store: FakePulseStore;
  const answer = (employeeId: string, name?: string) => showPulseResults({ store, tenantId: TENANT.id, employeeId, locale: "en", ...(name === undefined ? {} : { name }) });
  /** The results of the latest round, which these tests expect to be closed. */
  const ask = async (employeeId: string, name?: string) => {
    const shown = await answer(employeeId, name);
    expect(shown.open).toBeNull();
    return shown.closed!;
  };

  beforeEach(() => {
    store = new FakePulseStore(TENANT, PEOPLE, TEAMS);
    store.surveyList.push(survey("enps", "eNPS pulse", "admin"), survey("mine", "Rep's own", "owner-rep"));
    const invitees = [...reps1, ...reps2].map((entry) => entry.id);
    // Round 1 (closed 13 Jul): T1 10, 9, 9, 9, 9, 8; T2 6, 6, 6, 6 -> 5 promoters, 1 passive, 4 detractors of 10: (5 − 4) / 10 = +10.
    store.roundList.push(round("r1", "enps", 1, "2026-07-13T01:00:00Z"));
    store.invitees.set("r1", invitees);
    store.responses.set("r1", [...[10, 9, 9, 9, 9, 8].map((score) => enps("t1", score)), ...[6, 6, 6, 6].map((score) => enps("t2", score))]);
    // Round 2 (closed 13 Aug): T1 10, 10, 9, 9, 7, 3 -> +50 alone; T2 9, 6, 5, 8; all ten: 5 promoters,
    // 2 passives, 3 detractors: (5 − 3) / 10 = +20. Only T1 answered "see-myself-here" (4 people) and
    // five wrote a comment.
    store.roundList.push(round("r2", "enps", 2, "2026-08-13T01:00:00Z"));
    store.invitees.set("r2", invitees);
    const stay = (value: number) => [{ questionId: "see-myself-here", value, band: null, day: "2026-08-10" }];
    const comment = (value: string) => [{ questionId: "one-thing", value, band: null, day: "2026-08-10" }];
    store.responses.set("r2", [
      enps("t1", 10, [...stay(5), ...comment("More coaching")]),
      enps("t1", 10, [...stay(4), ...comment("Fewer meetings")]),
      enps("t1", 9, [...stay(4), ...comment("Better leads")]),
      enps("t1", 9, [...stay(2), ...comment("Clearer territories")]),
      enps("t1", 7, comment("Faster approvals")),
      enps("t1", 3),
      enps("t2", 9),
      enps("t2", 6),
      enps("t2", 5),
      enps("t2", 8),
    ]);
  });

  it("refuses someone who may see no results with one message, whatever they ask for", async () => {
    for (const name of [undefined, "eNPS pulse", "No such survey"]) {
      const refusal = await answer("r1", name).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({ code: "forbidden", message: "Pulse results are for managers and admins." });
    }
  });

  it("decides the scope from the org chart: admins and owners everything, managers their teams, reps nothing", () => {
    const scope = (viewer: string, surveyOwner = "admin") => resultsScopeFor(PEOPLE.find((entry) => entry.id === viewer)!, { ownerId: surveyOwner }, PEOPLE, TEAMS);
    expect(scope("admin")).toEqual({ kind: "all" });
    expect(scope("owner-rep", "owner-rep")).toEqual({ kind: "all" });
    expect(scope("owner-rep")).toBeNull();
    expect(scope("m1")).toEqual({ kind: "teams", teamIds: ["t1"], teamNames: ["Team One"] });
    expect(scope("vp")).toEqual({ kind: "teams", teamIds: ["t1", "t2"], teamNames: ["Team One", "Team Two"] });
    expect(scope("r1")).toBeNull();
  });

  it("shows an admin the whole round: eNPS, per-question and per-cut thresholds, comments, trend", async () => {
    const view = await ask("admin", "enps pulse");
    expect(view.scope).toEqual({ kind: "all" });
    expect(view.summary).toMatchObject({ invited: 10, respondents: 10, responseRate: 1, suppressed: null });
    const [enpsQuestion, stay, , , comments] = view.summary.questions;
    expect(enpsQuestion).toMatchObject({ kind: "enps", figures: { score: 20, breakdown: { promoters: 5, passives: 2, detractors: 3, total: 10 } } });
    // Team Two (4) is under the threshold, so Team One is hidden too: else Two = total − One.
    expect(enpsQuestion!.kind === "enps" && enpsQuestion!.cuts.team.map((cut) => [cut.key, cut.suppressed])).toEqual([
      ["t1", "protects a hidden group"],
      ["t2", "below threshold"],
    ]);
    expect(stay).toMatchObject({ kind: "agreement", figures: null, suppressed: "below threshold" });
    expect(comments).toMatchObject({ kind: "free_text", figures: { respondents: 5 } });
    expect(view.trend).toEqual({ points: [{ closesOn: "2026-07-13", score: 10, change: null }, { closesOn: "2026-08-13", score: 20, change: 10 }], latest: 20, change: 10 });

    const reply = pulseResultsReply(view, "en");
    const shown = text(reply);
    expect(reply.summary).toBe("eNPS pulse — round 2 — eNPS +20 · 10 of 10 answered (100%)");
    expect(shown).toContain("Promoters (9-10) 5 (50%) · passives (7-8) 2 (20%) · detractors (0-6) 3 (30%) · 10 answered");
    expect(shown).toContain("By team: 2 groups hidden (fewer than 5 people, or would reveal one)");
    expect(shown).toContain("*2. I see myself still working here a year from now.*\nHidden: fewer than 5 people answered.");
    expect(shown).toContain("5 comments, in random order:");
    for (const comment of ["More coaching", "Fewer meetings", "Better leads", "Clearer territories", "Faster approvals"]) expect(shown).toContain(comment);
    expect(shown).toContain("eNPS trend: 13 Jul 2026 +10 → 13 Aug 2026 +20 (+10 since the previous round)");
    expect(pulseResultsReply(view, "ms").summary).toBe("Tinjauan eNPS — pusingan 2 — eNPS +20 · 10 daripada 10 orang sudah menjawab (100%)");
  });

  it("shows a manager their own teams only, and nothing for a group under the threshold", async () => {
    const m1 = await ask("m1");
    expect(m1.scope).toEqual({ kind: "teams", teamIds: ["t1"], teamNames: ["Team One"] });
    // Team One alone has six of its six answers, but everyone's results (10, seen by admins)
    // minus Team One's would be Team Two's four: Team One's figures are hidden (issue 10, defect 1).
    expect(m1.summary).toMatchObject({ invited: 6, respondents: 6, suppressed: null });
    expect(m1.summary.questions[0]).toMatchObject({ figures: null, suppressed: "protects a hidden group" });
    // Five comments, all Team One's: shown to its manager too (no team on a comment).
    expect(m1.summary.questions[4]).toMatchObject({ figures: { respondents: 5 } });
    // Round 1 likewise (Team One 6 of everyone's 10): the trend hides both rounds' scores too.
    expect(m1.trend.points.map((point) => point.score)).toEqual([null, null]);

    const m2 = await ask("m2");
    expect(m2.summary).toMatchObject({ invited: 4, respondents: 4, suppressed: "below threshold" });
    expect(m2.summary.questions.every((question) => question.figures === null)).toBe(true);
    const shown = text(pulseResultsReply(m2, "en"));
    expect(shown).toContain("4 of 4 answered (100%)\nHidden: fewer than 5 people answered.");
    expect(shown).not.toMatch(/eNPS [+−\d]/);
    expect(m2.trend.points.map((point) => point.score)).toEqual([null, null]);
  });

  it("says no data, never 0, when nobody answered", async () => {
    store.roundList.push(round("r3", "enps", 3, "2026-09-14T01:00:00Z"));
    store.invitees.set("r3", [...reps1, ...reps2].map((entry) => entry.id));
    const view = await ask("admin");
    expect(view.round.number).toBe(3);
    expect(view.summary).toMatchObject({ respondents: 0, suppressed: "no data" });
    const reply = pulseResultsReply(view, "en");
    expect(text(reply)).toContain("0 of 10 answered (0%)\nNobody answered this.");
    expect(text(reply)).not.toContain("eNPS 0");
    expect(reply.summary).toBe("eNPS pulse — round 3 — 0 of 10 answered (0%)");
  });

  it("fits Slack's limits however long the comments: at most 50 blocks, 3,000 characters a section", async () => {
    const long = (n: number) => `${n}: ${"a long and heartfelt comment ".repeat(70)}`.slice(0, 1_990);
    store.roundList.push(round("r4", "enps", 4, "2026-10-12T01:00:00Z"));
    store.invitees.set("r4", [...reps1, ...reps2, ...PEOPLE.slice(0, 4)].map((entry) => entry.id));
    store.responses.set("r4", Array.from({ length: 14 }, (_, n) => enps(n < 7 ? "t1" : "t2", n % 11, [{ questionId: "one-thing", value: long(n), band: null, day: "2026-10-10" }])));
    const message = renderBlockKit(pulseResultsReply(await ask("admin"), "en"), (count) => `…and ${count} more`);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      const text = (block.text as { text?: string } | undefined)?.text ?? "";
      expect(text.length).toBeLessThanOrEqual(block.type === "header" ? 150 : 3_000);
    }
    // Each ~2,000-character comment gets a section of its own, and all 14 still fit.
    const shown = JSON.stringify(message.blocks);
    for (let n = 0; n < 14; n += 1) expect(shown).toContain(`• ${n}: a long and heartfelt comment`);
  });

  it("lets a rep who owns a survey see it, names only visible surveys, and says when there is no round yet", async () => {
    await expect(answer("owner-rep", "eNPS pulse")).rejects.toMatchObject({ code: "invalid_input", message: 'There is no survey "eNPS pulse" you can see results of. Surveys: "Rep\'s own".' });
    await expect(answer("owner-rep")).rejects.toMatchObject({ code: "not_found", message: "No survey has had a round yet." });
    await expect(answer("admin", "Rep's own")).rejects.toMatchObject({ code: "not_found", message: '"Rep\'s own" has had no round yet.' });
  });
  describe("a round still open", () => {
    // Round 3 (closing Mon 14 Sept 01:00Z = 09:00 in Kuala Lumpur, 02:00 in London): all ten
    // answered 0 and Team One commented — far above every threshold, and an eNPS of −100 that would
    // show at once if any figure of it leaked.
    beforeEach(() => {
      store.roundList.push(round("r3", "enps", 3, "2026-09-14T01:00:00Z", "open"));
      store.invitees.set("r3", [...reps1, ...reps2].map((entry) => entry.id));
      const comment = [{ questionId: "one-thing", value: "Tired of the new CRM", band: null, day: "2026-09-12" }];
      store.responses.set("r3", [...reps1.map(() => enps("t1", 0, comment)), ...reps2.map(() => enps("t2", 0))]);
    });

    it("shows only how many answered and when it closes, however far above the threshold, beside the last closed round", async () => {
      const read: string[] = [];
      const roundResponses = store.roundResponses.bind(store);
      store.roundResponses = async (roundId, teamIds) => {
        read.push(roundId);
        return roundResponses(roundId, teamIds);
      };
      const shown = await answer("admin");
      expect(shown.open).toEqual({ definition: DEFINITION, number: 3, opensOn: "2026-09-14", closesAt: new Date("2026-09-14T01:00:00Z"), respondents: 10, invited: 10 });
      // Its answers are not even read; the trend is made of the closed rounds.
      expect(read).not.toContain("r3");
      expect(shown.closed?.round).toMatchObject({ number: 2, status: "closed" });
      expect(shown.closed?.trend.points.map((point) => point.score)).toEqual([10, 20]);

      const reply = pulseResultsAnswerReply(shown, "en");
      expect(reply.summary).toBe("eNPS pulse — round 3 — 10 of 10 answered (100%)");
      const shownText = text(reply);
      expect(shownText).toContain("10 of 10 answered (100%)\nResults appear when the round closes on Mon, 14 Sept 2026, 09:00 (Asia/Kuala_Lumpur).");
      expect(shownText).not.toContain("−100");
      expect(shownText).not.toContain("Tired of the new CRM");
      expect(shownText).toContain("eNPS pulse — round 2");
      expect(shownText).toContain("Promoters (9-10) 5 (50%) · passives (7-8) 2 (20%) · detractors (0-6) 3 (30%) · 10 answered");

      // In the asker's own zone and language.
      expect(text(pulseResultsAnswerReply(await answer("ops-london"), "en"))).toContain("closes on Mon, 14 Sept 2026, 02:00 (Europe/London)");
      expect(text(pulseResultsAnswerReply(shown, "ms"))).toContain("10 daripada 10 orang sudah menjawab (100%)\nKeputusan dipaparkan apabila pusingan ditutup pada ");
    });

    it("gives a manager the response rate of their own teams only, and no figure", async () => {
      expect((await answer("m1")).open).toMatchObject({ respondents: 6, invited: 6 });
      const m2 = await answer("m2");
      expect(m2.open).toMatchObject({ respondents: 4, invited: 4 });
      expect(text(pulseResultsAnswerReply(m2, "en"))).not.toMatch(/eNPS [+−\d]/);
    });

    it("shows nothing but the rate when no round has closed yet", async () => {
      store.roundList.splice(0, store.roundList.length, ...store.roundList.filter((candidate) => candidate.id === "r3"));
      const shown = await answer("admin");
      expect(shown.closed).toBeNull();
      const reply = pulseResultsAnswerReply(shown, "en");
      expect(reply.blocks.map((block) => block.kind)).toEqual(["heading", "context", "text"]);
      expect(text(reply)).toBe(
        "eNPS pulse — round 3\nOpened 14 Sept 2026 · still open · Everyone asked\n10 of 10 answered (100%)\n" +
          "Results appear when the round closes on Mon, 14 Sept 2026, 09:00 (Asia/Kuala_Lumpur). Until then only the response rate is shown: figures that moved with every new answer would let someone work out one person's answers.",
      );
    });

    it("never computes its figures, even when asked directly", async () => {
      const open = store.roundList.find((candidate) => candidate.id === "r3")!;
      await expect(resultsViewOf(store, store.surveyList[0]!, open, { kind: "all" }, TEAMS)).rejects.toThrow("pulse round r3 is open");
    });

    it("shows the figures once it is closed — early, by an admin — and puts it in the trend", async () => {
      // Fri 11 Sept 04:00Z = 12:00 in Kuala Lumpur, three days before its planned closing.
      const closedAt = new Date("2026-09-11T04:00:00Z");
      const closing = await closePulseRound({ store, tenantId: TENANT.id, employeeId: "admin", locale: "en", now: closedAt, name: "eNPS pulse" });
      expect(closing.closed).toEqual([{ number: 3, respondents: 10, invited: 10, destination: { kind: "owner", name: "admin" } }]);
      const view = await ask("admin");
      expect(view.round).toMatchObject({ number: 3, status: "closed", closesAt: closedAt });
      // Ten detractors of ten: (0 − 10) / 10 = −100.
      expect(view.summary.questions[0]).toMatchObject({ figures: { score: -100, breakdown: { promoters: 0, passives: 0, detractors: 10, total: 10 } } });
      expect(view.trend.points).toEqual([
        { closesOn: "2026-07-13", score: 10, change: null },
        { closesOn: "2026-08-13", score: 20, change: 10 },
        { closesOn: "2026-09-11", score: -100, change: -120 },
      ]);
      const shown = text(pulseResultsReply(view, "en"));
      expect(shown).toContain("closed Fri, 11 Sept 2026, 12:00 (Asia/Kuala_Lumpur)");
      expect(shown).toContain("Tired of the new CRM");
    });
  });
});
