import { AppError } from "../errors.js";
import {
  AGREEMENT_SCALE,
  ENPS_SCALE,
  findQuestion,
  MAX_FREE_TEXT_CHARS,
  type SurveyDefinition,
} from "./survey-definition.js";

/** An answer ready to store: a whole number on the question's scale, a choice id, or text. */
export type ValidatedAnswer =
  | { readonly questionId: string; readonly kind: "enps" | "agreement"; readonly value: number }
  | { readonly questionId: string; readonly kind: "single_choice"; readonly value: string }
  | { readonly questionId: string; readonly kind: "free_text"; readonly value: string };

const NUMERIC = /^[+-]?\d+(?:\.\d+)?$/;

function invalid(message: string, field: string): AppError {
  return new AppError("invalid_input", message, { field });
}

function scaleValue(raw: unknown, scale: { min: number; max: number }, what: string): number {
  const text = typeof raw === "string" ? raw.trim() : undefined;
  const value = typeof raw === "number" ? raw : text !== undefined && NUMERIC.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < scale.min || value > scale.max) {
    throw invalid(
      `${what} answers are whole numbers from ${scale.min} to ${scale.max}; ${JSON.stringify(raw) ?? String(raw)} is not one.`,
      "value",
    );
  }
  return value;
}

/**
 * Checks one answer against its survey and returns it normalised. `rawValue` is what the chat
 * platform sent: a number or numeric string for scales (eNPS whole 0-10, agreement whole 1-5),
 * a choice id for single choice, text for free text (trimmed, `\n` line ends, NFC, 1 to 2,000
 * characters — clearing an optional answer is not an answer and is refused here). Throws
 * `invalid_input` (params.field "questionId" or "value") for an unknown question, an out-of-range
 * or fractional number, an unknown choice, or text that is blank or too long.
 */
export function validateAnswer(survey: SurveyDefinition, questionId: string, rawValue: unknown): ValidatedAnswer {
  const question = findQuestion(survey, questionId);
  if (question === undefined) {
    throw invalid(`This survey has no question "${questionId}".`, "questionId");
  }
  switch (question.kind) {
    case "enps":
      return { questionId, kind: "enps", value: scaleValue(rawValue, ENPS_SCALE, "eNPS") };
    case "agreement":
      return { questionId, kind: "agreement", value: scaleValue(rawValue, AGREEMENT_SCALE, "Agreement") };
    case "single_choice": {
      const choiceId = typeof rawValue === "string" ? rawValue.trim() : undefined;
      if (choiceId === undefined || !question.choices.some((choice) => choice.id === choiceId)) {
        const known = question.choices.map((choice) => `"${choice.id}"`).join(", ");
        throw invalid(
          `${JSON.stringify(rawValue) ?? String(rawValue)} is not one of the options of question "${questionId}" (${known}).`,
          "value",
        );
      }
      return { questionId, kind: "single_choice", value: choiceId };
    }
    case "free_text": {
      if (typeof rawValue !== "string") throw invalid("A free-text answer must be text.", "value");
      const text = rawValue.replace(/\r\n?/g, "\n").trim().normalize("NFC");
      if (text.length === 0) throw invalid("The answer is empty; leave the question unanswered instead.", "value");
      const length = [...text].length;
      if (length > MAX_FREE_TEXT_CHARS) {
        throw invalid(
          `A free-text answer has at most ${MAX_FREE_TEXT_CHARS.toLocaleString("en")} characters; this one has ${length.toLocaleString("en")}.`,
          "value",
        );
      }
      return { questionId, kind: "free_text", value: text };
    }
  }
}
