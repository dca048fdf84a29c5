import type { AnswerCatalogue } from "./answer-catalogue.js";
import type { Formatters } from "./format.js";

/** "+RM 20K", "-RM 5K", "RM 0": a week's change, compact. */
export function signedCompact(minor: number, currency: string, f: Formatters): string {
  const sign = minor > 0 ? "+" : minor < 0 ? "-" : "";
  return `${sign}${f.compactMoney(Math.abs(minor), currency)}`;
}

/** 2.54 -> "2.5×". */
export function times(value: number, f: Formatters): string {
  return `${f.number(Math.round(value * 10) / 10)}×`;
}

export const answersEn: AnswerCatalogue = {
  "period.quarter": ({ index, fiscalYear }) => `Q${index} FY${fiscalYear}`,
  "period.half": ({ index, fiscalYear }) => `H${index} FY${fiscalYear}`,
  "period.year": ({ fiscalYear }) => `FY${fiscalYear}`,
  "period.month": ({ start }) =>
    new Intl.DateTimeFormat("en-MY", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${start}T00:00:00Z`)),
  "context.periodAsOf": ({ period, start, end, asOf }, f) => `${period} (${f.date(start)} – ${f.date(end)}) · as of ${f.date(asOf)}`,

  "heading.quota.own": ({ period }) => `Your quota — ${period}`,
  "heading.quota.person": ({ name, period }) => `${name} — ${period}`,
  "heading.team.own": ({ period }) => `Your team — ${period}`,
  "heading.team.person": ({ name, period }) => `${name}'s team — ${period}`,
  "heading.whatIf.own": ({ what }) => `If you close ${what}`,
  "heading.whatIf.person": ({ name, what }) => `If ${name} closes ${what}`,
  "heading.toTarget": ({ name, fraction }, f) => (name === null ? `To reach ${f.percent(fraction)}` : `${name}: to reach ${f.percent(fraction)}`),
  "heading.nextTier": ({ name, period }) => (name === null ? `Your next commission tier — ${period}` : `${name}: next commission tier — ${period}`),
  "heading.leaderboard": ({ period }) => `Leaderboard — ${period}`,
  "heading.forecast.own": ({ period }) => `Your forecast — ${period}`,
  "heading.forecast.person": ({ name, period }) => `${name} — forecast ${period}`,
  "heading.forecast.method": "How the projection is made",

  "summary.standing": ({ name, period, attainment, closed, quota }, f) =>
    `${name === null ? "You're" : `${name} is`} at ${f.percent(attainment)} of quota for ${period}: ${f.money(closed.minor, closed.currency)} of ${f.money(quota.minor, quota.currency)}.`,
  "summary.noQuota": ({ name, period }) => `${name === null ? "You have" : `${name} has`} no quota for ${period}.`,

  "quota.noQuota": ({ name, period }) =>
    `${name === null ? "You have" : `${name} has`} no quota set for ${period}, so there is no attainment or commission to show. Your sales ops admin sets quotas.`,
  "quota.zeroQuota": ({ name, period }) =>
    `No quota applies to ${name === null ? "you" : name} in ${period} (the start date is after the period), so there is no attainment or commission to show.`,
  "quota.ramping": ({ rampFraction, fullQuota }, f) =>
    `Ramping: ${f.percent(rampFraction)} of full quota (${f.money(fullQuota.minor, fullQuota.currency)}).`,
  "quota.proRated": ({ share, startDate }, f) =>
    `Pro-rated: started ${f.date(startDate)}, so ${f.percent(share)} of the period's working days count.`,
  "label.overQuota": "Over quota",
  "pace.ahead": ({ pace, expected }, f) => `Ahead — ${f.percent(pace)} of pace (${f.money(expected.minor, expected.currency)} expected by today)`,
  "pace.behind": ({ pace, expected }, f) => `Behind — ${f.percent(pace)} of pace (${f.money(expected.minor, expected.currency)} expected by today)`,
  "pace.onTrack": ({ expected }, f) => `On track (${f.money(expected.minor, expected.currency)} expected by today)`,
  "pace.notStarted": "Not started yet",
  "coverage.value": ({ coverage }, f) => times(coverage, f),
  "coverage.needed": ({ coverage, winRate }, f) => `${times(coverage, f)} (win rate ${f.percent(winRate)})`,
  "coverage.noHistory": "No win-rate history yet (no deals closed in the last four quarters)",
  "coverage.quotaMet": "Quota met — no gap left to cover",
  "commission.notAvailable": "Not available — no commission plan is assigned",

  "team.managersOnly": ({ command }) =>
    `Team numbers are for managers — \`${command}\` shows your own standing, and \`${command} leaderboard\` where everyone stands.`,
  "team.noReports": ({ name }) => `No one reports to ${name ?? "you"} yet, so there is no team to roll up.`,
  "label.teamQuota": "Team quota",
  "team.quotaLine": ({ name, attainment, closed, quotaMinor }, f) =>
    quotaMinor === null || attainment === null
      ? `${name} — no quota (${f.compactMoney(closed.minor, closed.currency)} closed)`
      : `${name} — ${f.percent(attainment)} (${f.compactMoney(closed.minor, closed.currency)} of ${f.compactMoney(quotaMinor, closed.currency)})`,
  "team.ownDeals": ({ name }) => `${name} (own deals)`,

  "label.payout": "Payout",
  "whatIf.dealLine": ({ name, account, amount, closeDate }, f) =>
    `${name}${account ? ` · ${account}` : ""} · ${f.money(amount.minor, amount.currency)} · closing ${f.date(closeDate)}`,
  "whatIf.commissionNotAvailable": "Commission is not available — no commission plan is assigned for this period.",
  "toTarget.reached": ({ fraction, attainment }, f) => `Already there — at ${f.percent(attainment)}, past ${f.percent(fraction)} of quota.`,
  "label.currentAttainment": "Attainment now",
  "nextTier.value": ({ fromAttainment, rate }, f) => `${f.percent(rate)} from ${f.percent(fromAttainment)} of quota`,
  "nextTier.top": ({ rate }, f) => `Top tier reached — every further sale pays ${f.percent(rate)}.`,
  "label.stillToClose": "Still to close",
  "label.currentRate": "Rate now",

  "leaderboard.line": ({ rank, name, attainment, isYou, closed, quota }, f) => {
    const who = isYou ? `*${name} (you)*` : name;
    const amounts = closed && quota ? ` · ${f.compactMoney(closed.minor, closed.currency)} of ${f.compactMoney(quota.minor, quota.currency)}` : "";
    return `${rank}. ${who} — ${f.percent(attainment)}${amounts}`;
  },
  "leaderboard.empty": ({ period }) => `No one here has a quota for ${period} yet, so there is nothing to rank.`,

  "subject.ambiguous": ({ handle, names, moreCount }, f) =>
    [
      `More than one person matches “@${handle}” — who did you mean?`,
      ...names.map((name) => `• ${name}`),
      ...(moreCount > 0 ? [`…and ${f.number(moreCount)} more`] : []),
      "Ask again with their e-mail name, e.g. @maria.tan, or mention them.",
    ].join("\n"),

  "label.closed": "Closed",
  "label.call": "Call",
  "label.teamCall": "Team call",
  "forecast.call": ({ commit, bestCase, commitVsQuota }, f) =>
    `${f.money(commit.minor, commit.currency)} commit · ${f.money(bestCase.minor, bestCase.currency)} best case${
      commitVsQuota === null ? "" : ` (${f.percent(commitVsQuota)} of quota)`
    }`,
  "forecast.noCall": "No call submitted yet",
  "forecast.noQuota": "No quota set",
  "forecast.teamLine": ({ name, commit, bestCase, pipeline, callCommit }, f) =>
    `${name} — commit ${f.compactMoney(commit.minor, commit.currency)} · best ${f.compactMoney(bestCase.minor, bestCase.currency)} · pipeline ${f.compactMoney(pipeline.minor, pipeline.currency)} · ${
      callCommit === null ? "no call" : `call ${f.compactMoney(callCommit.minor, callCommit.currency)}`
    }`,
  "forecast.managersOnly": ({ command }) =>
    `Team forecasts are for managers — \`${command}\` shows your own numbers, and \`${command} submit commit 120k best 150k\` puts in your call.`,
  "change.since": ({ date, currency, delta }, f) =>
    `*Change since ${f.date(date)}:* closed ${signedCompact(delta.closedMinor, currency, f)} · commit ${signedCompact(delta.commitMinor, currency, f)} · best case ${signedCompact(delta.bestCaseMinor, currency, f)} · pipeline ${signedCompact(delta.pipelineMinor, currency, f)}`,
  "change.noSnapshot": "No snapshot from last week yet, so there is no change to show.",
  "change.noMoves": "No deals were won, lost, pushed out, pulled in or added.",
  "move.won": ({ name, amount }, f) => `Won: ${name} (${f.compactMoney(amount.minor, amount.currency)})`,
  "move.lost": ({ name, amount }, f) => `Lost: ${name} (${f.compactMoney(amount.minor, amount.currency)})`,
  "move.pushed": ({ name, amount, closeDate }, f) =>
    `Pushed out: ${name} (${f.compactMoney(amount.minor, amount.currency)}) to ${f.date(closeDate)}`,
  "move.pulledIn": ({ name, amount, closeDate }, f) =>
    `Pulled in: ${name} (${f.compactMoney(amount.minor, amount.currency)}) to ${f.date(closeDate)}`,
  "move.new": ({ name, amount }, f) => `New: ${name} (${f.compactMoney(amount.minor, amount.currency)})`,
  "forecast.submit.notSeller": "Forecast calls are submitted by reps and managers; your role doesn't carry a number.",
  "forecast.submit.periodEnded": ({ period }) => `${period} has already ended — calls can be submitted for the current or a coming period.`,
  "forecast.submit.previous": ({ commit, bestCase, submittedAt, timeZone }, f) =>
    `Your previous call was ${f.money(commit.minor, commit.currency)} commit · ${f.money(bestCase.minor, bestCase.currency)} best case (${f.date(submittedAt, { timeZone })}); it stays in the history.`,
  "method.quarterLine": ({ period, projected, actual, error }, f) =>
    `${period}: projected ${f.compactMoney(projected.minor, projected.currency)}, closed ${f.compactMoney(actual.minor, actual.currency)}${
      error === null ? "" : ` (${f.percent(error, { signed: true })})`
    }`,
  "method.asOf": ({ days }, f) => `Each past quarter is replayed as of day ${f.number(days + 1)}, the same point in the quarter as today.`,
};
