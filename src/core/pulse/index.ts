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
export type {
  AnswerableRound,
  PulseAnswerStore,
  ResponseWrite,
  SaveResponseInput,
  StoredAnswer,
  VerifiedToken,
  VerifyPulseToken,
} from "./pulse-answer-store.js";
export {
  applyResponseAnswer,
  parseResponse,
  serialiseResponse,
  tallyValue,
  type AppliedAnswer,
  type CommentWrite,
  type ResponseState,
  type TallyChange,
} from "./apply-response-answer.js";
export { disclosableSets, type DisclosureSet } from "./disclosure.js";
export { answerPulseQuestion, closingInstant, formatSurveyInstant, isRoundOpen, type AnswerPulseQuestionOptions } from "./answer-pulse-question.js";
export {
  COMMENT_PREVIEW_CHARS,
  isResponseComplete,
  requiredQuestionIds,
  surveyMessage,
  type SurveyMessage,
  type SurveyMessageOptions,
  type SurveyOption,
  type SurveyQuestionView,
  type SurveyState,
} from "./survey-message.js";
export { keepsAttainmentBand, respondentCuts, type RespondentCutsOptions } from "./respondent-cuts.js";
export { admitRespondent, type AdmitRespondentOptions, type AdmittedRespondent } from "./admit-respondent.js";
export { openResponse, recordPulseAnswer, type RecordPulseAnswerOptions } from "./record-pulse-answer.js";
export { openPulseComment, type CommentForm, type OpenPulseCommentOptions } from "./open-pulse-comment.js";
export { showPulseInvitation, type PulseInvitation, type ShowPulseInvitationOptions } from "./show-pulse-invitation.js";
// Around a round (audience, planning, reminders, administration, results): the ROUNDS side.
export { parseAudience, resolveAudience, type AbsenceSpan, type AudienceSpec, type PulsePerson, type ResolvedAudience } from "./resolve-audience.js";
export { dueRoundDates, planSurveyRound, type PlannedSend, type RoundDate, type RoundDecision, type RoundPlan } from "./plan-survey-round.js";
export { groupReminderSlots, planGroupReminders, type GroupReminder, type ReminderSettings } from "./plan-round-reminders.js";
export { openSurveyRound, type OpenedRound } from "./open-survey-round.js";
export type { ClosedRound, NewRound, NewSurvey, PlannedRound, PulseStore, PulseTeam, PulseTenant, StoredRound, StoredSurvey } from "./pulse-store.js";
export {
  addOutOfOffice,
  createPulseSurvey,
  editPulseSurvey,
  listPulseSurveys,
  pausePulseSurvey,
  resumePulseSurvey,
  setPulseOptOut,
  startPulseRound,
  type AudienceChoice,
  type PulseAdminOptions,
  type SurveyOverview,
} from "./manage-pulse-surveys.js";
export { parsePulseCommand, type PulseCommand } from "./parse-pulse-command.js";
export { answerPulseCommand, answerPulseRequest } from "./answer-pulse-command.js";
export { preparePulseAdminForm, submitPulseAdminForm, type PulseAdminForm } from "./pulse-admin-form.js";
export {
  pulseResultsAnswerReply,
  pulseResultsReply,
  resultsScopeFor,
  showPulseResults,
  type OpenRoundProgress,
  type PulseResultsAnswer,
  type PulseResultsView,
} from "./show-pulse-results.js";
export { closePulseRound, type ClosePulseRoundResult } from "./close-pulse-round.js";
