import type { Catalogue } from "./catalogue.js";

const quotaExamples = (command: string): string =>
  [
    `• \`${command}\` — your quota, closed won, attainment, gap and pace this quarter`,
    `• \`${command} Q3\`, \`${command} next quarter\` — another period`,
    `• \`${command} @maria\` — someone in your team (managers)`,
    `• \`${command} team\` — your team's attainment`,
    `• \`${command} what if 50k\` — what closing that amount does to attainment and commission`,
    `• \`${command} what if I close Acme renewal\` — the same for a deal in your pipeline`,
    `• \`${command} deals\` — your open deals this quarter, each with a what-if button`,
    `• \`${command} how much to 100%\` — what you still need to close`,
    `• \`${command} next tier\` — how far you are from the next commission tier`,
    `• \`${command} leaderboard\` — where everyone stands`,
  ].join("\n");

const forecastExamples = (command: string): string =>
  [
    `• \`${command}\` — your commit, best case, pipeline and projection this quarter`,
    `• \`${command} Q1\`, \`${command} next quarter\` — another period`,
    `• \`${command} team\` — your team's numbers, each report's attainment and call against their commit (managers)`,
    `• \`${command} @maria\` — someone in your team (managers)`,
    `• \`${command} submit commit 120k best 150k\` — put in your call for the quarter`,
    `• \`${command} deals\` — your open deals this quarter, each with a what-if button`,
    `• \`${command} history\` — your calls over time against what closed`,
    `• \`${command} method\` — how the projection is made and how accurate it has been`,
    `• \`${command} digest\` — this week's forecast digest`,
  ].join("\n");

export const en: Catalogue = {
  "quota.help": ({ command }) => `Here's what you can ask \`${command}\`:\n${quotaExamples(command)}`,
  "forecast.help": ({ command }) => `Here's what you can ask \`${command}\`:\n${forecastExamples(command)}`,
  "quota.notUnderstood": ({ command }) => `I didn't catch that — here's what I can answer:\n${quotaExamples(command)}`,
  "forecast.notUnderstood": ({ command }) =>
    `I didn't catch that — here's what I can answer:\n${forecastExamples(command)}`,

  "error.notInOrganisation":
    "I can't find you in your sales organisation yet. Ask your sales ops admin to add you — I match people by their work e-mail.",
  "error.forbidden": "Sorry, you can't see those numbers.",
  "error.unavailable": "I can't get to the numbers right now. Please try again in a moment.",
  "error.tooLong": ({ maxChars }, f) => `That's more than I can read — please keep it under ${f.number(maxChars)} characters.`,
  "error.severalPeople": "Please ask about one person at a time.",

  "amount.invalid": ({ text, reason, currency }) => {
    switch (reason) {
      case "empty":
        return "I need an amount — for example 50k, 1.2m or RM 50,000.";
      case "negative":
        return `“${text}” is negative — amounts have to be above zero.`;
      case "zero":
        return `“${text}” is zero — give me an amount above zero.`;
      case "too_large":
        return `“${text}” is too large to be a real deal — please check the figure.`;
      case "too_many_decimals":
        return `“${text}” has more decimal places than ${currency ?? "the currency"} allows.`;
      case "currency_mismatch":
        return `Amounts are in ${currency ?? "your organisation's currency"} — I can't convert “${text}”.`;
      case "malformed":
        return `I couldn't read “${text}” as an amount — try 50k, 1.2m or RM 50,000.`;
    }
  },
  "amount.currencyMismatch": ({ text, mentioned, currency }) =>
    `Amounts are in ${currency} — I can't convert ${mentioned} (“${text}”). Give the figure in ${currency}, e.g. 50k.`,

  "label.quota": "Quota",
  "label.closedWon": "Closed won",
  "label.attainment": "Attainment",
  "label.gapToQuota": "Gap to quota",
  "label.pace": "Pace",
  "label.neededPerWeek": "Needed per week",
  "label.pipelineCoverage": "Pipeline coverage",
  "label.coverageNeeded": "Coverage needed",
  "label.commissionEarned": "Commission earned",
  "label.ifYouClose": ({ deal }) => `If you close ${deal}`,
  "label.payoutChange": "Payout change",
  "label.newAttainment": "New attainment",
  "label.toReach": ({ fraction }, f) => `To reach ${f.percent(fraction)}`,
  "label.nextTier": "Next tier",
  "label.topTierReached": "Top tier reached",
  "label.commit": "Commit",
  "label.bestCase": "Best case",
  "label.pipeline": "Pipeline",
  "label.weightedPipeline": "Weighted pipeline",
  "label.projection": "Projection",
  "label.yourCall": "Your call",
  "label.changeSinceLastWeek": "Change since last week",
  "label.leaderboard": "Leaderboard",

  "leaderboard.off": "The leaderboard is turned off for your organisation.",

  "forecast.callSubmitted": ({ period, currency, commitMinor, bestCaseMinor }, f) =>
    bestCaseMinor === undefined
      ? `Forecast call submitted for ${period}: commit ${f.money(commitMinor, currency)}.`
      : `Forecast call submitted for ${period}: commit ${f.money(commitMinor, currency)}, best case ${f.money(bestCaseMinor, currency)}.`,
  "forecast.submit.missingCommit": ({ command }) =>
    `Tell me your commit (and best case if you like), e.g. \`${command} submit commit 120k best 150k\`.`,
  "forecast.submit.bestBelowCommit": ({ commitText, bestCaseText }) =>
    `Best case (${bestCaseText}) can't be lower than commit (${commitText}). Nothing was submitted.`,

  "deal.notFound": ({ query }) => `I couldn't find an open deal matching “${query}” in your pipeline.`,
  "deal.ambiguous": ({ query, names, moreCount }, f) =>
    [
      `Several deals match “${query}” — which one did you mean?`,
      ...names.map((name) => `• ${name}`),
      ...(moreCount !== undefined && moreCount > 0 ? [`…and ${f.number(moreCount)} more`] : []),
    ].join("\n"),
  "list.andMore": ({ count }, f) => `…and ${f.number(count)} more`,
};
