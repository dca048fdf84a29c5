// `/forecast digest`: a team's digest, now, for the manager who asks — privately (slash-command
// answers are ephemeral), with what moved since last week's snapshot and every deal named (the
// channel's detail setting is for the channel). A slash-command answer cannot carry an uploaded
// file, so the chart goes to the asker's DM when the adapter can send it (`sendDigestChart`);
// the reply describes the trend in words either way. A manager gets their own team, or a named
// team they lead from higher up; an admin any team by name.
import { canView } from "../access.js";
import { digestText } from "../i18n/digests.js";
import { canonicalPhrase, withoutFiller } from "../questions/question-grammar.js";
import { readQuestionText } from "../questions/question-text.js";
import { extractPeriod } from "../questions/parse-period.js";
import { cutList, type Reply } from "../reply.js";
import type { SalesTeam } from "../sales-data.js";
import { composeForecastDigest, type ForecastDigest } from "./compose-forecast-digest.js";
import { leadsPeople, type QuestionContext } from "./question-context.js";
import { foldName, textReply } from "./reply-parts.js";
import { resolveSubject } from "./resolve-subject.js";

/** Words that ask for the digest rather than name a team. */
const DIGEST_WORDS = new Set([
  "digest", "ringkasan", "summary", "weekly", "mingguan", "forecast", "ramalan", "team", "teams", "pasukan",
  "for", "of", "this", "week", "minggu", "ini", "bagi",
]);
const MAX_TEAMS_LISTED = 8;

/**
 * Sends the chart of a digest someone asked for to them privately; resolves true when it is on
 * its way (false when it cannot be sent, e.g. the asker has no DM on this platform).
 */
export type DigestChartSender = (chart: DigestChartMessage) => Promise<boolean>;

/**
 * What carries the chart to the asker: a `ForecastDigest` (the shape the digest renderer reads)
 * whose reply is one line naming the digest, not the digest again.
 */
export type DigestChartMessage = ForecastDigest;

/** The chart message for a digest: the digest's figures and chart, with a reply of one line. */
export function digestChartMessage(digest: ForecastDigest): DigestChartMessage {
  const text = digestText(digest.locale, "request.chart", { team: digest.teamName, period: digest.period.label, asOf: digest.asOf });
  return { ...digest, reply: { summary: text, blocks: [{ kind: "text", text }] } };
}

/** The teams `asker` may read a digest of: all for an admin, else those led by them or someone below them. */
function visibleTeams(context: QuestionContext, teams: readonly SalesTeam[]): SalesTeam[] {
  const { asker, org } = context;
  if (asker.role === "admin") return [...teams];
  return teams.filter((team) => team.managerId !== null && canView(asker, team.managerId, org));
}

/** What the person typed besides mentions and a period, folded; and its words that may name a team. */
function teamNameAsked(text: string): { phrase: string; words: string[] } {
  const body = readQuestionText(text)?.text ?? "";
  const phrase = foldName(withoutFiller(canonicalPhrase(extractPeriod(body).rest)));
  return { phrase, words: phrase.split(" ").filter((word) => word !== "" && !DIGEST_WORDS.has(word)) };
}

/**
 * Teams the words name: those whose whole name was typed ("digest APAC Team 001"), else those
 * with a word starting with each word typed ("digest apac 001", "ringkasan emea").
 */
function teamsNamed(teams: readonly SalesTeam[], asked: { phrase: string; words: string[] }): SalesTeam[] {
  const whole = teams.filter((team) => ` ${asked.phrase} `.includes(` ${foldName(team.name)} `));
  if (whole.length > 0) {
    const longest = Math.max(...whole.map((team) => team.name.length));
    return whole.filter((team) => team.name.length === longest);
  }
  return teams.filter((team) => {
    const words = foldName(team.name).split(" ");
    return asked.words.every((word) => words.some((candidate) => candidate.startsWith(word)));
  });
}

function whichTeam(context: QuestionContext, teams: readonly SalesTeam[]): Reply {
  const { items, moreCount } = cutList(
    teams.map((team) => team.name),
    MAX_TEAMS_LISTED,
  );
  return textReply(digestText(context.locale, "request.whichTeam", { names: items, moreCount, command: context.command }));
}

export async function answerDigestRequest(context: QuestionContext, text: string, sendChart?: DigestChartSender): Promise<Reply> {
  const { locale, asker } = context;
  if (!leadsPeople(asker)) return textReply(digestText(locale, "request.managersOnly", { command: context.command }));
  const visible = visibleTeams(context, await context.data.teams(context.tenantId));
  if (visible.length === 0) return textReply(digestText(locale, "request.noTeams"));

  let team: SalesTeam | undefined;
  const subject = readQuestionText(text)?.subjects[0];
  const asked = teamNameAsked(text);
  if (subject !== undefined) {
    // `/forecast digest @meiling`: the team that person leads (or is filed under).
    const resolved = resolveSubject(context, subject);
    if (resolved.kind === "ambiguous") return resolved.reply;
    const person = resolved.person;
    team = visible.find((candidate) => candidate.managerId === person.id) ?? visible.find((candidate) => candidate.id === person.teamId);
    if (team === undefined) return textReply(digestText(locale, "request.noTeamNamed", { text: person.name, command: context.command }));
  } else if (asked.words.length > 0) {
    const matches = teamsNamed(visible, asked);
    if (matches.length === 0) {
      return textReply(digestText(locale, "request.noTeamNamed", { text: asked.words.join(" "), command: context.command }));
    }
    if (matches.length > 1) return whichTeam(context, matches);
    team = matches[0];
  } else {
    const led = visible.filter((candidate) => candidate.managerId === asker.id);
    const own = led.length > 0 ? led : visible.filter((candidate) => candidate.id === asker.teamId);
    if (own.length !== 1) return whichTeam(context, own.length > 1 ? own : visible);
    team = own[0];
  }

  const digest = await composeForecastDigest({ data: context.data, tenantId: context.tenantId, teamId: team!.id, now: context.now, locale });
  const chartComing = sendChart === undefined ? false : await sendChart(digestChartMessage(digest));
  return {
    summary: digest.reply.summary,
    blocks: [...digest.reply.blocks, { kind: "context", text: digestText(locale, chartComing ? "request.chartComing" : "request.private") }],
  };
}
