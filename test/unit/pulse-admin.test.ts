// Pulse survey administration without a database (a hand-written store): the `/pulse` grammar in
// English and Malay, the admin form's cadences, creating (an 11th question refused, names and
// audiences checked), editing (open rounds keep their questions), pausing, starting a round now
// from a template, opting out; and the round texts in both languages.
import { describe, expect, it } from "vitest";
import {
  createPulseSurvey,
  editPulseSurvey,
  pausePulseSurvey,
  resumePulseSurvey,
  setPulseOptOut,
  startPulseRound,
  type PulseAdminOptions,
} from "../../src/core/pulse/manage-pulse-surveys.js";
import { answerPulseCommand } from "../../src/core/pulse/answer-pulse-command.js";
import { closePulseRound } from "../../src/core/pulse/close-pulse-round.js";
import { parsePulseCommand } from "../../src/core/pulse/parse-pulse-command.js";
import { cadenceOf, presetOf } from "../../src/core/pulse/pulse-admin-form.js";
import { pulseRoundsEn } from "../../src/core/pulse/pulse-rounds-messages-en.js";
import { pulseRoundsMs } from "../../src/core/pulse/pulse-rounds-messages-ms.js";
import type { PulseRoundsKey } from "../../src/core/pulse/pulse-rounds-catalogue.js";
import { pulseText } from "../../src/core/pulse/pulse-texts.js";
import type { PulsePerson } from "../../src/core/pulse/resolve-audience.js";
import { parseScheduleSpec } from "../../src/core/schedules/parse-schedule-spec.js";
import { itChecksBilingualCatalogue } from "../support/catalogues.js";
import { pulseRoundsSamples } from "../support/pulse-rounds-samples.js";
import { FakePulseStore } from "../support/pulse-store-fake.js";

describe("parsePulseCommand", () => {
  it.each([
    ["", { verb: "help" }],
    ["bantuan", { verb: "help" }],
    ["results", { verb: "results" }],
    ["results eNPS pulse", { verb: "results", name: "eNPS pulse" }],
    ['keputusan "Sales floor"', { verb: "results", name: "Sales floor" }],
    ["start enps", { verb: "start", name: "enps" }],
    ["mula “eNPS pulse”", { verb: "start", name: "eNPS pulse" }],
    ["jeda Weekly", { verb: "pause", name: "Weekly" }],
    ["sambung Weekly", { verb: "resume", name: "Weekly" }],
    ["close enps", { verb: "close", name: "enps" }],
    ['end "eNPS pulse"', { verb: "close", name: "eNPS pulse" }],
    ["tutup eNPS pulse", { verb: "close", name: "eNPS pulse" }],
    ["TAMATKAN Weekly check-in", { verb: "close", name: "Weekly check-in" }],
    ["senarai", { verb: "list" }],
    ["NEW", { verb: "new" }],
    ["ubah Weekly check-in", { verb: "edit", name: "Weekly check-in" }],
    ["opt out", { verb: "optout" }],
    ["tarik diri", { verb: "optout" }],
    ["sertai semula", { verb: "optin" }],
  ])("reads %j", (text, command) => {
    expect(parsePulseCommand(text)).toEqual({ ok: true, command });
  });

  it("says what is wrong", () => {
    expect(parsePulseCommand("start")).toEqual({ ok: false, problem: { kind: "missingName", verb: "start" } });
    expect(parsePulseCommand("tutup")).toEqual({ ok: false, problem: { kind: "missingName", verb: "close" } });
    expect(parsePulseCommand("list everything")).toEqual({ ok: false, problem: { kind: "extraWords", verb: "list", words: "everything" } });
    expect(parsePulseCommand("delete x")).toEqual({ ok: false, problem: { kind: "unknownVerb", word: "delete" } });
    expect(parsePulseCommand('start "eNPS')).toEqual({ ok: false, problem: { kind: "unclosedQuote", quote: '"' } });
  });
});

describe("the admin form's cadences", () => {
  it.each([
    ["weekly", 1, "09:00", "weekly Mon 09:00", "0 9 * * 1"],
    ["fortnightly", 3, "15:30", "every 2 weeks Wed 15:30", "30 15 * * 3"],
    ["monthly", 7, "08:00", "monthly on the first Sun 08:00", "0 8 * * 0#1"],
    ["quarterly", 1, "10:00", "quarterly on day 1 10:00", "0 10 1 1,4,7,10 *"],
  ] as const)("%s on day %i at %s is %j (%s), and reads back", (cadence, weekday, time, preset, cron) => {
    expect(presetOf(cadence, weekday, time)).toBe(preset);
    const spec = parseScheduleSpec(preset, { anchorDate: "2026-08-10" });
    expect(spec.cron).toBe(cron);
    expect(cadenceOf(spec)).toEqual({ cadence, weekday: cadence === "quarterly" ? 1 : weekday, time });
  });

  it("leaves a schedule it cannot show to the admin's cron", () => {
    expect(cadenceOf(parseScheduleSpec("0 9 * * 1-5"))).toBeNull();
    expect(cadenceOf(parseScheduleSpec("0 9,17 * * 1"))).toBeNull();
  });
});

const TENANT = { id: "tenant", name: "Co", timeZone: "Asia/Kuala_Lumpur", locale: "en" as const, anonymityThreshold: 4, commentThreshold: null };
const person = (id: string, role: PulsePerson["role"], extra: Partial<PulsePerson> = {}): PulsePerson => ({
  id, name: id.toUpperCase(), email: `${id}@co.test`, role, managerId: null, teamId: "t1", active: true, timeZone: "Asia/Kuala_Lumpur", locale: "en", slackUserId: `U-${id}`, ...extra,
});
const PEOPLE = [person("admin", "admin"), person("boss", "manager"), person("ana", "rep", { managerId: "boss" }), person("ben", "rep", { managerId: "boss", timeZone: "Europe/London" }), person("cy", "rep", { slackUserId: null })];
const NOW = new Date("2026-08-10T02:00:00Z");

function fixture() {
  const store = new FakePulseStore(TENANT, PEOPLE, [{ id: "t1", name: "Team One", managerId: "boss", channelId: "C0TEAMONE" }]);
  const admin: PulseAdminOptions = { store, tenantId: TENANT.id, employeeId: "admin", locale: "en", now: NOW };
  return { store, admin };
}

describe("survey administration", () => {
  it("refuses an 11th question, naming the count, and writes nothing", async () => {
    const { store, admin } = fixture();
    const questions = Array.from({ length: 11 }, (_, index) => ({ kind: "agreement", id: `q${index}`, prompt: { en: `Statement ${index}` } }));
    await expect(createPulseSurvey({ ...admin, name: "Too long", definition: { title: { en: "Too long" }, questions } })).rejects.toThrow(
      "The questions are not valid: questions: a survey has at most 10 questions; this one has 11 — remove 1 or split it into two surveys.",
    );
    expect(store.surveyList).toEqual([]);
  });

  it("creates from a template with its audience, schedule and reminders; refuses a taken name, an unknown team and a rep", async () => {
    const { store, admin } = fixture();
    const created = await createPulseSurvey({ ...admin, name: "Team pulse", template: "sales", audience: { kind: "reports", manager: "boss@co.test" }, when: "every 2 weeks Mon 09:00", resultsChannel: "Team One" });
    expect(created).toMatchObject({ name: "Team pulse", templateId: "sales", questionCount: 6, audienceText: "Everyone reporting to BOSS (directly or not)", resultsChannel: "C0TEAMONE", nextOpensOn: "2026-08-24" });
    // "Every 2 weeks" counts from this week's Monday in the survey's zone (10 Aug): 10 Aug 09:00 has passed, 24 Aug is next.
    expect(store.surveyList[0]!.spec).toEqual({ cron: "0 9 * * 1", preset: "every 2 weeks Mon 09:00", everyWeeks: 2, anchorDate: "2026-08-10" });
    await expect(createPulseSurvey({ ...admin, name: "team PULSE", template: "enps" })).rejects.toThrow('There is already a survey named "team PULSE"; pick another name.');
    await expect(createPulseSurvey({ ...admin, name: "X", template: "enps", audience: { kind: "teams", teams: ["Team Nine"] } })).rejects.toThrow('There is no team "Team Nine". Teams: "Team One".');
    await expect(createPulseSurvey({ ...admin, name: "X", template: "culture" })).rejects.toThrow('There is no template "culture"');
    await expect(createPulseSurvey({ ...admin, employeeId: "ana", name: "X", template: "enps" })).rejects.toMatchObject({ code: "forbidden", message: "Only sales-ops admins can manage pulse surveys." });
  });

  it("edits only what differs; a round already planned keeps its questions", async () => {
    const { store, admin } = fixture();
    await createPulseSurvey({ ...admin, name: "Weekly", template: "weekly", when: "weekly Mon 09:00" });
    const started = await startPulseRound({ ...admin, name: "Weekly" });
    const later = { ...admin, now: new Date("2026-08-11T00:00:00Z") };
    const edited = await editPulseSurvey({ ...later, name: "weekly", template: "enps", openDays: 5, when: "weekly Mon 09:00" });
    expect(edited.changed).toEqual(["questions", "openDays"]);
    expect(store.surveyList[0]!.definition.questions).toHaveLength(5);
    expect(store.roundList[0]!.definition.questions.map((question) => question.id)).toEqual(["good-week"]);
    expect(started.number).toBe(1);
    // Rounds are counted from the change.
    expect(store.surveyList[0]!.updatedAt).toEqual(later.now);
    await expect(editPulseSurvey({ ...later, name: "Weekly" })).rejects.toThrow("Say what to change");
  });

  it("starts a round now from a template: a new paused survey, everyone asked at once, the unreachable named", async () => {
    const { store, admin } = fixture();
    const started = await startPulseRound({ ...admin, name: "enps" });
    expect(started).toMatchObject({ createdFromTemplate: true, number: 1, invited: 4, unreachable: ["CY"], closesAt: new Date("2026-08-13T02:00:00Z") });
    expect(store.surveyList[0]).toMatchObject({ name: "eNPS pulse", status: "paused", templateId: "enps" });
    expect(store.planned[0]!.sends.map((send) => [send.employeeId, send.sendAt])).toEqual([
      ["admin", NOW], ["boss", NOW], ["ana", NOW], ["ben", NOW],
    ]);
    expect(store.planned[0]).toMatchObject({ opensOn: "2026-08-10", threshold: 4, commentThreshold: 5, status: "open" });
    await expect(startPulseRound({ ...admin, name: "eNPS" })).rejects.toMatchObject({ code: "conflict" });
    await expect(startPulseRound({ ...admin, name: "Culture" })).rejects.toThrow('There is no survey or template "Culture".');
  });

  it("pauses and resumes, saying when nothing changed; opt-out is per person and admins may act for someone", async () => {
    const { store, admin } = fixture();
    await createPulseSurvey({ ...admin, name: "Weekly", template: "weekly", when: "weekly Mon 09:00" });
    expect((await pausePulseSurvey({ ...admin, name: "weekly" })).changed).toBe(true);
    expect((await pausePulseSurvey({ ...admin, name: "weekly" })).changed).toBe(false);
    expect((await resumePulseSurvey({ ...admin, name: "weekly" })).survey.status).toBe("active");
    expect(await setPulseOptOut({ store, tenantId: TENANT.id, employeeId: "ana", locale: "en", optedOut: true })).toEqual({ name: "ANA", self: true, optedOut: true, changed: true });
    expect(await setPulseOptOut({ store, tenantId: TENANT.id, employeeId: "admin", locale: "en", optedOut: false, person: "ana@co.test" })).toEqual({ name: "ANA", self: false, optedOut: false, changed: true });
    await expect(setPulseOptOut({ store, tenantId: TENANT.id, employeeId: "ben", locale: "en", optedOut: true, person: "ana@co.test" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("closing a round early", () => {
  const replyText = (reply: { blocks: ReadonlyArray<{ kind: string; text?: string }> }) => reply.blocks.map((block) => block.text ?? "").join("\n");
  const LATER = new Date("2026-08-11T06:30:00Z");

  it("refuses anyone but an admin, before looking the survey up, and closes nothing", async () => {
    const { store, admin } = fixture();
    await startPulseRound({ ...admin, name: "enps" });
    for (const [who, name] of [["boss", "eNPS pulse"], ["ana", "eNPS pulse"], ["ana", "No such survey"]] as const) {
      await expect(closePulseRound({ ...admin, employeeId: who, name })).rejects.toMatchObject({ code: "forbidden", message: "Only sales-ops admins can manage pulse surveys." });
    }
    // The survey's owner is no exception: closing is for admins.
    store.surveyList[0] = { ...store.surveyList[0]!, ownerId: "boss" };
    await expect(closePulseRound({ ...admin, employeeId: "boss", name: "eNPS pulse" })).rejects.toMatchObject({ code: "forbidden" });
    expect(store.closedRounds).toEqual([]);
    expect(store.roundList[0]!.status).toBe("open");
  });

  it("closes the open round now, once, through the store's closing (results post queued); a second close says so", async () => {
    const { store, admin } = fixture();
    await startPulseRound({ ...admin, name: "enps" });
    const roundId = store.roundList[0]!.id;
    // Two of the four invited answered.
    store.responses.set(roundId, [
      { teamId: "t1", answers: [{ questionId: "enps", value: 9, band: null, day: "2026-08-10" }] },
      { teamId: "t1", answers: [{ questionId: "enps", value: 6, band: null, day: "2026-08-11" }] },
    ]);
    // "enps" names the template; the survey made from it is the one closed.
    const first = await closePulseRound({ ...admin, now: LATER, name: "enps" });
    expect(first).toEqual({ surveyName: "eNPS pulse", closed: [{ number: 1, respondents: 2, invited: 4, destination: { kind: "owner", name: "ADMIN" } }], latestNumber: 1 });
    expect(store.closedRounds).toEqual([{ roundId, now: LATER }]);
    expect(store.resultsPosts).toEqual([roundId]);
    expect(store.roundList[0]).toMatchObject({ status: "closed", closedAt: LATER });

    const again = await closePulseRound({ ...admin, now: LATER, name: "eNPS pulse" });
    expect(again).toEqual({ surveyName: "eNPS pulse", closed: [], latestNumber: 1 });
    expect(store.resultsPosts).toEqual([roundId]);
    expect(replyText(await answerPulseCommand({ ...admin, now: LATER, text: "close eNPS pulse" }))).toBe(
      'No round of "eNPS pulse" is open: round 1 has closed already. Its results: `/pulse results eNPS pulse`.',
    );
  });

  it("says where the results went, in the admin's language", async () => {
    const { store, admin } = fixture();
    await createPulseSurvey({ ...admin, name: "Team pulse", template: "weekly", resultsChannel: "Team One" });
    await startPulseRound({ ...admin, name: "Team pulse" });
    expect(replyText(await answerPulseCommand({ ...admin, locale: "ms", now: LATER, text: 'tutup "team pulse"' }))).toBe(
      'Pusingan 1 "Team pulse" ditutup: 0 daripada 4 orang sudah menjawab. Tiada lagi jawapan diterima. ' +
        "Keputusannya sedang dihantar ke <#C0TEAMONE>; `/pulse keputusan Team pulse` memaparkannya.",
    );
    // An owner without a Slack account: no post, and the admin is told.
    await createPulseSurvey({ ...admin, name: "Cy's pulse", template: "weekly", owner: "cy@co.test" });
    await startPulseRound({ ...admin, name: "Cy's pulse" });
    expect(replyText(await answerPulseCommand({ ...admin, now: LATER, text: "close Cy's pulse" }))).toBe(
      'Round 1 of "Cy\'s pulse" is closed: 0 of 4 answered. No more answers are taken. CY, its owner, has no Slack account linked, so no results are posted; `/pulse results Cy\'s pulse` shows them.',
    );
    expect(store.resultsPosts).toHaveLength(1);
  });

  it("names the surveys for an unknown name, and says when a survey has had no round", async () => {
    const { admin } = fixture();
    await createPulseSurvey({ ...admin, name: "Weekly", template: "weekly" });
    await expect(closePulseRound({ ...admin, name: "Culture" })).rejects.toMatchObject({ code: "invalid_input", message: 'There is no survey "Culture". Surveys: "Weekly".' });
    await expect(closePulseRound({ ...admin, name: "weekly" })).rejects.toMatchObject({
      code: "not_found",
      message: '"Weekly" has had no round yet, so there is nothing to close. `/pulse start Weekly` opens one.',
    });
  });
});

describe("pulse round texts (admin., results., reminder.)", () => {
  // Figures and labels given to them, or a word both languages share ("Status").
  const SAME = new Set<PulseRoundsKey>(["admin.label.status", "results.distribution", "results.cutEnps", "results.cutMean"]);
  itChecksBilingualCatalogue<PulseRoundsKey>({
    catalogues: { en: pulseRoundsEn, ms: pulseRoundsMs },
    samples: pulseRoundsSamples,
    render: (locale, key, params) => (pulseText as (l: typeof locale, k: string, p: unknown) => string)(locale, key, params),
    sameInBoth: SAME,
  });

  it("words a reminder on the last day, and without a link", () => {
    const base = { title: "eNPS pulse", closesAt: "2026-08-13T02:00:00.000Z", timeZone: "Asia/Kuala_Lumpur", link: null, lastDay: true };
    expect(pulseText("en", "reminder.text", base)).toBe(
      '*Last day for "eNPS pulse".* It closes Thu, 13 Aug 2026, 10:00.\nScroll up to the survey in this conversation to answer.\nYour answers are anonymous. Reminders go only to people who have not answered yet.',
    );
  });
});
