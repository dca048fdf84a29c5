import type { AnswerCatalogue } from "./answer-catalogue.js";
import { signedCompact, times } from "./answer-messages-en.js";

/**
 * Malay answers. Period labels are written the Malay way: S3 TK2027 (suku 3, tahun kewangan
 * 2027), SP1 TK2027 (separuh pertama), TK2027, Ogo 2026.
 */
export const answersMs: AnswerCatalogue = {
  "period.quarter": ({ index, fiscalYear }) => `S${index} TK${fiscalYear}`,
  "period.half": ({ index, fiscalYear }) => `SP${index} TK${fiscalYear}`,
  "period.year": ({ fiscalYear }) => `TK${fiscalYear}`,
  "period.month": ({ start }) =>
    new Intl.DateTimeFormat("ms-MY", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${start}T00:00:00Z`)),
  "context.periodAsOf": ({ period, start, end, asOf }, f) => `${period} (${f.date(start)} – ${f.date(end)}) · setakat ${f.date(asOf)}`,

  "heading.quota.own": ({ period }) => `Kuota anda — ${period}`,
  "heading.quota.person": ({ name, period }) => `${name} — ${period}`,
  "heading.team.own": ({ period }) => `Pasukan anda — ${period}`,
  "heading.team.person": ({ name, period }) => `Pasukan ${name} — ${period}`,
  "heading.whatIf.own": ({ what }) => `Kalau anda tutup ${what}`,
  "heading.whatIf.person": ({ name, what }) => `Kalau ${name} tutup ${what}`,
  "heading.toTarget": ({ name, fraction }, f) => (name === null ? `Untuk capai ${f.percent(fraction)}` : `${name}: untuk capai ${f.percent(fraction)}`),
  "heading.nextTier": ({ name, period }) => (name === null ? `Tier komisen seterusnya — ${period}` : `${name}: tier komisen seterusnya — ${period}`),
  "heading.leaderboard": ({ period }) => `Papan pendahulu — ${period}`,
  "heading.forecast.own": ({ period }) => `Ramalan anda — ${period}`,
  "heading.forecast.person": ({ name, period }) => `${name} — ramalan ${period}`,
  "heading.forecast.method": "Cara unjuran dikira",

  "summary.standing": ({ name, period, attainment, closed, quota }, f) =>
    `${name === null ? "Anda" : name} mencapai ${f.percent(attainment)} kuota untuk ${period}: ${f.money(closed.minor, closed.currency)} daripada ${f.money(quota.minor, quota.currency)}.`,
  "summary.noQuota": ({ name, period }) => `${name === null ? "Anda" : name} tiada kuota untuk ${period}.`,

  "quota.noQuota": ({ name, period }) =>
    `${name === null ? "Anda" : name} belum ada kuota untuk ${period}, jadi tiada pencapaian atau komisen untuk ditunjukkan. Kuota ditetapkan oleh admin sales ops.`,
  "quota.zeroQuota": ({ name, period }) =>
    `Tiada kuota untuk ${name === null ? "anda" : name} dalam ${period} (tarikh mula selepas tempoh itu), jadi tiada pencapaian atau komisen untuk ditunjukkan.`,
  "quota.ramping": ({ rampFraction, fullQuota }, f) =>
    `Dalam tempoh ramp: ${f.percent(rampFraction)} daripada kuota penuh (${f.money(fullQuota.minor, fullQuota.currency)}).`,
  "quota.proRated": ({ share, startDate }, f) =>
    `Kuota prorata: mula pada ${f.date(startDate)}, jadi ${f.percent(share)} hari bekerja tempoh ini dikira.`,
  "label.overQuota": "Melebihi kuota",
  "pace.ahead": ({ pace, expected }, f) =>
    `Mendahului — ${f.percent(pace)} daripada kadar (dijangka ${f.money(expected.minor, expected.currency)} setakat hari ini)`,
  "pace.behind": ({ pace, expected }, f) =>
    `Ketinggalan — ${f.percent(pace)} daripada kadar (dijangka ${f.money(expected.minor, expected.currency)} setakat hari ini)`,
  "pace.onTrack": ({ expected }, f) => `Menepati kadar (dijangka ${f.money(expected.minor, expected.currency)} setakat hari ini)`,
  "pace.notStarted": "Belum bermula",
  "coverage.value": ({ coverage }, f) => times(coverage, f),
  "coverage.needed": ({ coverage, winRate }, f) => `${times(coverage, f)} (kadar menang ${f.percent(winRate)})`,
  "coverage.noHistory": "Belum ada sejarah kadar menang (tiada deal ditutup dalam empat suku lepas)",
  "coverage.quotaMet": "Kuota sudah dicapai — tiada baki untuk diliputi",
  "commission.notAvailable": "Tiada — pelan komisen belum ditetapkan",

  "team.managersOnly": ({ command }) =>
    `Angka pasukan untuk pengurus sahaja — \`${command}\` menunjukkan kedudukan anda sendiri, dan \`${command} kedudukan\` kedudukan semua orang.`,
  "team.noReports": ({ name }) => `Belum ada sesiapa melapor kepada ${name ?? "anda"}, jadi tiada pasukan untuk dijumlahkan.`,
  "label.teamQuota": "Kuota pasukan",
  "team.quotaLine": ({ name, attainment, closed, quotaMinor }, f) =>
    quotaMinor === null || attainment === null
      ? `${name} — tiada kuota (${f.compactMoney(closed.minor, closed.currency)} dimenangi)`
      : `${name} — ${f.percent(attainment)} (${f.compactMoney(closed.minor, closed.currency)} daripada ${f.compactMoney(quotaMinor, closed.currency)})`,
  "team.ownDeals": ({ name }) => `${name} (deal sendiri)`,

  "label.payout": "Bayaran",
  "whatIf.dealLine": ({ name, account, amount, closeDate }, f) =>
    `${name}${account ? ` · ${account}` : ""} · ${f.money(amount.minor, amount.currency)} · dijangka tutup ${f.date(closeDate)}`,
  "whatIf.commissionNotAvailable": "Komisen tidak dapat dikira — pelan komisen belum ditetapkan untuk tempoh ini.",
  "toTarget.reached": ({ fraction, attainment }, f) =>
    `Sudah capai — pada ${f.percent(attainment)}, melepasi ${f.percent(fraction)} kuota.`,
  "label.currentAttainment": "Pencapaian sekarang",
  "nextTier.value": ({ fromAttainment, rate }, f) => `${f.percent(rate)} bermula pada ${f.percent(fromAttainment)} kuota`,
  "nextTier.top": ({ rate }, f) => `Sudah capai tier tertinggi — setiap jualan seterusnya dibayar ${f.percent(rate)}.`,
  "label.stillToClose": "Perlu ditutup lagi",
  "label.currentRate": "Kadar sekarang",

  "leaderboard.line": ({ rank, name, attainment, isYou, closed, quota }, f) => {
    const who = isYou ? `*${name} (anda)*` : name;
    const amounts =
      closed && quota ? ` · ${f.compactMoney(closed.minor, closed.currency)} daripada ${f.compactMoney(quota.minor, quota.currency)}` : "";
    return `${rank}. ${who} — ${f.percent(attainment)}${amounts}`;
  },
  "leaderboard.empty": ({ period }) => `Belum ada sesiapa yang ada kuota untuk ${period}, jadi tiada kedudukan.`,

  "subject.ambiguous": ({ handle, names, moreCount }, f) =>
    [
      `Lebih daripada seorang sepadan dengan “@${handle}” — siapa yang anda maksudkan?`,
      ...names.map((name) => `• ${name}`),
      ...(moreCount > 0 ? [`…dan ${f.number(moreCount)} lagi`] : []),
      "Tanya semula dengan nama e-mel mereka, contohnya @maria.tan, atau mention mereka.",
    ].join("\n"),

  "label.closed": "Dimenangi",
  "label.call": "Ramalan",
  "label.teamCall": "Ramalan pasukan",
  "forecast.call": ({ commit, bestCase, commitVsQuota }, f) =>
    `Komit ${f.money(commit.minor, commit.currency)} · best case ${f.money(bestCase.minor, bestCase.currency)}${
      commitVsQuota === null ? "" : ` (${f.percent(commitVsQuota)} kuota)`
    }`,
  "forecast.noCall": "Belum ada ramalan dihantar",
  "forecast.noQuota": "Tiada kuota",
  "forecast.teamLine": ({ name, commit, bestCase, pipeline, callCommit }, f) =>
    `${name} — komit ${f.compactMoney(commit.minor, commit.currency)} · best ${f.compactMoney(bestCase.minor, bestCase.currency)} · pipeline ${f.compactMoney(pipeline.minor, pipeline.currency)} · ${
      callCommit === null ? "tiada ramalan" : `ramalan ${f.compactMoney(callCommit.minor, callCommit.currency)}`
    }`,
  "forecast.managersOnly": ({ command }) =>
    `Ramalan pasukan untuk pengurus sahaja — \`${command}\` menunjukkan angka anda sendiri, dan \`${command} hantar commit 120k best 150k\` menghantar ramalan anda.`,
  "change.since": ({ date, currency, delta }, f) =>
    `*Perubahan sejak ${f.date(date)}:* dimenangi ${signedCompact(delta.closedMinor, currency, f)} · komit ${signedCompact(delta.commitMinor, currency, f)} · best case ${signedCompact(delta.bestCaseMinor, currency, f)} · pipeline ${signedCompact(delta.pipelineMinor, currency, f)}`,
  "change.noSnapshot": "Belum ada snapshot dari minggu lepas, jadi perubahan belum dapat ditunjukkan.",
  "change.noMoves": "Tiada deal yang dimenangi, kalah, ditolak keluar, ditarik masuk atau baharu.",
  "move.won": ({ name, amount }, f) => `Dimenangi: ${name} (${f.compactMoney(amount.minor, amount.currency)})`,
  "move.lost": ({ name, amount }, f) => `Kalah: ${name} (${f.compactMoney(amount.minor, amount.currency)})`,
  "move.pushed": ({ name, amount, closeDate }, f) =>
    `Ditolak keluar: ${name} (${f.compactMoney(amount.minor, amount.currency)}) ke ${f.date(closeDate)}`,
  "move.pulledIn": ({ name, amount, closeDate }, f) =>
    `Ditarik masuk: ${name} (${f.compactMoney(amount.minor, amount.currency)}) ke ${f.date(closeDate)}`,
  "move.new": ({ name, amount }, f) => `Baharu: ${name} (${f.compactMoney(amount.minor, amount.currency)})`,
  "forecast.submit.notSeller": "Ramalan dihantar oleh wakil jualan dan pengurus; peranan anda tidak membawa sasaran jualan.",
  "forecast.submit.periodEnded": ({ period }) =>
    `${period} sudah berakhir — ramalan boleh dihantar untuk tempoh semasa atau akan datang.`,
  "forecast.submit.previous": ({ commit, bestCase, submittedAt, timeZone }, f) =>
    `Ramalan anda sebelum ini: komit ${f.money(commit.minor, commit.currency)} · best case ${f.money(bestCase.minor, bestCase.currency)} (${f.date(submittedAt, { timeZone })}); ia kekal dalam sejarah.`,
  "method.quarterLine": ({ period, projected, actual, error }, f) =>
    `${period}: unjuran ${f.compactMoney(projected.minor, projected.currency)}, dimenangi ${f.compactMoney(actual.minor, actual.currency)}${
      error === null ? "" : ` (${f.percent(error, { signed: true })})`
    }`,
  "method.asOf": ({ days }, f) => `Setiap suku lepas diulang pada hari ke-${f.number(days + 1)}, titik yang sama dalam suku seperti hari ini.`,
};
