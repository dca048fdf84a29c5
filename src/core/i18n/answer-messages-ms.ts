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
    `Tiada kuota untuk ${name === null ? "anda" : name} dalam ${period} (kuotanya ditetapkan pada 0 %), jadi tiada pencapaian atau komisen untuk ditunjukkan.`,
  "quota.ramping": ({ rampFraction, fullQuota }, f) =>
    `Dalam tempoh ramp: ${f.percent(rampFraction)} daripada kuota penuh (${f.money(fullQuota.minor, fullQuota.currency)}).`,
  "quota.proRated": ({ days, rowDays, row }, f) =>
    `Prorata: ${f.number(days)} daripada ${f.number(rowDays)} hari bekerja kuota ${row}.`,
  "quota.reportsSum": ({ name, sum, share }, f) =>
    `Jumlah kuota orang bawahan ${name === null ? "anda" : name} ialah ${f.money(sum.minor, sum.currency)}${
      share === null ? "" : `: ${f.percent(share)} daripada angka ${name === null ? "anda" : "mereka"}`
    }.`,
  "quota.ended": ({ period }) => `${period} sudah tamat: ini angka muktamad.`,
  "label.teamQuotaOfReports": "Kuota pasukan (jumlah kuota orang bawahan)",
  "commission.toDate": ({ planStart, planEnd, to }, f) =>
    `Komisen dibayar bagi setiap tempoh pelan (${f.date(planStart)} – ${f.date(planEnd)}); yang ditunjukkan ialah bayaran tempoh itu atas jualan yang ditutup sehingga ${f.date(to)}.`,
  "commission.capped": ({ cap, per }, f) =>
    `Dihadkan pada ${f.money(cap.minor, cap.currency)} setiap ${
      { month: "bulan", quarter: "suku tahun", half: "setengah tahun", year: "tahun", period: "tempoh pelan" }[per]
    } (had bayaran pelan).`,
  "coverage.zeroWinRate": (_params, f) => `Tiada liputan yang cukup pada kadar menang setakat ini (${f.percent(0)} dalam empat suku lepas)`,
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
  "subject.notFound": ({ handle }) =>
    `Tiada sesiapa bernama “@${handle}” dalam organisasi anda. Semak ejaannya, tanya dengan nama e-mel mereka (contohnya @maria.tan), atau mention mereka.`,

  "deal.choose": ({ query, shown, moreCount }, f) =>
    `${f.number(shown + moreCount)} deal terbuka sepadan dengan “${query}” — pilih satu dengan butangnya, atau tanya semula dengan nama penuh deal itu:`,
  "button.whatIf": "Kalau deal ini ditutup?",
  "button.invalid": ({ command }) => `Butang itu tidak lagi berfungsi. Tanya semula dengan \`${command} deal\`.`,
  "whatIf.dealNotOpen": "Deal itu tidak lagi terbuka (sudah dimenangi, kalah atau dibuang sejak senarai itu dipaparkan), jadi tiada apa untuk dikira.",
  "heading.deals.own": ({ period }) => `Deal terbuka anda — ${period}`,
  "heading.deals.person": ({ name, period }) => `Deal terbuka ${name} — ${period}`,
  "deals.line": ({ index, name, account, amount, closeDate, stage }, f) =>
    `${f.number(index)}. *${name}*${account ? ` (${account})` : ""} · ${f.money(amount.minor, amount.currency)} · ${stage} · dijangka tutup ${f.date(closeDate)}`,
  "deals.summary": ({ name, count, total, period }, f) =>
    `${name ?? "Anda"} ada ${f.number(count)} deal terbuka yang dijangka ditutup dalam ${period}, berjumlah ${f.money(total.minor, total.currency)}.`,
  "deals.none": ({ name, period, command }) =>
    `${name ?? "Anda"} tiada deal terbuka yang dijangka ditutup dalam ${period}.${name === null ? ` Untuk melihat deal orang bawahan anda: \`${command} deal @nama\`.` : ""}`,
  "deals.more": ({ count }, f) => `…dan ${f.number(count)} deal lagi yang lebih kecil; tanya “kalau saya tutup <deal>” untuk salah satu daripadanya.`,

  "label.closed": "Dimenangi",
  "label.call": "Ramalan",
  "label.teamCall": "Ramalan pasukan",
  "forecast.call": ({ commit, bestCase, commitVsQuota }, f) =>
    `Komit ${f.money(commit.minor, commit.currency)} · best case ${f.money(bestCase.minor, bestCase.currency)}${
      commitVsQuota === null ? "" : ` (${f.percent(commitVsQuota)} kuota)`
    }`,
  "forecast.noCall": "Belum ada ramalan dihantar",
  "forecast.noQuota": "Tiada kuota",
  "forecast.teamLine": ({ name, attainment, quota, commit, bestCase, pipeline, callCommit, callVsCommit }, f) => {
    const c = (m: { minor: number; currency: string }): string => f.compactMoney(m.minor, m.currency);
    const standing = quota === null || attainment === null ? "tiada kuota" : `${f.percent(attainment)} daripada ${c(quota)}`;
    const call =
      callCommit === null || callVsCommit === null
        ? "tiada ramalan"
        : `ramalan ${c(callCommit)} (${
            callVsCommit.minor === 0
              ? "= komit"
              : callVsCommit.minor > 0
                ? `${c(callVsCommit)} melebihi komit`
                : `${c({ minor: -callVsCommit.minor, currency: callVsCommit.currency })} di bawah komit`
          })`;
    return `${name} — ${standing} · komit ${c(commit)} · best ${c(bestCase)} · pipeline ${c(pipeline)} · ${call}`;
  },
  "forecast.overdue.title": ({ count, amount, expected }, f) =>
    `Tertunggak: ${f.number(count)} deal terbuka (${f.money(amount.minor, amount.currency)}) sepatutnya ditutup sebelum tempoh ini dan masih terbuka; unjuran mengira ${f.money(expected.minor, expected.currency)} daripadanya`,
  "forecast.overdue.line": ({ name, account, amount, closeDate }, f) =>
    `${name}${account ? ` (${account})` : ""} · ${f.money(amount.minor, amount.currency)} · sepatutnya ditutup ${f.date(closeDate)}`,
  "forecast.submit.commitBelowClosed": ({ period, commit, closed }, f) =>
    `Komit anda (${f.money(commit.minor, commit.currency)}) lebih rendah daripada jualan yang sudah dimenangi dalam ${period} (${f.money(closed.minor, closed.currency)}) — komit termasuk apa yang sudah dimenangi. Tiada apa-apa dihantar.`,
  "heading.forecast.history.own": "Ramalan anda berbanding jualan dimenangi",
  "heading.forecast.history.person": ({ name }) => `${name} — ramalan berbanding jualan dimenangi`,
  "history.line": ({ period, commit, bestCase, closed, ended, error, errorAmount, calls }, f) => {
    const c = (m: { minor: number; currency: string }): string => f.money(m.minor, m.currency);
    const callsText = `${f.number(calls)} ramalan`;
    if (!ended) return `${period} (sedang berjalan, ${callsText}): komit ${c(commit)} · best case ${c(bestCase)} — ${c(closed)} dimenangi setakat ini`;
    const off =
      error === null
        ? `komit meleset ${c(errorAmount)}`
        : errorAmount.minor === 0
          ? "komit tepat"
          : `komit ${errorAmount.minor > 0 ? "terlebih" : "terkurang"} ${c({ minor: Math.abs(errorAmount.minor), currency: errorAmount.currency })} (${f.percent(error, { signed: true })})`;
    return `${period} (${callsText}): komit ${c(commit)} · best case ${c(bestCase)} — ${c(closed)} dimenangi: ${off}`;
  },
  "history.none": ({ name, command }) =>
    name === null
      ? `Anda belum menghantar sebarang ramalan — \`${command} hantar komit 120k terbaik 150k\` menghantarnya.`
      : `${name} belum menghantar sebarang ramalan.`,
  "history.summary": ({ periods, meanAbsoluteError, bias, bestCaseCovered }, f) =>
    meanAbsoluteError === null || bias === null
      ? "Belum ada tempoh yang tamat dengan jualan dimenangi untuk menilai ramalan."
      : `Dalam ${f.number(periods)} tempoh yang sudah tamat, komit terakhir meleset ${f.percent(meanAbsoluteError)} secara purata (${
          Math.abs(bias) < 0.005 ? "tanpa cenderung terlebih atau terkurang" : bias > 0 ? `cenderung terlebih ${f.percent(bias)}` : `cenderung terkurang ${f.percent(-bias)}`
        }); jualan dimenangi jatuh antara komit dan best case sebanyak ${f.number(bestCaseCovered)} kali.`,
  "method.model": ({ asOf, horizonDays, observations, wins, priorStrength }, f) =>
    `Unjuran ialah jualan yang sudah dimenangi dalam tempoh itu, ditambah setiap deal terbuka yang masih dikira (dijangka tutup sebelum tempoh berakhir, termasuk yang tertunggak, kecuali Omitted) didarab dengan bahagian deal terbuka di peringkat yang sama, dengan baki ${f.number(horizonDays)} hari, yang dimenangi dalam ${f.number(horizonDays)} hari. Bahagian ini dipelajari daripada snapshot pipeline mingguan organisasi ini sehingga ${f.date(asOf)}, semua deal bersama: ${f.number(observations)} deal sedemikian, ${f.number(wins)} dimenangi (${f.percent(observations === 0 ? 0 : wins / observations)}). Peringkat yang jarang dilihat bersandar pada kategori ramalannya, dan kategori pada bahagian keseluruhan, seolah-olah ${f.number(priorStrength)} deal lagi pada bahagian yang lebih luas telah dilihat; kebarangkalian CRM hanya digunakan selagi tiada sejarah langsung.`,
  "method.crmOnly": ({ asOf, horizonDays }, f) =>
    `Unjuran ialah jualan yang sudah dimenangi dalam tempoh itu, ditambah setiap deal terbuka yang masih dikira (dijangka tutup sebelum tempoh berakhir, termasuk yang tertunggak, kecuali Omitted) didarab dengan kebarangkalian CRM: belum ada deal terbuka dalam snapshot sehingga ${f.date(asOf)} yang tempoh ${f.number(horizonDays)} harinya sudah berlalu, jadi belum ada sejarah organisasi ini untuk dipelajari.`,
  "method.rateTitle": ({ horizonDays }, f) => `Dimenangi dalam ${f.number(horizonDays)} hari, seperti dalam snapshot:`,
  "method.rateLine": ({ level, name, wins, observations }, f) =>
    `${level === "category" ? `Kategori ${name}` : name}: ${f.number(wins)} daripada ${f.number(observations)} (${f.percent(observations === 0 ? 0 : wins / observations)})`,
  "method.accuracy": ({ quarters, meanAbsoluteError, bias }, f) =>
    `Apabila diulang dalam ${quarters === 1 ? "suku lepas" : `${f.number(quarters)} suku yang lalu`}, unjuran ini meleset ${f.percent(meanAbsoluteError)} secara purata, ${
      Math.abs(bias) < 0.005 ? "tanpa cenderung terlebih atau terkurang anggar" : bias > 0 ? `dan cenderung terlebih anggar sebanyak ${f.percent(bias)}` : `dan cenderung terkurang anggar sebanyak ${f.percent(-bias)}`
    }.`,
  "method.notScored": ({ earliest, latest }, f) =>
    earliest === null || latest === null
      ? "Belum ada snapshot pipeline, jadi tiada suku lepas yang boleh diulang untuk menilai ketepatannya."
      : `Belum ada suku lepas yang boleh diulang: snapshot bermula ${f.date(earliest)} hingga ${f.date(latest)}, dan suatu suku hanya diulang apabila ada snapshot pada hari yang sama dalam suku itu seperti hari ini dan suku itu sudah tamat.`,
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
  "method.quarterLine": ({ period, projected, actual, error, overdueDeals }, f) =>
    `${period}: unjuran ${f.compactMoney(projected.minor, projected.currency)}, dimenangi ${f.compactMoney(actual.minor, actual.currency)}${
      error === null ? "" : ` (${f.percent(error, { signed: true })})`
    }${overdueDeals === 0 ? "" : ` · ${f.number(overdueDeals)} deal tertunggak dikira`}`,
  "method.asOf": ({ days }, f) => `Setiap suku lepas diulang pada hari ke-${f.number(days + 1)}, titik yang sama dalam suku seperti hari ini.`,
};
