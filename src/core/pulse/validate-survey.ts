import { z } from "zod";
import { AppError } from "../errors.js";
import {
  MAX_CHOICE_LABEL_CHARS,
  MAX_CHOICES,
  MAX_PROMPT_CHARS,
  MAX_QUESTIONS,
  MIN_CHOICES,
  type LocalisedText,
  type Question,
  type SurveyDefinition,
} from "./survey-definition.js";

const LANGUAGE_NAMES = { en: "English", ms: "Malay" } as const;
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const KINDS = ["enps", "agreement", "single_choice", "free_text"] as const;

function codePoints(text: string): number {
  return [...text].length;
}

function localisedText(what: string, maxChars: number) {
  const inLanguage = (locale: keyof typeof LANGUAGE_NAMES) =>
    z
      .string({ error: `the ${LANGUAGE_NAMES[locale]} ${what} must be text` })
      .transform((text) => text.replace(/\r\n?/g, "\n").trim().normalize("NFC"))
      .refine((text) => text.length > 0, { error: `the ${LANGUAGE_NAMES[locale]} ${what} is blank` })
      .refine((text) => codePoints(text) <= maxChars, {
        error: `the ${LANGUAGE_NAMES[locale]} ${what} is longer than ${maxChars} characters`,
      })
      .optional();
  return z
    .strictObject(
      { en: inLanguage("en"), ms: inLanguage("ms") },
      { error: `give the ${what} as { en, ms } (English, Malay or both)` },
    )
    .refine((text) => text.en !== undefined || text.ms !== undefined, {
      error: `give the ${what} in English, Malay or both`,
    })
    .transform((text): LocalisedText => ({
      ...(text.en === undefined ? {} : { en: text.en }),
      ...(text.ms === undefined ? {} : { ms: text.ms }),
    }));
}

const id = (what: string) =>
  z.string({ error: `the ${what} id must be text` }).regex(ID_PATTERN, {
    error: `the ${what} id must be 1-40 lower-case letters, digits, "_" or "-", starting with a letter or digit`,
  });

const prompt = localisedText("prompt", MAX_PROMPT_CHARS);
const optional = z.boolean({ error: "optional must be true or false" }).optional();

const questionSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("enps"), id: id("question"), prompt, optional }),
    z.strictObject({ kind: z.literal("agreement"), id: id("question"), prompt, optional }),
    z.strictObject({
      kind: z.literal("single_choice"),
      id: id("question"),
      prompt,
      optional,
      choices: z
        .array(z.strictObject({ id: id("choice"), label: localisedText("label", MAX_CHOICE_LABEL_CHARS) }), {
          error: "choices must be a list",
        })
        .min(MIN_CHOICES, { error: (issue) => choiceCountMessage(issue.input) })
        .max(MAX_CHOICES, { error: (issue) => choiceCountMessage(issue.input) }),
    }),
    z.strictObject({
      kind: z.literal("free_text"),
      id: id("question"),
      prompt,
      optional: z.literal(true, { error: "a free-text answer is always optional" }).optional(),
    }),
  ],
  { error: (issue) => `unknown question type ${JSON.stringify(kindOf(issue.input))}; use ${KINDS.join(", ")}` },
);

function kindOf(input: unknown): unknown {
  return typeof input === "object" && input !== null ? (input as { kind?: unknown }).kind : input;
}

function choiceCountMessage(input: unknown): string {
  const count = Array.isArray(input) ? input.length : 0;
  return `a single-choice question offers ${MIN_CHOICES} to ${MAX_CHOICES} options; this one has ${count}`;
}

const surveySchema = z.strictObject(
  {
    title: localisedText("title", MAX_PROMPT_CHARS),
    defaultLocale: z.enum(["en", "ms"], { error: 'defaultLocale must be "en" or "ms"' }).optional(),
    questions: z
      .array(questionSchema, { error: "questions must be a list" })
      .min(1, { error: "a survey needs at least one question" })
      .max(MAX_QUESTIONS, {
        error: (issue) => {
          const count = Array.isArray(issue.input) ? issue.input.length : 0;
          return `a survey has at most ${MAX_QUESTIONS} questions; this one has ${count} — remove ${count - MAX_QUESTIONS} or split it into two surveys`;
        },
      }),
  },
  { error: "a survey must be an object with a title and questions" },
);

/** `["questions", 2, "prompt", "ms"]` → `questions[2].prompt.ms`. */
function fieldName(path: readonly PropertyKey[]): string {
  let name = "";
  for (const part of path) name += typeof part === "number" ? `[${part}]` : `${name === "" ? "" : "."}${String(part)}`;
  return name === "" ? "survey" : name;
}

function invalid(field: string, message: string): AppError {
  return new AppError("invalid_input", `${field}: ${message}.`, { field });
}

function assertUnique(ids: readonly string[], field: (index: number) => string, what: string): void {
  const seen = new Map<string, number>();
  ids.forEach((value, index) => {
    const first = seen.get(value);
    if (first !== undefined) {
      throw invalid(field(index), `${what} "${value}" is already used by ${field(first)}; ${what}s must be unique`);
    }
    seen.set(value, index);
  });
}

/**
 * Checks an admin's (or a template's) survey and returns its normalised form: texts trimmed
 * (NFC, `\n` line ends), `optional` filled in (false, except free text which is always
 * optional), `defaultLocale` "en" unless given. Rules: 1 to 10 questions; question ids unique,
 * choice ids unique within their question; 2 to 10 choices; every text given is non-blank, at
 * most 300 characters (75 for a choice label) and present in at least one language.
 * Throws `AppError("invalid_input")` whose message starts with the field, e.g.
 * `questions[2].prompt.ms: the Malay prompt is blank.`, and whose `params.field` names it.
 */
export function validateSurvey(definition: unknown): SurveyDefinition {
  const parsed = surveySchema.safeParse(definition);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(fieldName(issue.path), issue.message);
  }
  const { title, defaultLocale, questions } = parsed.data;
  assertUnique(
    questions.map((question) => question.id),
    (index) => `questions[${index}].id`,
    "question id",
  );
  const normalised = questions.map((question, index): Question => {
    if (question.kind === "free_text") return { ...question, optional: true };
    if (question.kind !== "single_choice") return { ...question, optional: question.optional ?? false };
    assertUnique(
      question.choices.map((choice) => choice.id),
      (choiceIndex) => `questions[${index}].choices[${choiceIndex}].id`,
      "choice id",
    );
    return { ...question, optional: question.optional ?? false };
  });
  return { title, defaultLocale: defaultLocale ?? "en", questions: normalised };
}
