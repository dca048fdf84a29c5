/**
 * `/pulse results [survey]` and the close-of-round post: who may see which results, the
 * figures (computed once, by `summariseRound` and `trendOf`, with every anonymity threshold),
 * and the localised reply.
 *
 * Access (DESIGN.md rules 7 and 8):
 * - an active admin sees every survey, for the whole audience;
 * - a survey's owner sees it for the whole audience;
 * - a manager sees any survey restricted to their own organisation: the teams managed by them
 *   or by anyone below them, transitively. Answers carry only a team (never a person), so the
 *   team is what places an answer in a manager's organisation; the invited count is taken the
 *   same way (recipients whose team is one of those). That group, too, shows figures only when
 *   it reaches the threshold — and only when no smaller group can be worked out by comparing it
 *   with any other view (everyone's, another manager's): every view is decided together by
 *   `disclosableSets` (disclosure.ts), over the round's answers and `managementViews`;
 * - anyone else is refused with the one message every refusal carries: it reveals nothing,
 *   not even whether the survey exists.
 *
 * Figures come only from CLOSED rounds. While a round is open its answers still arrive and can
 * still change, so figures recomputed at each look would let someone who checks after every new
 * answer subtract two looks and read one person's answers (an edit would show as a change too).
 * Of an open round only the response rate and its closing time are shown; the latest closed
 * round's results are shown beside it, and the trend is made of closed rounds only.
 */
import { AppError } from "../errors.js";
import type { Locale } from "../i18n/locale.js";
import { buildOrgChart, reportsUnder } from "../org-chart.js";
import type { Reply, ReplyBlock } from "../reply.js";
import { cutList } from "../reply.js";
import { byName, foldName } from "../use-cases/reply-parts.js";
import { isTimeZone } from "../schedules/assert-time-zone.js";
import { ATTAINMENT_BANDS } from "./anonymise-answer.js";
import { RECENT_ROUNDS } from "./close-pulse-round.js";
import type { PulseStore, PulseTeam, StoredRound, StoredSurvey } from "./pulse-store.js";
import { pulseText } from "./pulse-texts.js";
import type { PulsePerson } from "./resolve-audience.js";
import {
  summariseRound,
  type ChoiceFigures,
  type CutSummary,
  type EnpsFigures,
  type QuestionSummary,
  type RoundSummary,
  type ScaleFigures,
} from "./summarise-round.js";
import { textIn, type Question, type SurveyDefinition } from "./survey-definition.js";
import { trendOf, type EnpsTrend } from "./trend-of.js";

/** Past rounds the trend shows at most. */
export const TREND_ROUNDS = 8;
/** Comments a reply lists before "…and N more". */
const MAX_COMMENTS = 15;

export type ResultsScope = { readonly kind: "all" } | { readonly kind: "teams"; readonly teamIds: readonly string[]; readonly teamNames: readonly string[] };

/** The results of one closed round. */
export interface PulseResultsView {
  readonly surveyName: string;
  readonly definition: SurveyDefinition;
  readonly timeZone: string;
  readonly round: Pick<StoredRound, "id" | "number" | "opensOn" | "closesAt" | "status">;
  readonly scope: ResultsScope;
  readonly summary: RoundSummary;
  /** Team names by id, for the team cuts. */
  readonly teamNames: Readonly<Record<string, string>>;
  /** eNPS of closed rounds up to this one, oldest first, in the same scope. */
  readonly trend: EnpsTrend;
}

/** All that is shown of a round still open: how many answered so far, and when it closes. */
export interface OpenRoundProgress {
  readonly definition: SurveyDefinition;
  readonly number: number;
  readonly opensOn: string;
  /** UTC: its planned closing. */
  readonly closesAt: Date;
  /** People who answered (complete responses: isResponseComplete), in the asker's scope. */
  readonly respondents: number;
  readonly invited: number;
}

/** What `/pulse results` shows: the open round's progress and the latest closed round's results. */
export interface PulseResultsAnswer {
  readonly surveyName: string;
  readonly scope: ResultsScope;
  /** The asker's zone: the open round's closing time is shown in it. */
  readonly timeZone: string;
  /** The survey's latest round when it is still open. */
  readonly open: OpenRoundProgress | null;
  /** The latest closed round with people invited; null when none has closed yet. */
  readonly closed: PulseResultsView | null;
}

export interface ShowPulseResultsOptions {
  readonly store: PulseStore;
  readonly tenantId: string;
  readonly employeeId: string;
  readonly locale: Locale;
  /** The survey's name; the one whose latest round opened last when absent. */
  readonly name?: string;
  readonly command?: string;
}

function forbidden(locale: Locale): AppError {
  return new AppError("forbidden", pulseText(locale, "results.refused"), { explained: 1 });
}

/** Teams run by `viewerId` or by anyone below them (transitively). */
export function teamsManagedUnder(viewerId: string, people: readonly PulsePerson[], teams: readonly PulseTeam[]): PulseTeam[] {
  const below = new Set([viewerId, ...reportsUnder(buildOrgChart(people), viewerId)]);
  return teams.filter((team) => team.managerId !== null && below.has(team.managerId));
}

/** The scope `viewer` may see `survey` in, or null when they may not see it at all. */
export function resultsScopeFor(
  viewer: PulsePerson,
  survey: Pick<StoredSurvey, "ownerId">,
  people: readonly PulsePerson[],
  teams: readonly PulseTeam[],
): ResultsScope | null {
  if (!viewer.active) return null;
  if (viewer.role === "admin" || survey.ownerId === viewer.id) return { kind: "all" };
  if (viewer.role !== "manager") return null;
  const managed = teamsManagedUnder(viewer.id, people, teams).sort(byName);
  if (managed.length === 0) return null;
  return { kind: "teams", teamIds: managed.map((team) => team.id), teamNames: managed.map((team) => team.name) };
}

/** When a round closed: when it was closed by hand before its time, else its planned closing. */
export function closingInstantOf(round: Pick<StoredRound, "closesAt" | "closedAt">): Date {
  return round.closedAt !== null && round.closedAt.getTime() < round.closesAt.getTime() ? round.closedAt : round.closesAt;
}

/**
 * The team ids of every management view of the organisation: each manager's teams and those of
 * everyone below them (what `resultsScopeFor` gives a manager). Results of any one view are
 * decided with all of them in mind, so that no view minus another isolates a small group.
 */
export function managementViews(people: readonly PulsePerson[], teams: readonly PulseTeam[]): string[][] {
  const views = new Map<string, string[]>();
  for (const person of people) {
    if (!person.active || person.role !== "manager") continue;
    const ids = teamsManagedUnder(person.id, people, teams).map((team) => team.id).sort();
    if (ids.length > 0) views.set(ids.join(","), ids);
  }
  return [...views.values()];
}

async function summaryOf(store: PulseStore, round: StoredRound, scope: ResultsScope, views: readonly (readonly string[])[]): Promise<RoundSummary> {
  // The one place answers become figures: never for a round that can still change.
  if (round.status !== "closed") throw new Error(`pulse round ${round.id} is open: its results are not computed before it closes`);
  const teamIds = scope.kind === "teams" ? scope.teamIds : undefined;
  // Every answer of the round: the disclosure rule weighs this view against every other one.
  const [responses, scoped, invitedCount] = await Promise.all([
    store.roundResponses(round.id),
    teamIds === undefined ? undefined : store.roundRespondents(round.id, teamIds),
    store.roundInvited(round.id, teamIds),
  ]);
  const respondents = scoped ?? responses.respondents;
  // A person who changed team after answering could make the group look over-full; never below respondents.
  const invited = Math.max(invitedCount, respondents);
  return summariseRound({
    survey: round.definition,
    answers: responses.answers,
    respondents,
    invited,
    threshold: round.threshold,
    commentThreshold: round.commentThreshold,
    seed: round.id,
    views,
    ...(teamIds === undefined ? {} : { scopeTeamIds: teamIds }),
  });
}

/**
 * The view of one closed round's results in a scope (the close-of-round post uses the whole
 * audience). Throws for an open round: its figures are never computed. `recentRounds`: the
 * survey's newest `RECENT_ROUNDS` rounds when the caller has read them already.
 */
export async function resultsViewOf(
  store: PulseStore,
  survey: Pick<StoredSurvey, "id" | "tenantId" | "name" | "timeZone">,
  round: StoredRound,
  scope: ResultsScope,
  teams: readonly PulseTeam[],
  recentRounds?: readonly StoredRound[],
): Promise<PulseResultsView> {
  const views = managementViews(await store.people(survey.tenantId), teams);
  const summary = await summaryOf(store, round, scope, views);
  const past = (recentRounds ?? (await store.rounds(survey.id, RECENT_ROUNDS))).filter(
    (candidate) => candidate.status === "closed" && candidate.invited > 0 && candidate.number <= round.number,
  );
  // Oldest first, so that two rounds closed on one day keep their order.
  const trendRounds = await Promise.all(
    past.slice(0, TREND_ROUNDS).reverse().map(async (candidate) => ({
      closesOn: closingInstantOf(candidate).toISOString().slice(0, 10),
      summary: candidate.id === round.id ? summary : await summaryOf(store, candidate, scope, views),
    })),
  );
  return {
    surveyName: survey.name,
    definition: round.definition,
    timeZone: survey.timeZone,
    round: { id: round.id, number: round.number, opensOn: round.opensOn, closesAt: closingInstantOf(round), status: round.status },
    scope,
    summary,
    teamNames: Object.fromEntries(teams.map((team) => [team.id, team.name])),
    trend: trendOf(trendRounds),
  };
}

/**
 * What the asker may see of a survey's latest round (a round skipped after downtime is passed
 * over): while it is open, only how many answered and when it closes; the results of the latest
 * closed round.
 * Throws `forbidden` (revealing nothing) for someone who may not see results, `invalid_input`
 * naming the surveys for an unknown name, `not_found` when the survey has had no round yet.
 */
export async function showPulseResults(options: ShowPulseResultsOptions): Promise<PulseResultsAnswer> {
  const { store, tenantId, locale } = options;
  const [people, teams, surveys] = await Promise.all([store.people(tenantId), store.teams(tenantId), store.surveys(tenantId)]);
  const viewer = people.find((person) => person.id === options.employeeId);
  if (!viewer || !viewer.active) throw new AppError("not_in_organisation", "You are not in this organisation's data.");
  const visible = surveys.filter((survey) => resultsScopeFor(viewer, survey, people, teams) !== null);
  // Refused before any lookup, so that the answer is the same whether the survey exists or not.
  if (visible.length === 0) throw forbidden(locale);
  const recentRounds = new Map<string, StoredRound[]>();
  const roundsOf = async (survey: StoredSurvey): Promise<StoredRound[]> => {
    if (!recentRounds.has(survey.id)) recentRounds.set(survey.id, (await store.rounds(survey.id, RECENT_ROUNDS)).filter((round) => round.invited > 0));
    return recentRounds.get(survey.id)!;
  };
  let survey: StoredSurvey | undefined;
  if (options.name !== undefined && options.name.trim() !== "") {
    survey = visible.find((candidate) => foldName(candidate.name) === foldName(options.name!));
    if (!survey) {
      const names = [...visible].sort(byName).map((candidate) => candidate.name);
      throw new AppError("invalid_input", pulseText(locale, "results.noSuchSurvey", { name: options.name, names }), { field: "name" });
    }
  } else {
    let latestStart = Number.NEGATIVE_INFINITY;
    for (const candidate of visible) {
      const [round] = await roundsOf(candidate);
      if (round && round.firstSendAt.getTime() > latestStart) {
        latestStart = round.firstSendAt.getTime();
        survey = candidate;
      }
    }
    if (!survey) throw new AppError("not_found", pulseText(locale, "results.noRoundsAtAll"));
  }
  const rounds = await roundsOf(survey);
  const latest = rounds[0];
  if (!latest) throw new AppError("not_found", pulseText(locale, "results.noRounds", { name: survey.name }));
  const scope = resultsScopeFor(viewer, survey, people, teams)!;
  const lastClosed = rounds.find((round) => round.status === "closed");
  let open: OpenRoundProgress | null = null;
  if (latest.status === "open") {
    const teamIds = scope.kind === "teams" ? scope.teamIds : undefined;
    const [respondents, invited] = await Promise.all([store.roundRespondents(latest.id, teamIds), store.roundInvited(latest.id, teamIds)]);
    open = {
      definition: latest.definition,
      number: latest.number,
      opensOn: latest.opensOn,
      closesAt: latest.closesAt,
      respondents,
      // As for a closed round: someone who changed team after answering never makes it exceed 100 %.
      invited: Math.max(invited, respondents),
    };
  }
  return {
    surveyName: survey.name,
    scope,
    timeZone: isTimeZone(viewer.timeZone) ? viewer.timeZone : survey.timeZone,
    open,
    closed: lastClosed ? await resultsViewOf(store, survey, lastClosed, scope, teams, rounds) : null,
  };
}

// ---- The reply ------------------------------------------------------------------------------

function questionLine(index: number, question: Question, definition: SurveyDefinition, locale: Locale): string {
  return `*${index + 1}. ${textIn(question.prompt, locale, definition.defaultLocale)}*`;
}

function choiceLabel(question: Question, choiceId: string, definition: SurveyDefinition, locale: Locale): string {
  if (question.kind !== "single_choice") return choiceId;
  const choice = question.choices.find((candidate) => candidate.id === choiceId);
  return choice ? textIn(choice.label, locale, definition.defaultLocale) : choiceId;
}

function enpsText(figures: EnpsFigures, locale: Locale): string {
  return [
    pulseText(locale, "enps.score", { score: figures.score }),
    pulseText(locale, "results.enpsBreakdown", { ...figures.breakdown }),
    pulseText(locale, "results.distribution", { values: figures.distribution.map((point) => ({ label: String(point.value), count: point.count })) }),
  ].join("\n");
}

function scaleText(figures: ScaleFigures, locale: Locale): string {
  return [
    pulseText(locale, "results.mean", { mean: figures.mean, max: 5, respondents: figures.respondents }),
    pulseText(locale, "results.distribution", {
      values: figures.distribution.map((point) => ({ label: pulseText(locale, "agreement.label", { value: point.value }), count: point.count })),
    }),
  ].join("\n");
}

function choiceText(figures: ChoiceFigures, question: Question, definition: SurveyDefinition, locale: Locale): string {
  return [
    pulseText(locale, "results.respondents", { respondents: figures.respondents }),
    pulseText(locale, "results.distribution", {
      values: figures.distribution.map((point) => ({ label: choiceLabel(question, point.choiceId, definition, locale), count: point.count })),
    }),
  ].join("\n");
}

/** One cut's figures in a few words: eNPS score, mean, or the most chosen option. */
function cutValue(summary: QuestionSummary, figures: unknown, question: Question, definition: SurveyDefinition, locale: Locale): string {
  switch (summary.kind) {
    case "enps": {
      const enps = figures as EnpsFigures;
      return pulseText(locale, "results.cutEnps", { score: enps.score, respondents: enps.respondents });
    }
    case "agreement": {
      const scale = figures as ScaleFigures;
      return pulseText(locale, "results.cutMean", { mean: scale.mean, respondents: scale.respondents });
    }
    case "single_choice": {
      const choice = figures as ChoiceFigures;
      const top = [...choice.distribution].sort((a, b) => b.count - a.count)[0]!;
      return pulseText(locale, "results.cutTopChoice", { label: choiceLabel(question, top.choiceId, definition, locale), count: top.count, respondents: choice.respondents });
    }
    case "free_text":
      return "";
  }
}

function cutFields(view: PulseResultsView, summary: QuestionSummary, question: Question, locale: Locale): ReplyBlock[] {
  if (summary.kind === "free_text" || summary.figures === null) return [];
  const shownOf = <K extends string>(cuts: readonly CutSummary<unknown, K>[], label: (key: K | null) => string) => {
    const shown = cuts.filter((cut) => cut.figures !== null);
    return { lines: shown.map((cut) => `${label(cut.key)}: ${cutValue(summary, cut.figures, question, view.definition, locale)}`), hidden: cuts.length - shown.length };
  };
  const teams = shownOf(summary.cuts.team as readonly CutSummary<unknown, string>[], (key) =>
    key === null ? pulseText(locale, "cut.noTeam") : (view.teamNames[key] ?? pulseText(locale, "cut.noTeam")),
  );
  const bands = shownOf(summary.cuts.band as readonly CutSummary<unknown, (typeof ATTAINMENT_BANDS)[number]>[], (key) =>
    key === null ? pulseText(locale, "cut.noBand") : pulseText(locale, "band.label", { band: key }),
  );
  const fields: { label: string; value: string }[] = [];
  // A single cut equal to the whole says nothing new; more than one, or any hidden, is worth a line.
  for (const [label, cut] of [
    [pulseText(locale, "results.byTeam"), teams],
    [pulseText(locale, "results.byBand"), bands],
  ] as const) {
    if (cut.lines.length === 0 && cut.hidden === 0) continue;
    if (cut.lines.length <= 1 && cut.hidden === 0) continue;
    const hiddenLine = cut.hidden > 0 ? [pulseText(locale, "results.cutsHidden", { count: cut.hidden, threshold: view.summary.threshold })] : [];
    fields.push({ label, value: [...cut.lines, ...hiddenLine].join("\n") });
  }
  return fields.length === 0 ? [] : [{ kind: "fields", fields }];
}

function questionBlocks(view: PulseResultsView, index: number, locale: Locale): ReplyBlock[] {
  const summary = view.summary.questions[index]!;
  const question = view.definition.questions.find((candidate) => candidate.id === summary.questionId)!;
  const head = questionLine(index, question, view.definition, locale);
  if (summary.figures === null) {
    const threshold = summary.kind === "free_text" ? view.summary.commentThreshold : view.summary.threshold;
    return [{ kind: "text", text: `${head}\n${pulseText(locale, "suppressed.reason", { reason: summary.suppressed, threshold })}` }];
  }
  switch (summary.kind) {
    case "enps":
      return [{ kind: "text", text: `${head}\n${enpsText(summary.figures, locale)}` }, ...cutFields(view, summary, question, locale)];
    case "agreement":
      return [{ kind: "text", text: `${head}\n${scaleText(summary.figures, locale)}` }, ...cutFields(view, summary, question, locale)];
    case "single_choice":
      return [{ kind: "text", text: `${head}\n${choiceText(summary.figures, question, view.definition, locale)}` }, ...cutFields(view, summary, question, locale)];
    case "free_text": {
      const { items, moreCount } = cutList(summary.figures.comments, MAX_COMMENTS);
      return [
        { kind: "text", text: `${head}\n${pulseText(locale, "results.comments", { count: summary.figures.respondents })}` },
        { kind: "list", items, moreCount },
      ];
    }
  }
}

/**
 * The results as a reply: round and scope, response rate, eNPS ("no data" when nobody
 * answered, never 0), each question's distribution and the cuts that meet the threshold, the
 * comments above their own threshold, and the eNPS trend. `closing` words it as the post made
 * when the round closes.
 */
export function pulseResultsReply(view: PulseResultsView, locale: Locale, options: { closing?: boolean } = {}): Reply {
  const { summary } = view;
  const title = textIn(view.definition.title, locale, view.definition.defaultLocale);
  const heading = pulseText(locale, options.closing ? "results.closedHeading" : "results.heading", { name: view.surveyName, title, number: view.round.number });
  const blocks: ReplyBlock[] = [{ kind: "heading", text: heading }];
  blocks.push({
    kind: "context",
    text: [
      pulseText(locale, "results.roundDates", {
        number: view.round.number,
        opensOn: view.round.opensOn,
        closesAt: view.round.closesAt.toISOString(),
        timeZone: view.timeZone,
        open: view.round.status === "open",
      }),
      view.scope.kind === "all" ? pulseText(locale, "results.scopeAll") : pulseText(locale, "results.scopeTeams", { names: view.scope.teamNames }),
    ].join(" · "),
  });
  const rate = pulseText(locale, "round.responseRate", { respondents: summary.respondents, invited: summary.invited });
  blocks.push({ kind: "text", text: summary.suppressed === null ? rate : `${rate}\n${pulseText(locale, "suppressed.reason", { reason: summary.suppressed, threshold: summary.threshold })}` });
  if (summary.suppressed === null) {
    summary.questions.forEach((_, index) => blocks.push(...questionBlocks(view, index, locale)));
  }
  if (view.trend.points.length > 1) {
    blocks.push({ kind: "context", text: pulseText(locale, "results.trend", { points: view.trend.points.map((point) => ({ closesOn: point.closesOn, score: point.score })), change: view.trend.change }) });
  }
  blocks.push({ kind: "context", text: pulseText(locale, "results.thresholdNote", { threshold: summary.threshold, commentThreshold: summary.commentThreshold }) });
  // The score leads the notification only when it is shown (a hidden one is not "no data").
  const enps = summary.questions.find((question) => question.kind === "enps");
  const score = enps?.figures ? (enps.figures as EnpsFigures).score : undefined;
  const summaryLine = score === undefined ? `${heading} — ${rate}` : `${heading} — ${pulseText(locale, "enps.score", { score })} · ${rate}`;
  return { summary: summaryLine, blocks };
}

/**
 * `/pulse results` as a reply: for an open round, its response rate and when results appear (in
 * the asker's zone) — never a figure —, then the latest closed round's results when there is one.
 */
export function pulseResultsAnswerReply(answer: PulseResultsAnswer, locale: Locale): Reply {
  const { open } = answer;
  if (open === null) return pulseResultsReply(answer.closed!, locale);
  const title = textIn(open.definition.title, locale, open.definition.defaultLocale);
  const heading = pulseText(locale, "results.heading", { name: answer.surveyName, title, number: open.number });
  const rate = pulseText(locale, "round.responseRate", { respondents: open.respondents, invited: open.invited });
  const blocks: ReplyBlock[] = [
    { kind: "heading", text: heading },
    {
      kind: "context",
      text: [
        pulseText(locale, "results.openedOn", { opensOn: open.opensOn }),
        answer.scope.kind === "all" ? pulseText(locale, "results.scopeAll") : pulseText(locale, "results.scopeTeams", { names: answer.scope.teamNames }),
      ].join(" · "),
    },
    { kind: "text", text: `${rate}\n${pulseText(locale, "results.whenClosed", { closesAt: open.closesAt.toISOString(), timeZone: answer.timeZone })}` },
  ];
  if (answer.closed !== null) blocks.push({ kind: "divider" }, ...pulseResultsReply(answer.closed, locale).blocks);
  return { summary: `${heading} — ${rate}`, blocks };
}
