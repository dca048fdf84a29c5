import type { Catalogue } from "./catalogue.js";

const quotaExamples = (command: string): string =>
  [
    `• \`${command}\` — kuota, jualan dimenangi, pencapaian, baki dan kadar semasa anda untuk suku ini`,
    `• \`${command} suku depan\`, \`${command} Q3\` — tempoh lain`,
    `• \`${command} @maria\` — ahli pasukan anda (untuk pengurus)`,
    `• \`${command} pasukan\` — pencapaian pasukan anda`,
    `• \`${command} kalau saya tutup 50k\` — kesan jumlah itu pada pencapaian dan komisen anda`,
    `• \`${command} kalau saya tutup Acme renewal\` — sama, untuk deal dalam pipeline anda`,
    `• \`${command} deal saya\` — deal terbuka anda suku ini, setiap satu dengan butang "kalau ditutup"`,
    `• \`${command} berapa lagi untuk capai kuota\` — berapa lagi yang perlu ditutup`,
    `• \`${command} tier seterusnya\` — berapa jauh lagi ke tier komisen seterusnya`,
    `• \`${command} kedudukan\` — kedudukan semua orang`,
  ].join("\n");

const forecastExamples = (command: string): string =>
  [
    `• \`${command}\` — komit, best case, pipeline dan unjuran anda untuk suku ini`,
    `• \`${command} Q1\`, \`${command} suku depan\` — tempoh lain`,
    `• \`${command} pasukan\` — angka pasukan anda, pencapaian dan ramalan setiap orang bawahan berbanding komitnya (untuk pengurus)`,
    `• \`${command} @maria\` — ahli pasukan anda (untuk pengurus)`,
    `• \`${command} hantar commit 120k best 150k\` — hantar ramalan anda untuk suku ini`,
    `• \`${command} deal saya\` — deal terbuka anda suku ini, setiap satu dengan butang "kalau ditutup"`,
    `• \`${command} sejarah\` — ramalan anda dari semasa ke semasa berbanding jualan dimenangi`,
    `• \`${command} kaedah\` — cara unjuran dikira dan sejauh mana ia tepat`,
    `• \`${command} ringkasan\` — ringkasan ramalan minggu ini`,
  ].join("\n");

export const ms: Catalogue = {
  "quota.help": ({ command }) => `Ini yang anda boleh tanya dengan \`${command}\`:\n${quotaExamples(command)}`,
  "forecast.help": ({ command }) => `Ini yang anda boleh tanya dengan \`${command}\`:\n${forecastExamples(command)}`,
  "quota.notUnderstood": ({ command }) =>
    `Maaf, saya kurang faham — ini soalan yang saya boleh jawab:\n${quotaExamples(command)}`,
  "forecast.notUnderstood": ({ command }) =>
    `Maaf, saya kurang faham — ini soalan yang saya boleh jawab:\n${forecastExamples(command)}`,

  "error.notInOrganisation":
    "Saya belum jumpa anda dalam organisasi jualan. Minta admin sales ops tambahkan anda — saya padankan orang melalui e-mel kerja.",
  "error.forbidden": "Maaf, anda tidak boleh lihat angka tersebut.",
  "error.unavailable": "Saya tak dapat capai data sekarang. Cuba semula sekejap lagi, ya.",
  "error.tooLong": ({ maxChars }, f) => `Mesej itu terlalu panjang — pastikan kurang daripada ${f.number(maxChars)} aksara.`,
  "error.severalPeople": "Tanya tentang seorang sahaja pada satu masa, ya.",

  "amount.invalid": ({ text, reason, currency }) => {
    switch (reason) {
      case "empty":
        return "Saya perlukan jumlah — contohnya 50k, 1.2 juta atau RM 50,000.";
      case "negative":
        return `“${text}” ialah nilai negatif — jumlah mesti lebih daripada sifar.`;
      case "zero":
        return `“${text}” ialah sifar — beri jumlah yang lebih daripada sifar.`;
      case "too_large":
        return `“${text}” terlalu besar untuk satu deal — sila semak semula angka itu.`;
      case "too_many_decimals":
        return `“${text}” ada lebih banyak tempat perpuluhan daripada yang dibenarkan untuk ${currency ?? "mata wang ini"}.`;
      case "currency_mismatch":
        return `Semua jumlah dalam ${currency ?? "mata wang organisasi anda"} — saya tak boleh tukar “${text}”.`;
      case "malformed":
        return `Saya tak dapat baca “${text}” sebagai jumlah — cuba 50k, 1.2 juta atau RM 50,000.`;
    }
  },
  "amount.currencyMismatch": ({ text, mentioned, currency }) =>
    `Semua jumlah dalam ${currency} — saya tak boleh tukar ${mentioned} (“${text}”). Beri angka dalam ${currency}, contohnya 50k.`,

  "label.quota": "Kuota",
  "label.closedWon": "Jualan dimenangi",
  "label.attainment": "Pencapaian",
  "label.gapToQuota": "Baki untuk capai kuota",
  "label.pace": "Kadar semasa",
  "label.neededPerWeek": "Perlu seminggu",
  "label.pipelineCoverage": "Liputan pipeline",
  "label.coverageNeeded": "Liputan diperlukan",
  "label.commissionEarned": "Komisen diperoleh",
  "label.ifYouClose": ({ deal }) => `Kalau anda tutup ${deal}`,
  "label.payoutChange": "Perubahan bayaran",
  "label.newAttainment": "Pencapaian baharu",
  "label.toReach": ({ fraction }, f) => `Untuk capai ${f.percent(fraction)}`,
  "label.nextTier": "Tier seterusnya",
  "label.topTierReached": "Sudah capai tier tertinggi",
  "label.commit": "Komit",
  "label.bestCase": "Best case",
  "label.pipeline": "Pipeline",
  "label.weightedPipeline": "Pipeline berwajaran",
  "label.projection": "Unjuran",
  "label.yourCall": "Ramalan anda",
  "label.changeSinceLastWeek": "Perubahan sejak minggu lepas",
  "label.leaderboard": "Papan pendahulu",

  "leaderboard.off": "Papan pendahulu telah dimatikan untuk organisasi anda.",

  "forecast.callSubmitted": ({ period, currency, commitMinor, bestCaseMinor }, f) =>
    bestCaseMinor === undefined
      ? `Ramalan untuk ${period} sudah dihantar: komit ${f.money(commitMinor, currency)}.`
      : `Ramalan untuk ${period} sudah dihantar: komit ${f.money(commitMinor, currency)}, best case ${f.money(bestCaseMinor, currency)}.`,
  "forecast.submit.missingCommit": ({ command }) =>
    `Beritahu saya komit anda (dan best case kalau ada), contohnya \`${command} hantar commit 120k best 150k\`.`,
  "forecast.submit.bestBelowCommit": ({ commitText, bestCaseText }) =>
    `Best case (${bestCaseText}) tidak boleh lebih rendah daripada komit (${commitText}). Tiada apa-apa yang dihantar.`,

  "deal.notFound": ({ query }) => `Saya tak jumpa deal terbuka yang sepadan dengan “${query}” dalam pipeline anda.`,
  "deal.ambiguous": ({ query, names, moreCount }, f) =>
    [
      `Ada beberapa deal yang sepadan dengan “${query}” — yang mana satu?`,
      ...names.map((name) => `• ${name}`),
      ...(moreCount !== undefined && moreCount > 0 ? [`…dan ${f.number(moreCount)} lagi`] : []),
    ].join("\n"),
  "list.andMore": ({ count }, f) => `…dan ${f.number(count)} lagi`,
};
