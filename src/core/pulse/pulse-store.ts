// The port through which the pulse survey use cases read and write surveys, rounds, opt-outs
// and absences. `src/db/repositories/pulse-surveys.ts` implements it with Prisma
// (`createPulseStore`); unit tests implement it by hand. Plain data only: instants are UTC
// `Date`s, dates ISO `YYYY-MM-DD`. Nothing here reads a response token or links an answer to a person.
import type { Locale } from "../i18n/locale.js";
import type { ScheduleSpec } from "../schedules/schedule-spec.js";
import type { ReminderSettings } from "./plan-round-reminders.js";
import type { AbsenceSpan, AudienceSpec, PulsePerson } from "./resolve-audience.js";
import type { RoundAnswer } from "./summarise-round.js";
import type { SurveyDefinition } from "./survey-definition.js";

export type SurveyStatus = "active" | "paused";
export type RoundStatus = "open" | "closed";

export interface StoredSurvey extends NewSurvey {
  readonly id: string;
  readonly tenantId: string;
  readonly createdAt: Date;
  /** Last change (edit, pause, resume): rounds are counted from the later of this and creation. */
  readonly updatedAt: Date;
}

export interface StoredRound {
  readonly id: string;
  readonly surveyId: string;
  readonly number: number;
  /** The survey as it was when the round was planned. */
  readonly definition: SurveyDefinition;
  readonly opensOn: string;
  readonly firstSendAt: Date;
  readonly lastSendAt: Date;
  readonly closesAt: Date;
  readonly status: RoundStatus;
  /** People invited; 0 for a round skipped after downtime (or with nobody to ask). */
  readonly invited: number;
  readonly threshold: number;
  readonly commentThreshold: number;
  readonly closedAt: Date | null;
}

export interface PulseTenant {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly locale: Locale;
  /** The setting as stored (the threshold in force is never below 3). */
  readonly anonymityThreshold: number;
  /** `settings.pulseCommentThreshold`, when set. */
  readonly commentThreshold: number | null;
}

export interface PulseTeam {
  readonly id: string;
  readonly name: string;
  readonly managerId: string | null;
  /** The team's Slack channel, if it has one. */
  readonly channelId: string | null;
}

export interface NewSurvey {
  readonly name: string;
  /** The built-in template it was made from ("enps"), if any. */
  readonly templateId: string | null;
  readonly definition: SurveyDefinition;
  readonly ownerId: string;
  /** Channel for the close-of-round post; null: a DM to the owner. */
  readonly resultsChannel: string | null;
  readonly audience: AudienceSpec;
  readonly spec: ScheduleSpec;
  /** The zone whose calendar decides a round's date. */
  readonly timeZone: string;
  readonly openDays: number;
  readonly reminders: ReminderSettings;
  readonly status: SurveyStatus;
}

/** Only the fields given change. */
export type SurveyChanges = Partial<Omit<NewSurvey, "templateId">>;

/** One invitation of a planned round. */
export interface NewRoundSend {
  readonly employeeId: string;
  readonly slackUserId: string;
  readonly locale: Locale;
  readonly timeZone: string;
  /** UTC; the invite's `notBefore`. */
  readonly sendAt: Date;
}

export interface NewRound {
  readonly tenantId: string;
  readonly surveyId: string;
  readonly definition: SurveyDefinition;
  readonly opensOn: string;
  readonly firstSendAt: Date;
  readonly lastSendAt: Date;
  readonly closesAt: Date;
  readonly threshold: number;
  readonly commentThreshold: number;
  /** "closed" for a round skipped after downtime: recorded so that it is decided once. */
  readonly status: RoundStatus;
  readonly sends: readonly NewRoundSend[];
}

export interface PlannedRound {
  readonly roundId: string;
  readonly number: number;
  readonly invited: number;
}

/** Answers of a round (one per response and question: the latest) and how many responded. */
export interface RoundResponses {
  /** Complete responses (people who answered: isResponseComplete). */
  readonly respondents: number;
  readonly answers: readonly RoundAnswer[];
}

export interface PulseStore {
  tenant(tenantId: string): Promise<PulseTenant | null>;
  /** Everyone of the tenant, inactive people included. */
  people(tenantId: string): Promise<PulsePerson[]>;
  teams(tenantId: string): Promise<PulseTeam[]>;
  /** Every survey of the tenant (any order). */
  surveys(tenantId: string): Promise<StoredSurvey[]>;
  /** "duplicate" when the tenant has a survey of that name already. */
  createSurvey(tenantId: string, survey: NewSurvey, now: Date): Promise<StoredSurvey | "duplicate">;
  /** Null when there is no such survey in the tenant; "duplicate" for a rename onto a taken name. */
  updateSurvey(tenantId: string, surveyId: string, changes: SurveyChanges, now: Date): Promise<StoredSurvey | null | "duplicate">;
  /** Employee ids of people who opted out. */
  optedOut(tenantId: string): Promise<string[]>;
  /** Opts a person out (true) or back in (false); returns whether anything changed. */
  setOptOut(tenantId: string, employeeId: string, optedOut: boolean): Promise<boolean>;
  /** Absences that include `onDate`, or every absence ending on or after it. */
  absences(tenantId: string, fromDate: string): Promise<AbsenceSpan[]>;
  addAbsence(tenantId: string, span: AbsenceSpan): Promise<void>;
  /** The survey's rounds, newest first, at most `limit`. */
  rounds(surveyId: string, limit: number): Promise<StoredRound[]>;
  /**
   * Writes the round, its recipients and one `pulse_invite` delivery each in one transaction.
   * "duplicate" when the survey has a round on that date already (another replica, a rerun).
   */
  planRound(round: NewRound): Promise<PlannedRound | "duplicate">;
  /** A round's answers; with `teamIds`, only responses from those teams. */
  roundResponses(roundId: string, teamIds?: readonly string[]): Promise<RoundResponses>;
  /** People invited to a round; with `teamIds`, only those whose team is one of them. */
  roundInvited(roundId: string, teamIds?: readonly string[]): Promise<number>;
  /**
   * How many answered a round (complete responses: isResponseComplete), by team when asked:
   * the one figure shown while a round is open. Reads no answer.
   */
  roundRespondents(roundId: string, teamIds?: readonly string[]): Promise<number>;
  /**
   * Closes an open round now, exactly as the scheduler tick does when its time is up: status
   * closed and its `pulse_results` post queued, in one transaction. `closed` false when it was
   * closed already (a second admin, the tick); `posted` false when there is nowhere to post.
   */
  closeRound(roundId: string, now: Date): Promise<ClosedRound>;
}

export interface ClosedRound {
  readonly closed: boolean;
  readonly posted: boolean;
}
