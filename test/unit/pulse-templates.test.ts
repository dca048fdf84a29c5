import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import {
  describeAnonymity,
  pulseCatalogues,
  pulseText,
  surveyFromTemplate,
  surveyTemplates,
  textIn,
  validateSurvey,
  type PulseKey,
  type PulseParams,
} from "../../src/core/pulse/index.js";
import { pulseRoundsSamples } from "../support/pulse-rounds-samples.js";

describe("survey templates", () => {
  it("offers the eNPS pulse, the sales-team pulse and the weekly check-in", () => {
    expect(surveyTemplates().map((template) => template.id)).toEqual(["enps", "sales", "weekly"]);
  });

  it.each(["en", "ms"] as const)("each template is a valid survey with every text in both languages (%s default)", (locale) => {
    for (const template of surveyTemplates()) {
      const survey = surveyFromTemplate(template.id, locale);
      expect(survey.defaultLocale).toBe(locale);
      expect(validateSurvey(survey)).toEqual(survey);
      const texts = [survey.title, ...survey.questions.flatMap((q) => [q.prompt, ...(q.kind === "single_choice" ? q.choices.map((c) => c.label) : [])])];
      for (const text of texts) {
        expect(text.en).toMatch(/\S/);
        expect(text.ms).toMatch(/\S/);
        expect(text.ms).not.toBe(text.en);
      }
    }
  });

  it("the eNPS pulse opens with the eNPS question and has 2-4 engagement questions", () => {
    const survey = surveyFromTemplate("enps", "en");
    const [first, ...rest] = survey.questions;
    expect(first).toMatchObject({ kind: "enps", prompt: { en: "How likely are you to recommend working here to a friend?" } });
    expect(rest.length).toBeGreaterThanOrEqual(2);
    expect(rest.length).toBeLessThanOrEqual(4);
    expect(rest.some((question) => question.kind === "enps")).toBe(false);
  });

  it("the sales-team pulse asks about workload, tools, the comp plan and manager support", () => {
    const ids = surveyFromTemplate("sales", "ms").questions.map((question) => question.id);
    expect(ids).toEqual(expect.arrayContaining(["workload", "tools", "comp-plan-clarity", "manager-support"]));
  });

  it("the weekly check-in is one question, shown in the reader's language", () => {
    const survey = surveyFromTemplate("weekly", "en");
    expect(survey.questions).toHaveLength(1);
    expect(textIn(survey.questions[0]!.prompt, "ms", survey.defaultLocale)).toBe("Minggu ini berjalan baik untuk saya di tempat kerja.");
    expect(textIn({ en: "Only English" }, "ms", "en")).toBe("Only English");
  });

  it("refuses an unknown template with not_found", () => {
    expect(() => surveyFromTemplate("nps", "en")).toThrow(AppError);
    expect(() => surveyFromTemplate("nps", "en")).toThrow('There is no survey template "nps"; the templates are "enps", "sales", "weekly".');
  });
});

/** One sample per key; typed, so a new key without a sample fails to compile. */
const samples: { [K in PulseKey]: PulseParams[K] } = {
  // admin., results., reminder.: test/support/pulse-rounds-samples.ts
  ...pulseRoundsSamples,
  "anonymity.notice": { threshold: 5, commentThreshold: 5, bands: true },
  "agreement.label": { value: 4 },
  "enps.lowEnd": {},
  "enps.highEnd": {},
  "enps.score": { score: 40 },
  "band.label": { band: "below 50 %" },
  "cut.noTeam": {},
  "cut.noBand": {},
  "suppressed.reason": { reason: "below threshold", threshold: 5 },
  "round.responseRate": { respondents: 12, invited: 40 },
  "dm.summary": { title: "eNPS pulse" },
  "dm.optional": {},
  "dm.answered": {},
  "dm.confirmation": { number: 1, prompt: "How likely are you to recommend working here?", answer: "7", comment: false },
  "dm.choosePlaceholder": {},
  "dm.progress": { answered: 2, total: 4, missing: 1 },
  "dm.complete": { closesAt: "Fri, 4 Dec 2026, 17:00 MYT" },
  "dm.completeWithOptional": { answered: 3, total: 4, closesAt: "Fri, 4 Dec 2026, 17:00 MYT" },
  "dm.closed": { closedAt: "Fri, 4 Dec 2026, 17:00 MYT" },
  "comment.write": {},
  "comment.edit": {},
  "comment.modalTitle": {},
  "comment.submit": {},
  "comment.cancel": {},
  "comment.hint": { threshold: 5 },
  "answer.roundNotFound": {},
  "answer.notInvited": {},
  "answer.tampered": {},
  "answer.closed": { closedAt: "Fri, 4 Dec 2026, 17:00 MYT" },
  "answer.unknownQuestion": {},
  "answer.outOfRange": { value: "11", min: 0, max: 10 },
  "answer.unknownChoice": {},
  "answer.emptyText": {},
  "answer.textTooLong": { length: 2_001, max: 2_000 },
};

describe("pulse catalogue", () => {
  it("has the same keys in English and Malay, and a sample for each", () => {
    const english = Object.keys(pulseCatalogues.en).sort();
    expect(Object.keys(pulseCatalogues.ms).sort()).toEqual(english);
    expect(Object.keys(samples).sort()).toEqual(english);
  });

  it.each(Object.keys(samples) as PulseKey[])("renders %s in both languages", (key) => {
    const render = pulseText as (locale: "en" | "ms", key: PulseKey, params: unknown) => string;
    expect(render("en", key, samples[key])).toMatch(/\S/);
    expect(render("ms", key, samples[key])).toMatch(/\S/);
  });

  it("renders eNPS signed, and no data as no data", () => {
    expect(pulseText("en", "enps.score", { score: 40 })).toBe("eNPS +40");
    expect(pulseText("en", "enps.score", { score: -100 })).toBe("eNPS −100");
    expect(pulseText("ms", "enps.score", { score: 0 })).toBe("eNPS 0");
    expect(pulseText("ms", "enps.score", { score: null })).toBe("eNPS: tiada data");
    // 12 / 40 = 0.3
    expect(pulseText("en", "round.responseRate", { respondents: 12, invited: 40 })).toBe("12 of 40 answered (30%)");
  });

  it("tells respondents who can see what, with the thresholds in force", () => {
    const english = describeAnonymity("en", { threshold: 4, commentThreshold: 6, bands: false });
    expect(english).toContain("*Your answers are anonymous.* They are stored sealed with a key only this message holds");
    expect(english).toContain("groups of at least 4 people");
    expect(english).toContain("at least 6 people have written one, without names and in random order");
    expect(english).not.toContain("band");
    const malay = describeAnonymity("ms", { threshold: 5, commentThreshold: 5, bands: true });
    expect(malay).toContain("*Jawapan anda tanpa nama.*");
    expect(malay).toContain("kumpulan sekurang-kurangnya 5 orang");
    expect(malay).toContain("julat pencapaian kuota anda (bawah 50 %, 50–80 %, 80–100 % atau 100 %+)");
  });

  it("says what Slack keeps of the survey message: which questions are answered, never the answers, and the key", () => {
    const english = describeAnonymity("en", { threshold: 5, commentThreshold: 5, bands: true });
    expect(english).toContain("Slack keeps this message like any other, but it never shows your answers — only which questions you have answered");
    expect(english).toContain("each answer is confirmed to you in a reply only you can see, which Slack does not keep");
    expect(english).toContain("someone who can read your DMs in Slack (a workspace admin exporting them) and also holds the database could open your response until the survey closes");
    expect(english).not.toContain("until the survey closes it shows your answers");
    const malay = describeAnonymity("ms", { threshold: 5, commentThreshold: 5, bands: true });
    expect(malay).toContain("tetapi mesej ini tidak sekali-kali memaparkan jawapan anda — hanya soalan yang telah anda jawab");
    expect(malay).toContain("dalam balasan yang hanya anda dapat lihat, yang tidak disimpan oleh Slack");
    expect(malay).toContain("dan juga memegang pangkalan data boleh membuka respons anda sehingga tinjauan ditutup");
  });
});
