import type { DigestCadence, DigestCatalogue, DigestChangeKind } from "./digest-catalogue.js";
import type { Formatters } from "./format.js";
import { signedCompact } from "./answer-messages-en.js";
import { dueParts, lateness } from "./digest-messages-en.js";

const KIND_TITLES: Record<DigestChangeKind, string> = {
  won: "Dimenangi",
  lost: "Kalah",
  pushed: "Ditolak keluar dari suku ini",
  pulledIn: "Ditarik masuk ke suku ini",
  new: "Baharu",
  amount: "Perubahan jumlah",
  stage: "Pertukaran peringkat",
};

const m = (money: { minor: number; currency: string }, f: Formatters): string => f.compactMoney(money.minor, money.currency);

function cadenceTitle(cadence: DigestCadence, f: Formatters): string {
  switch (cadence.kind) {
    case "daily":
    case "weekdays":
      return "Ramalan harian";
    case "weekly":
      return "Ramalan mingguan";
    case "everyWeeks":
      return cadence.weeks === 2 ? "Ramalan dua minggu sekali" : `Ramalan setiap ${f.number(cadence.weeks)} minggu`;
    case "monthly":
      return "Ramalan bulanan";
    case "quarterly":
      return "Ramalan suku tahunan";
    case "custom":
    case "onRequest":
      return "Ringkasan ramalan";
  }
}

const COUNT_WORDS: Record<DigestChangeKind, string> = {
  won: "dimenangi",
  lost: "kalah",
  pushed: "ditolak keluar dari suku ini",
  pulledIn: "ditarik masuk ke suku ini",
  new: "baharu",
  amount: "berubah jumlah",
  stage: "bertukar peringkat",
};

export const digestMs: DigestCatalogue = {
  heading: ({ team, period, cadence }, f) => `${cadenceTitle(cadence, f)} — ${team} — ${period}`,
  baseline: ({ schedule, previousDigest, snapshotDate, firstDigest }, f) => {
    if (schedule === null) return snapshotDate === null ? "" : `Perubahan dikira sejak snapshot pipeline minggu lalu (${f.date(snapshotDate)}).`;
    const slot = firstDigest ? "slot sebelumnya, sebelum jadual ini bermula" : "ringkasan sebelumnya";
    const since =
      previousDigest === null || snapshotDate === null
        ? "belum ada apa-apa untuk dibandingkan"
        : snapshotDate === previousDigest && !firstDigest
          ? `perubahan dikira sejak ringkasan sebelumnya (${f.date(previousDigest)})`
          : `perubahan dikira sejak snapshot pipeline ${f.date(snapshotDate)}, yang terbaharu pada ${slot} (${f.date(previousDigest)})`;
    return `${schedule} · ${firstDigest ? "ringkasan pertama jadual ini: " : ""}${since}.`;
  },
  "changes.noBaseline": ({ previousDigest }, f) =>
    `Belum ada snapshot pipeline pada atau sebelum ringkasan sebelumnya (${f.date(previousDigest)}), jadi tiada perubahan untuk ditunjukkan.`,
  "changes.counts": ({ counts }, f) =>
    counts.length === 0
      ? "Tiada deal yang dimenangi, kalah, ditolak keluar, ditarik masuk, baharu, berubah jumlah atau bertukar peringkat."
      : `*Deal yang berubah:* ${counts.map(({ kind, count }) => `${f.number(count)} ${COUNT_WORDS[kind]}`).join(" · ")}`,
  "risk.count": ({ count, idleDays, stuckDays }, f) =>
    count === 0
      ? `Tiada deal berisiko: tiada yang melepasi tarikh tutup, tiada yang tanpa aktiviti selama ${f.number(idleDays)} hari, tiada yang tersangkut di satu peringkat.`
      : `*Berisiko:* ${f.number(count)} deal terbuka suku ini melepasi tarikh tutup, tanpa aktiviti selama ${f.number(idleDays)} hari atau di peringkat yang sama selama ${f.number(stuckDays)} hari.`,
  "detail.totals": "Jumlah pasukan sahaja: ringkasan saluran ini tidak menamakan deal dan tidak menunjukkan jumlah sesiapa. Pengurus boleh melihat deal dengan `/forecast digest`.",
  summary: ({ team, period, commit, closed, attainment }, f) =>
    `${team}, ${period}: komit ${m(commit, f)}, dimenangi ${m(closed, f)}${attainment === null ? "" : ` (${f.percent(attainment)} kuota)`}`,
  late: ({ dueAt, timeZone, agoMs }, f) => {
    const { time, weekday } = dueParts(dueAt, timeZone, f);
    const { unit, count } = lateness(agoMs);
    const ago = `${f.number(count)} ${unit === "minute" ? "minit" : unit === "hour" ? "jam" : "hari"}`;
    return `Ringkasan ini lewat: sepatutnya dihantar pada ${time} ${weekday} (${ago} lalu).`;
  },
  "label.attainment": "Pencapaian (dimenangi ÷ kuota)",
  "value.noAttainment": "—",

  "changes.title": ({ kind, count }, f) => `${KIND_TITLES[kind]} (${f.number(count)})`,
  "changes.none": "Tiada deal yang dimenangi, kalah, ditolak keluar, ditarik masuk, baharu, berubah jumlah atau bertukar peringkat.",
  "move.deal": ({ name, owner, amount }, f) => `${name} (${owner}) — ${m(amount, f)}`,
  "move.dated": ({ name, owner, amount, from, to }, f) =>
    `${name} (${owner}) — ${m(amount, f)}, dijangka tutup ${from === null ? "" : `${f.date(from)} → `}${f.date(to)}`,
  "move.amount": ({ name, owner, before, after }, f) =>
    `${name} (${owner}) — ${m(before, f)} → ${m(after, f)} (${signedCompact(after.minor - before.minor, after.currency, f)})`,
  "move.stage": ({ name, owner, amount, from, to }, f) => `${name} (${owner}) — ${from} → ${to} (${m(amount, f)})`,

  "risk.title": ({ count }, f) => `Berisiko (${f.number(count)})`,
  "risk.none": ({ idleDays }, f) =>
    `Tiada deal berisiko: tiada yang melepasi tarikh tutup, tiada yang tanpa aktiviti selama ${f.number(idleDays)} hari, tiada yang tersangkut di satu peringkat.`,
  "risk.line": ({ name, owner, amount, reasons }, f) => `${name} (${owner}) — ${m(amount, f)}: ${reasons.join(" · ")}`,
  "risk.overdue": ({ closeDate }, f) => `tarikh tutup sudah lepas (${f.date(closeDate)})`,
  "risk.noActivity": ({ days }, f) => `tiada aktiviti selama ${f.number(days)} hari`,
  "risk.stuck": ({ stage, days }, f) => `di peringkat ${stage} selama ${f.number(days)} hari`,

  "top.title": ({ count }, f) => `${f.number(count)} deal terbuka terbesar`,
  "top.none": "Tiada deal terbuka yang dijangka tutup suku ini.",
  "top.line": ({ name, owner, amount, stage, closeDate }, f) =>
    `${name} (${owner}) — ${m(amount, f)} · ${stage} · dijangka tutup ${f.date(closeDate)}`,

  "leaderboard.title": "Papan pendahulu — pencapaian",

  "trend.summary": ({ firstWeekOf, firstCommit, commit, bestCase, closed, quota, weeks }, f) => {
    const against = quota === null ? "tiada kuota" : `kuota ${m(quota, f)}`;
    if (weeks <= 1) {
      return `Trend: komit ${m(commit, f)}, best case ${m(bestCase, f)}, dimenangi ${m(closed, f)}; ${against}. Belum ada minggu lain dalam suku ini untuk dibandingkan.`;
    }
    return `Trend sejak ${f.date(firstWeekOf)}: komit ${m(firstCommit, f)} → ${m(commit, f)}, best case ${m(bestCase, f)}, dimenangi ${m(closed, f)}; ${against}.`;
  },
  "chart.title": ({ team, period }) => `${team} — ${period}: ramalan berbanding kuota`,
  "chart.quota": ({ quota }, f) => `Kuota ${m(quota, f)}`,

  "request.managersOnly": ({ command }) =>
    `Ringkasan mingguan untuk pengurus sahaja — \`${command}\` menunjukkan angka anda sendiri, dan saluran pasukan anda menerima ringkasan setiap minggu.`,
  "request.noTeams": "Belum ada pasukan di bawah anda yang menerima ringkasan mingguan — admin sales ops menetapkan pasukan dan salurannya.",
  "request.whichTeam": ({ names, moreCount, command }, f) =>
    [
      "Ringkasan pasukan mana yang anda mahu?",
      ...names.map((name) => `• ${name}`),
      ...(moreCount > 0 ? [`…dan ${f.number(moreCount)} lagi`] : []),
      `Tanya semula dengan nama pasukan, contohnya \`${command} ringkasan ${names[0] ?? "APAC"}\`.`,
    ].join("\n"),
  "request.noTeamNamed": ({ text, command }) =>
    `Saya tak jumpa pasukan yang sepadan dengan “${text}” antara pasukan yang anda boleh lihat. \`${command} ringkasan\` menyenaraikannya.`,
  "request.private": "Hanya anda yang boleh lihat ringkasan ini.",
  "request.chartComing": "Hanya anda yang boleh lihat ringkasan ini. Carta trendnya sedang dihantar ke mesej terus anda dengan saya.",
  "request.chart": ({ team, period, asOf }, f) => `Carta ringkasan ramalan yang anda minta: ${team} — ${period}, setakat ${f.date(asOf)}.`,
};
