import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { validateSurvey } from "../../src/core/pulse/index.js";

const agreement = (id: string) => ({ kind: "agreement", id, prompt: { en: `Statement ${id}`, ms: `Kenyataan ${id}` } });

function failure(input: unknown): AppError {
  try {
    validateSurvey(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected validateSurvey to throw");
}

describe("validateSurvey", () => {
  it("normalises texts, fills optional and the default locale", () => {
    const survey = validateSurvey({
      title: { en: "  Pulse  " },
      questions: [
        { kind: "enps", id: "enps", prompt: { en: "How likely…?\r\nBe honest", ms: " Berapa besar…? " } },
        { kind: "free_text", id: "why", prompt: { ms: "Kenapa?" } },
        {
          kind: "single_choice",
          id: "time-sink",
          prompt: { en: "Where?" },
          optional: true,
          choices: [
            { id: "admin", label: { en: "Admin" } },
            { id: "meetings", label: { en: "Meetings", ms: "Mesyuarat" } },
          ],
        },
      ],
    });
    expect(survey).toEqual({
      title: { en: "Pulse" },
      defaultLocale: "en",
      questions: [
        { kind: "enps", id: "enps", prompt: { en: "How likely…?\nBe honest", ms: "Berapa besar…?" }, optional: false },
        { kind: "free_text", id: "why", prompt: { ms: "Kenapa?" }, optional: true },
        {
          kind: "single_choice",
          id: "time-sink",
          prompt: { en: "Where?" },
          optional: true,
          choices: [
            { id: "admin", label: { en: "Admin" } },
            { id: "meetings", label: { en: "Meetings", ms: "Mesyuarat" } },
          ],
        },
      ],
    });
  });

  it("accepts 10 questions and refuses an 11th, naming the limit", () => {
    const ten = Array.from({ length: 10 }, (_, index) => agreement(`q${index + 1}`));
    expect(validateSurvey({ title: { en: "Ten" }, questions: ten }).questions).toHaveLength(10);
    const error = failure({ title: { en: "Eleven" }, questions: [...ten, agreement("q11")] });
    expect(error.code).toBe("invalid_input");
    expect(error.params.field).toBe("questions");
    expect(error.message).toBe(
      "questions: a survey has at most 10 questions; this one has 11 — remove 1 or split it into two surveys.",
    );
  });

  it.each([
    [{ title: { en: "T" }, questions: [] }, "questions", "a survey needs at least one question"],
    [{ title: { en: "T" }, questions: [agreement("a"), agreement("a")] }, "questions[1].id", 'question id "a" is already used by questions[0].id'],
    [{ title: { en: "T" }, questions: [{ ...agreement("a"), prompt: { en: "Fine", ms: "   " } }] }, "questions[0].prompt.ms", "the Malay prompt is blank"],
    [{ title: { en: "T" }, questions: [{ ...agreement("a"), prompt: {} }] }, "questions[0].prompt", "give the prompt in English, Malay or both"],
    [{ title: { ms: "" }, questions: [agreement("a")] }, "title.ms", "the Malay title is blank"],
    [{ title: { en: "T" }, questions: [{ ...agreement("a"), kind: "rating" }] }, "questions[0].kind", 'unknown question type "rating"'],
    [{ title: { en: "T" }, questions: [{ ...agreement("Bad Id") }] }, "questions[0].id", "lower-case letters"],
    [
      { title: { en: "T" }, questions: [{ ...agreement("a"), kind: "single_choice", choices: [{ id: "only", label: { en: "Only" } }] }] },
      "questions[0].choices",
      "offers 2 to 10 options; this one has 1",
    ],
    [
      {
        title: { en: "T" },
        questions: [
          { ...agreement("a"), kind: "single_choice", choices: Array.from({ length: 11 }, (_, i) => ({ id: `c${i}`, label: { en: `C${i}` } })) },
        ],
      },
      "questions[0].choices",
      "this one has 11",
    ],
    [
      {
        title: { en: "T" },
        questions: [{ ...agreement("a"), kind: "single_choice", choices: [{ id: "x", label: { en: "X" } }, { id: "x", label: { en: "Y" } }] }],
      },
      "questions[0].choices[1].id",
      'choice id "x" is already used by questions[0].choices[0].id',
    ],
    [{ title: { en: "T" }, questions: [{ kind: "free_text", id: "c", prompt: { en: "Why?" }, optional: false }] }, "questions[0].optional", "always optional"],
    [{ title: { en: "T" }, questions: [{ ...agreement("a"), promt: { en: "typo" } }] }, "questions[0]", "promt"],
    [{ title: { en: "x".repeat(301) }, questions: [agreement("a")] }, "title.en", "longer than 300 characters"],
  ])("refuses %j, naming %s", (input, field, fragment) => {
    const error = failure(input);
    expect(error.code).toBe("invalid_input");
    expect(error.params.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(error.message).toContain(fragment);
  });
});

describe("the README's example definition", () => {
  // The custom survey format is documented in README.md ("Your own questions"); its example must
  // stay a valid definition, and the refusal it quotes must be the one given.
  async function readmeExample(): Promise<unknown> {
    const { readFile } = await import("node:fs/promises");
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Your own questions: the survey definition format"));
    const block = /```json\n([\s\S]*?)\n```/.exec(section);
    if (!block) throw new Error("README.md has no JSON example under 'Your own questions'");
    return JSON.parse(block[1]!);
  }

  it("parses, and reads as documented", async () => {
    const survey = validateSurvey(await readmeExample());
    expect(survey.title).toEqual({ en: "Culture check", ms: "Semakan budaya" });
    expect(survey.questions.map((question) => [question.id, question.kind, question.optional])).toEqual([
      ["enps", "enps", false],
      ["heard", "agreement", false],
      ["focus", "single_choice", true],
      ["comment", "free_text", true],
    ]);
  });

  it("is refused, naming the field, with one choice too few", async () => {
    const example = (await readmeExample()) as { questions: Array<{ choices?: unknown[] }> };
    example.questions[2]!.choices = example.questions[2]!.choices!.slice(0, 1);
    expect(failure(example).message).toBe("questions[2].choices: a single-choice question offers 2 to 10 options; this one has 1.");
  });
});
