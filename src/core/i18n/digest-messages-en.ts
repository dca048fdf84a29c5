import type { DigestCadence, DigestCatalogue, DigestChangeKind } from "./digest-catalogue.js";
import type { Formatters } from "./format.js";
import { intlTag } from "./locale.js";
import { signedCompact } from "./answer-messages-en.js";

/** "08:00" and "Monday" of an instant in a time zone, in the reader's language. */
export function dueParts(dueAt: string, timeZone: string, f: Formatters): { time: string; weekday: string } {
  const instant = new Date(dueAt);
  const tag = intlTag(f.locale);
  const time = f.time(instant, { timeZone });
  const weekday = new Intl.DateTimeFormat(tag, { weekday: "long", timeZone }).format(instant);
  return { time, weekday };
}

/** How late, in the largest unit that reads naturally: minutes under an hour, hours under two days. */
export function lateness(agoMs: number): { unit: "minute" | "hour" | "day"; count: number } {
  const minutes = Math.max(1, Math.floor(agoMs / 60_000));
  if (minutes < 60) return { unit: "minute", count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: "hour", count: hours };
  return { unit: "day", count: Math.floor(hours / 24) };
}

const KIND_TITLES: Record<DigestChangeKind, string> = {
  won: "Won",
  lost: "Lost",
  pushed: "Pushed out of the quarter",
  pulledIn: "Pulled into the quarter",
  new: "New",
  amount: "Amount changes",
  stage: "Stage moves",
};

const m = (money: { minor: number; currency: string }, f: Formatters): string => f.compactMoney(money.minor, money.currency);

/** "Weekly forecast", "Forecast every 3 weeks", "Forecast digest": the heading's first words. */
function cadenceTitle(cadence: DigestCadence, f: Formatters): string {
  switch (cadence.kind) {
    case "daily":
    case "weekdays":
      return "Daily forecast";
    case "weekly":
      return "Weekly forecast";
    case "everyWeeks":
      return cadence.weeks === 2 ? "Fortnightly forecast" : `Forecast every ${f.number(cadence.weeks)} weeks`;
    case "monthly":
      return "Monthly forecast";
    case "quarterly":
      return "Quarterly forecast";
    case "custom":
    case "onRequest":
      return "Forecast digest";
  }
}

const COUNT_WORDS: Record<DigestChangeKind, string> = {
  won: "won",
  lost: "lost",
  pushed: "pushed out of the quarter",
  pulledIn: "pulled into the quarter",
  new: "new",
  amount: "resized",
  stage: "moved to another stage",
};

export const digestEn: DigestCatalogue = {
  heading: ({ team, period, cadence }, f) => `${cadenceTitle(cadence, f)} — ${team} — ${period}`,
  baseline: ({ schedule, previousDigest, snapshotDate, firstDigest }, f) => {
    if (schedule === null) return snapshotDate === null ? "" : `What moved is counted since last week's pipeline snapshot (${f.date(snapshotDate)}).`;
    const slot = firstDigest ? "its previous slot, before this schedule began" : "the previous digest";
    const since =
      previousDigest === null || snapshotDate === null
        ? "nothing to compare with yet"
        : snapshotDate === previousDigest && !firstDigest
          ? `what moved is counted since the previous digest (${f.date(previousDigest)})`
          : `what moved is counted since the pipeline snapshot of ${f.date(snapshotDate)}, the newest at ${slot} (${f.date(previousDigest)})`;
    return `${schedule} · ${firstDigest ? "the first digest of this schedule: " : ""}${since}.`;
  },
  "changes.noBaseline": ({ previousDigest }, f) =>
    `No pipeline snapshot from on or before the previous digest (${f.date(previousDigest)}) yet, so there is no change to show.`,
  "changes.counts": ({ counts }, f) =>
    counts.length === 0
      ? "No deal was won, lost, pushed out, pulled in, added, resized or moved to another stage."
      : `*Deals that moved:* ${counts.map(({ kind, count }) => `${f.number(count)} ${COUNT_WORDS[kind]}`).join(" · ")}`,
  "risk.count": ({ count, idleDays, stuckDays }, f) =>
    count === 0
      ? `No deal at risk: none past its close date, none without activity for ${f.number(idleDays)} days, none stuck in a stage.`
      : `*At risk:* ${f.number(count)} open ${count === 1 ? "deal" : "deals"} of the quarter past the close date, without activity for ${f.number(idleDays)} days or in one stage for ${f.number(stuckDays)} days.`,
  "detail.totals": "Team totals only: this channel's digest names no deal and no one's amounts. Managers see the deals with `/forecast digest`.",
  summary: ({ team, period, commit, closed, attainment }, f) =>
    `${team}, ${period}: commit ${m(commit, f)}, closed ${m(closed, f)}${attainment === null ? "" : ` (${f.percent(attainment)} of quota)`}`,
  late: ({ dueAt, timeZone, agoMs }, f) => {
    const { time, weekday } = dueParts(dueAt, timeZone, f);
    const { unit, count } = lateness(agoMs);
    const ago = unit === "minute" ? `${f.number(count)} min` : unit === "hour" ? `${f.number(count)} h` : `${f.number(count)} ${count === 1 ? "day" : "days"}`;
    return `This digest is late: it was due at ${time} ${weekday} (${ago} ago).`;
  },
  "label.attainment": "Attainment (closed ÷ quota)",
  "value.noAttainment": "—",

  "changes.title": ({ kind, count }, f) => `${KIND_TITLES[kind]} (${f.number(count)})`,
  "changes.none": "No deal was won, lost, pushed out, pulled in, added, resized or moved to another stage.",
  "move.deal": ({ name, owner, amount }, f) => `${name} (${owner}) — ${m(amount, f)}`,
  "move.dated": ({ name, owner, amount, from, to }, f) =>
    `${name} (${owner}) — ${m(amount, f)}, closing ${from === null ? "" : `${f.date(from)} → `}${f.date(to)}`,
  "move.amount": ({ name, owner, before, after }, f) =>
    `${name} (${owner}) — ${m(before, f)} → ${m(after, f)} (${signedCompact(after.minor - before.minor, after.currency, f)})`,
  "move.stage": ({ name, owner, amount, from, to }, f) => `${name} (${owner}) — ${from} → ${to} (${m(amount, f)})`,

  "risk.title": ({ count }, f) => `At risk (${f.number(count)})`,
  "risk.none": ({ idleDays }, f) =>
    `No deal at risk: none past its close date, none without activity for ${f.number(idleDays)} days, none stuck in a stage.`,
  "risk.line": ({ name, owner, amount, reasons }, f) => `${name} (${owner}) — ${m(amount, f)}: ${reasons.join(" · ")}`,
  "risk.overdue": ({ closeDate }, f) => `close date passed (${f.date(closeDate)})`,
  "risk.noActivity": ({ days }, f) => `no activity for ${f.number(days)} days`,
  "risk.stuck": ({ stage, days }, f) => `in ${stage} for ${f.number(days)} days`,

  "top.title": ({ count }, f) => `Top ${f.number(count)} open deals`,
  "top.none": "No open deals close this quarter.",
  "top.line": ({ name, owner, amount, stage, closeDate }, f) => `${name} (${owner}) — ${m(amount, f)} · ${stage} · closing ${f.date(closeDate)}`,

  "leaderboard.title": "Leaderboard — attainment",

  "trend.summary": ({ firstWeekOf, firstCommit, commit, bestCase, closed, quota, weeks }, f) => {
    const against = quota === null ? "no quota set" : `quota ${m(quota, f)}`;
    if (weeks <= 1) return `Trend: commit ${m(commit, f)}, best case ${m(bestCase, f)}, closed ${m(closed, f)}; ${against}. No earlier week this quarter to compare.`;
    return `Trend since ${f.date(firstWeekOf)}: commit ${m(firstCommit, f)} → ${m(commit, f)}, best case ${m(bestCase, f)}, closed ${m(closed, f)}; ${against}.`;
  },
  "chart.title": ({ team, period }) => `${team} — ${period}: forecast against quota`,
  "chart.quota": ({ quota }, f) => `Quota ${m(quota, f)}`,

  "request.managersOnly": ({ command }) =>
    `The weekly digest is for managers — \`${command}\` shows your own numbers, and your team's channel gets the digest every week.`,
  "request.noTeams": "There is no team you lead with a weekly digest yet — your sales ops admin sets teams and their channels up.",
  "request.whichTeam": ({ names, moreCount, command }, f) =>
    [
      "Which team's digest would you like?",
      ...names.map((name) => `• ${name}`),
      ...(moreCount > 0 ? [`…and ${f.number(moreCount)} more`] : []),
      `Ask again with its name, e.g. \`${command} digest ${names[0] ?? "APAC"}\`.`,
    ].join("\n"),
  "request.noTeamNamed": ({ text, command }) =>
    `I can't find a team matching “${text}” among the teams you can see. \`${command} digest\` lists them.`,
  "request.private": "Only you can see this digest.",
  "request.chartComing": "Only you can see this digest. Its chart of the trend is on its way to your direct messages with me.",
  "request.chart": ({ team, period, asOf }, f) => `The chart of the forecast digest you asked for: ${team} — ${period}, as of ${f.date(asOf)}.`,
};
