/** Pulse surveys and eNPS: definitions, templates, answers, anonymity, results and reminders. */
export {
  AGREEMENT_SCALE,
  ENPS_SCALE,
  findQuestion,
  MAX_CHOICE_LABEL_CHARS,
  MAX_CHOICES,
  MAX_FREE_TEXT_CHARS,
  MAX_PROMPT_CHARS,
  MAX_QUESTIONS,
  MIN_CHOICES,
  textIn,
  type AgreementQuestion,
  type Choice,
  type EnpsQuestion,
  type FreeTextQuestion,
  type LocalisedText,
  type Question,
  type QuestionKind,
  type SingleChoiceQuestion,
  type SurveyDefinition,
} from "./survey-definition.js";
export { validateSurvey } from "./validate-survey.js";
export { surveyFromTemplate, surveyTemplates, type SurveyTemplate, type SurveyTemplateId } from "./survey-templates.js";
export { validateAnswer, type ValidatedAnswer } from "./validate-answer.js";
export {
  anonymityThreshold,
  ATTAINMENT_BANDS,
  attainmentBand,
  coarsenToDay,
  commentThreshold,
  DEFAULT_ANONYMITY_THRESHOLD,
  DEFAULT_COMMENT_THRESHOLD,
  MIN_ANONYMITY_THRESHOLD,
  type AttainmentBand,
} from "./anonymise-answer.js";
export { enpsBreakdown, enpsScore, type EnpsBreakdown } from "./score-enps.js";
export { seededRandom, shuffleSeeded } from "./shuffle-seeded.js";
export {
  roundEnps,
  summariseRound,
  type ChoiceFigures,
  type CommentFigures,
  type CutSummary,
  type Cuts,
  type EnpsFigures,
  type QuestionSummary,
  type RoundAnswer,
  type RoundSummary,
  type ScaleFigures,
  type Shown,
  type SummariseRoundOptions,
  type SuppressionReason,
} from "./summarise-round.js";
export { trendOf, type EnpsTrend, type TrendPoint, type TrendRound } from "./trend-of.js";
export {
  reminderRecipients,
  reminderSlots,
  type DueReminder,
  type ReminderSchedule,
  type SentReminder,
} from "./plan-reminders.js";
export type { PulseArgs, PulseCatalogue, PulseKey, PulseParams } from "./pulse-catalogue.js";
export { describeAnonymity, pulseCatalogues, pulseText } from "./pulse-texts.js";
