import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { surveyFromTemplate, validateAnswer, validateSurvey } from "../../src/core/pulse/index.js";

const survey = validateSurvey({
  title: { en: "Pulse" },
  questions: [
    { kind: "enps", id: "enps", prompt: { en: "Recommend?" } },
    { kind: "agreement", id: "workload", prompt: { en: "Workload is fine." } },
    {
      kind: "single_choice",
      id: "time-sink",
      prompt: { en: "Where?" },
      choices: [
        { id: "admin", label: { en: "Admin" } },
        { id: "meetings", label: { en: "Meetings" } },
      ],
    },
    { kind: "free_text", id: "comment", prompt: { en: "Anything else?" } },
  ],
});

function refusal(questionId: string, raw: unknown): AppError {
  try {
    validateAnswer(survey, questionId, raw);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("validateAnswer", () => {
  it("normalises scale answers from numbers and button strings", () => {
    expect(validateAnswer(survey, "enps", 0)).toEqual({ questionId: "enps", kind: "enps", value: 0 });
    expect(validateAnswer(survey, "enps", "10")).toEqual({ questionId: "enps", kind: "enps", value: 10 });
    expect(validateAnswer(survey, "workload", " 3 ")).toEqual({ questionId: "workload", kind: "agreement", value: 3 });
  });

  it.each([11, -1, 2.5, "2.5", "ten", "", null, true])("refuses eNPS %j", (raw) => {
    const error = refusal("enps", raw);
    expect(error.code).toBe("invalid_input");
    expect(error.params.field).toBe("value");
    expect(error.message).toContain("eNPS answers are whole numbers from 0 to 10;");
  });

  it.each([0, 6])("refuses agreement %j", (raw) => {
    expect(refusal("workload", raw).message).toBe(`Agreement answers are whole numbers from 1 to 5; ${raw} is not one.`);
  });

  it("accepts a known choice and refuses an unknown one", () => {
    expect(validateAnswer(survey, "time-sink", "meetings")).toEqual({ questionId: "time-sink", kind: "single_choice", value: "meetings" });
    expect(refusal("time-sink", "golf").message).toBe('"golf" is not one of the options of question "time-sink" ("admin", "meetings").');
  });

  it("refuses an unknown question id", () => {
    const error = refusal("salary", 5);
    expect(error.params.field).toBe("questionId");
    expect(error.message).toBe('This survey has no question "salary".');
  });

  it("trims free text, and accepts 2,000 characters but not 2,001", () => {
    expect(validateAnswer(survey, "comment", "  More coffee\r\nplease ")).toEqual({
      questionId: "comment",
      kind: "free_text",
      value: "More coffee\nplease",
    });
    // Emoji are one character each although two UTF-16 units.
    expect(validateAnswer(survey, "comment", "🙂".repeat(2_000)).value).toHaveLength(4_000);
    expect(refusal("comment", "a".repeat(2_001)).message).toBe("A free-text answer has at most 2,000 characters; this one has 2,001.");
    expect(refusal("comment", "   ").message).toBe("The answer is empty; leave the question unanswered instead.");
    expect(refusal("comment", 42).message).toBe("A free-text answer must be text.");
  });

  it("works on the templates", () => {
    expect(validateAnswer(surveyFromTemplate("enps", "ms"), "enps", "9").value).toBe(9);
  });
});
