import type { DigestCatalogue, DigestChangeKind } from "./digest-catalogue.js";
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

export const digestMs: DigestCatalogue = {
  heading: ({ team, period }) => `Ramalan mingguan — ${team} — ${period}`,
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
  "request.private": "Hanya anda yang boleh lihat ringkasan ini. Carta trend disertakan bersama hantaran mingguan di saluran pasukan.",
};
