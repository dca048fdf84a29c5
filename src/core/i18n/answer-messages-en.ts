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
    `No quota applies to ${name === null ? "you" : name} in ${period} (its quota is set at 0 %), so there is no attainment or commission to show.`,
  "quota.ramping": ({ rampFraction, fullQuota }, f) =>
    `Ramping: ${f.percent(rampFraction)} of full quota (${f.money(fullQuota.minor, fullQuota.currency)}).`,
  "quota.proRated": ({ days, rowDays, row }, f) =>
    `Pro-rated: ${f.number(days)} of ${f.number(rowDays)} working days of the ${row} quota.`,
  "quota.reportsSum": ({ name, sum, share }, f) =>
    `${name === null ? "Your" : `${name}'s`} reports' quotas add up to ${f.money(sum.minor, sum.currency)}${
      share === null ? "" : `: ${f.percent(share)} of ${name === null ? "your" : "their"} number`
    }.`,
  "quota.ended": ({ period }) => `${period} has ended: these are the final figures.`,
  "label.teamQuotaOfReports": "Team quota (sum of reports' quotas)",
  "commission.toDate": ({ planStart, planEnd, to }, f) =>
    `Commission is paid per plan period (${f.date(planStart)} – ${f.date(planEnd)}); shown is what that period pays on what closed up to ${f.date(to)}.`,
  "commission.capped": ({ cap, per }, f) =>
    `Capped at ${f.money(cap.minor, cap.currency)} per ${per === "period" ? "plan period" : per} (the plan's payout cap).`,
  "coverage.zeroWinRate": (_params, f) => `None is enough at the win rate so far (${f.percent(0)} over the last four quarters)`,
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
  "subject.notFound": ({ handle }) =>
    `No one called “@${handle}” in your organisation. Check the spelling, ask with their e-mail name (e.g. @maria.tan), or mention them.`,

  "deal.choose": ({ query, shown, moreCount }, f) =>
    `${f.number(shown + moreCount)} open deals match “${query}” — pick one with its button, or ask again with the deal's full name:`,
  "button.whatIf": "What if this closes?",
  "button.invalid": ({ command }) => `That button no longer works. Ask again with \`${command} deals\`.`,
  "whatIf.dealNotOpen": "That deal is no longer open (it was won, lost or removed since the list was shown), so there is no what-if to work out.",
  "heading.deals.own": ({ period }) => `Your open deals — ${period}`,
  "heading.deals.person": ({ name, period }) => `${name}'s open deals — ${period}`,
  "deals.line": ({ index, name, account, amount, closeDate, stage }, f) =>
    `${f.number(index)}. *${name}*${account ? ` (${account})` : ""} · ${f.money(amount.minor, amount.currency)} · ${stage} · closing ${f.date(closeDate)}`,
  "deals.summary": ({ name, count, total, period }, f) =>
    `${name ?? "You"} ${name === null ? "have" : "has"} ${f.number(count)} open ${count === 1 ? "deal" : "deals"} closing in ${period}, ${f.money(total.minor, total.currency)} in all.`,
  "deals.none": ({ name, period, command }) =>
    `${name ?? "You"} ${name === null ? "have" : "has"} no open deals closing in ${period}.${name === null ? ` To see a report's: \`${command} deals @name\`.` : ""}`,
  "deals.more": ({ count }, f) => `…and ${f.number(count)} smaller ${count === 1 ? "deal" : "deals"}; ask “what if I close <deal>” for one of them.`,

  "label.closed": "Closed",
  "label.call": "Call",
  "label.teamCall": "Team call",
  "forecast.call": ({ commit, bestCase, commitVsQuota }, f) =>
    `${f.money(commit.minor, commit.currency)} commit · ${f.money(bestCase.minor, bestCase.currency)} best case${
      commitVsQuota === null ? "" : ` (${f.percent(commitVsQuota)} of quota)`
    }`,
  "forecast.noCall": "No call submitted yet",
  "forecast.noQuota": "No quota set",
  "forecast.teamLine": ({ name, attainment, quota, commit, bestCase, pipeline, callCommit, callVsCommit }, f) => {
    const c = (m: { minor: number; currency: string }): string => f.compactMoney(m.minor, m.currency);
    const standing = quota === null || attainment === null ? "no quota" : `${f.percent(attainment)} of ${c(quota)}`;
    const call =
      callCommit === null || callVsCommit === null
        ? "no call"
        : `call ${c(callCommit)} (${
            callVsCommit.minor === 0
              ? "= commit"
              : callVsCommit.minor > 0
                ? `${c(callVsCommit)} above commit`
                : `${c({ minor: -callVsCommit.minor, currency: callVsCommit.currency })} below commit`
          })`;
    return `${name} — ${standing} · commit ${c(commit)} · best ${c(bestCase)} · pipeline ${c(pipeline)} · ${call}`;
  },
  "forecast.overdue.title": ({ count, amount, expected }, f) =>
    `Overdue: ${count === 1 ? "1 open deal" : `${f.number(count)} open deals`} (${f.money(amount.minor, amount.currency)}) ${
      count === 1 ? "was" : "were"
    } due before this period and still open; the projection counts ${f.money(expected.minor, expected.currency)} of ${count === 1 ? "it" : "them"}`,
  "forecast.overdue.line": ({ name, account, amount, closeDate }, f) =>
    `${name}${account ? ` (${account})` : ""} · ${f.money(amount.minor, amount.currency)} · was due ${f.date(closeDate)}`,
  "forecast.submit.commitBelowClosed": ({ period, commit, closed }, f) =>
    `Your commit (${f.money(commit.minor, commit.currency)}) is below what has already closed won in ${period} (${f.money(closed.minor, closed.currency)}) — commit includes what has closed. Nothing was submitted.`,
  "heading.forecast.history.own": "Your forecast calls against what closed",
  "heading.forecast.history.person": ({ name }) => `${name} — forecast calls against what closed`,
  "history.line": ({ period, commit, bestCase, closed, ended, error, errorAmount, calls }, f) => {
    const c = (m: { minor: number; currency: string }): string => f.money(m.minor, m.currency);
    const callsText = calls === 1 ? "1 call" : `${f.number(calls)} calls`;
    if (!ended) return `${period} (under way, ${callsText}): commit ${c(commit)} · best case ${c(bestCase)} — closed ${c(closed)} so far`;
    const off =
      error === null
        ? `commit off by ${c(errorAmount)}`
        : errorAmount.minor === 0
          ? "commit exactly right"
          : `commit ${errorAmount.minor > 0 ? "high" : "low"} by ${c({ minor: Math.abs(errorAmount.minor), currency: errorAmount.currency })} (${f.percent(error, { signed: true })})`;
    return `${period} (${callsText}): commit ${c(commit)} · best case ${c(bestCase)} — closed ${c(closed)}: ${off}`;
  },
  "history.none": ({ name, command }) =>
    name === null
      ? `You haven't submitted a forecast call yet — \`${command} submit commit 120k best 150k\` puts one in.`
      : `${name} hasn't submitted a forecast call yet.`,
  "history.summary": ({ periods, meanAbsoluteError, bias, bestCaseCovered }, f) =>
    meanAbsoluteError === null || bias === null
      ? `No ended period with closed deals to score the calls against yet.`
      : `Over ${periods === 1 ? "1 ended period" : `${f.number(periods)} ended periods`}, the last commit called was off by ${f.percent(meanAbsoluteError)} on average (${
          Math.abs(bias) < 0.005 ? "no lean either way" : bias > 0 ? `${f.percent(bias)} high on balance` : `${f.percent(-bias)} low on balance`
        }); what closed landed between the commit and the best case ${f.number(bestCaseCovered)} ${bestCaseCovered === 1 ? "time" : "times"}.`,
  "method.model": ({ asOf, horizonDays, observations, wins, priorStrength }, f) =>
    `The projection is what has closed won in the period so far, plus each open deal it still counts (due by the period's end, overdue ones included, Omitted left out) times the share of open deals in the same stage, with ${f.number(horizonDays)} days to go, that were won within ${f.number(horizonDays)} days. The shares are learned from this organisation's weekly pipeline snapshots up to ${f.date(asOf)}, everyone's deals together: ${f.number(observations)} such deals, ${f.number(wins)} won (${f.percent(observations === 0 ? 0 : wins / observations)}). A stage seen few times leans on its forecast category, and a category on the overall share, as if ${f.number(priorStrength)} more deals at the broader share had been seen; the CRM probability is used only while there is no history at all.`,
  "method.crmOnly": ({ asOf, horizonDays }, f) =>
    `The projection is what has closed won in the period so far, plus each open deal it still counts (due by the period's end, overdue ones included, Omitted left out) times its CRM probability: no open deal in the snapshots up to ${f.date(asOf)} has had its ${f.number(horizonDays)} days run out yet, so there is no history of this organisation to learn from.`,
  "method.rateTitle": ({ horizonDays }, f) => `Won within ${f.number(horizonDays)} days, as seen in the snapshots:`,
  "method.rateLine": ({ level, name, wins, observations }, f) =>
    `${level === "category" ? `Category ${name}` : name}: ${f.number(wins)} of ${f.number(observations)} (${f.percent(observations === 0 ? 0 : wins / observations)})`,
  "method.accuracy": ({ quarters, meanAbsoluteError, bias }, f) =>
    `Replayed over the last ${quarters === 1 ? "quarter" : `${f.number(quarters)} quarters`}, it was off by ${f.percent(meanAbsoluteError)} on average, ${
      Math.abs(bias) < 0.005 ? "with no lean either way" : bias > 0 ? `running ${f.percent(bias)} high on balance` : `running ${f.percent(-bias)} low on balance`
    }.`,
  "method.notScored": ({ earliest, latest }, f) =>
    earliest === null || latest === null
      ? "There are no pipeline snapshots yet, so no past quarter can be replayed to say how accurate it is."
      : `No past quarter can be replayed yet: the snapshots run from ${f.date(earliest)} to ${f.date(latest)}, and a quarter is replayed only when one was taken by the same day of it as today and the quarter has ended since.`,
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
  "method.quarterLine": ({ period, projected, actual, error, overdueDeals }, f) =>
    `${period}: projected ${f.compactMoney(projected.minor, projected.currency)}, closed ${f.compactMoney(actual.minor, actual.currency)}${
      error === null ? "" : ` (${f.percent(error, { signed: true })})`
    }${overdueDeals === 0 ? "" : ` · ${overdueDeals === 1 ? "1 overdue deal" : `${f.number(overdueDeals)} overdue deals`} counted`}`,
  "method.asOf": ({ days }, f) => `Each past quarter is replayed as of day ${f.number(days + 1)}, the same point in the quarter as today.`,
};
