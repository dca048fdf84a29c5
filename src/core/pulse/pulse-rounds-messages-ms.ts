import { wallTime } from "../i18n/admin-messages-en.js";
import type { PulseRoundsCatalogue } from "./pulse-rounds-catalogue.js";

/** "+40", "0", "−20" (as `signedScore` in pulse-messages-en.ts; not imported: that module spreads this one). */
const signedScore = (score: number): string => (score > 0 ? `+${score}` : score < 0 ? `−${-score}` : "0");
const quoted = (items: readonly string[]): string[] => items.map((item) => `"${item}"`);
const WEEKDAYS = ["Isnin", "Selasa", "Rabu", "Khamis", "Jumaat", "Sabtu", "Ahad"];

export const pulseRoundsMs: PulseRoundsCatalogue = {
  "admin.help": ({ command, admin }) =>
    [
      `*Tinjauan pulse*. Cara guna:`,
      `• \`${command} keputusan [<tinjauan>]\` — keputusan pusingan terakhir yang telah ditutup, dan berapa ramai telah menjawab pusingan yang masih dibuka (pengurus: pasukan dalam organisasi anda; admin dan pemilik: semua)`,
      `• \`${command} optout\` · \`${command} optin\` — berhenti menerima tinjauan pulse, atau terima semula`,
      ...(admin
        ? [
            `Admin:`,
            `• \`${command} senarai\` — tinjauan, jadualnya dan pusingan terakhir`,
            `• \`${command} baru\` · \`${command} ubah <tinjauan>\` — cipta atau ubah tinjauan melalui borang`,
            `• \`${command} mula <tinjauan atau templat>\` — buka pusingan sekarang (templat: enps, sales, weekly)`,
            `• \`${command} jeda <tinjauan>\` · \`${command} sambung <tinjauan>\``,
            `• \`${command} tutup <tinjauan>\` — tutup pusingan yang sedang dibuka sekarang; keputusannya dihantar`,
          ]
        : []),
      `Jawapan tanpa nama: keputusan hanya dipaparkan selepas pusingan ditutup, dan hanya untuk kumpulan yang mencapai had minimum tanpa nama.`,
    ].join("\n"),
  "admin.listHeading": ({ count }, f) => `Tinjauan pulse (${f.number(count)})`,
  "admin.none": ({ command }) => `Belum ada tinjauan pulse. Cipta satu dengan \`${command} baru\`, atau mulakan templat eNPS dengan \`${command} mula enps\`.`,
  "admin.notShown": ({ count }, f) => `…dan ${f.number(count)} lagi tidak ditunjukkan.`,
  "admin.created": ({ name }) => `Tinjauan "${name}" dicipta.`,
  "admin.changed": ({ name, changed }, f) =>
    `Tinjauan "${name}" diubah: ${f.list(changed.map((item) => item.toLowerCase()))}. Pusingan yang sedang dibuka kekal dengan soalan dan pesertanya; pusingan seterusnya ikut perubahan ini.`,
  "admin.unchanged": ({ name }) => `Tinjauan "${name}" memang sudah begitu; tiada apa diubah.`,
  "admin.paused": ({ name }) => `Tinjauan "${name}" dijeda. Tiada pusingan baru dibuka sehingga ia disambung semula; pusingan yang sedang dibuka berjalan hingga tamat.`,
  "admin.resumed": ({ name }) => `Tinjauan "${name}" disambung semula. Pusingan yang terlepas semasa dijeda tidak dihantar.`,
  "admin.alreadyPaused": ({ name }) => `Tinjauan "${name}" memang sudah dijeda.`,
  "admin.alreadyActive": ({ name }) => `Tinjauan "${name}" memang sedang berjalan.`,
  "admin.createdFromTemplate": ({ name, command }) =>
    `Tinjauan "${name}" dicipta daripada templatnya. Ia dijeda, jadi hanya berjalan apabila dimulakan; \`${command} sambung ${name}\` menjalankannya ikut jadual.`,
  "admin.started": ({ name, number, invited, closesAt, timeZone }, f) =>
    `Pusingan ${f.number(number)} "${name}" dibuka: ${f.number(invited)} orang sedang ditanya melalui mesej terus. Ia ditutup ${wallTime(closesAt, timeZone, f)} (${timeZone}).`,
  "admin.leftOut": ({ optedOut, outOfOffice }, f) =>
    `Tidak ditanya: ${f.number(optedOut)} yang menarik diri, ${f.number(outOfOffice)} yang bercuti.`,
  "admin.unreachable": ({ count, names }, f) =>
    `${f.number(count)} orang belum dipautkan ke akaun Slack dan tidak dapat ditanya: ${f.list([...names])}${count > names.length ? "…" : ""}. Mereka dipautkan kali pertama mereka menggunakan arahan.`,
  "admin.resultsHint": ({ name, command }) =>
    `Keputusan: \`${command} keputusan ${name}\` — dipaparkan selepas pusingan ditutup (\`${command} tutup ${name}\` menutupnya sekarang), untuk kumpulan yang mencapai had minimum tanpa nama.`,
  "admin.closed": ({ name, number, respondents, invited }, f) =>
    `Pusingan ${f.number(number)} "${name}" ditutup: ${f.number(respondents)} daripada ${f.number(invited)} orang sudah menjawab. Tiada lagi jawapan diterima.`,
  "admin.resultsPosted": ({ to, name, command }) =>
    to.kind === "channel"
      ? `Keputusannya sedang dihantar ke <#${to.channel}>; \`${command} keputusan ${name}\` memaparkannya.`
      : to.kind === "owner"
        ? `Keputusannya sedang dihantar kepada ${to.name} melalui mesej terus; \`${command} keputusan ${name}\` memaparkannya.`
        : `${to.name}, pemiliknya, belum dipautkan ke akaun Slack, jadi keputusan tidak dihantar; \`${command} keputusan ${name}\` memaparkannya.`,
  "admin.alreadyClosed": ({ name, number, command }, f) =>
    `Tiada pusingan "${name}" yang sedang dibuka: pusingan ${f.number(number)} sudah ditutup. Keputusannya: \`${command} keputusan ${name}\`.`,
  "admin.optOut": ({ name, self, optedOut, changed, command }) =>
    optedOut
      ? changed
        ? self
          ? `Anda tidak akan menerima tinjauan pulse lagi, mulai pusingan seterusnya. Ubah fikiran? \`${command} optin\`.`
          : `${name} tidak akan menerima tinjauan pulse lagi, mulai pusingan seterusnya.`
        : self
          ? "Anda memang sudah menarik diri daripada tinjauan pulse."
          : `${name} memang sudah menarik diri daripada tinjauan pulse.`
      : changed
        ? self
          ? "Anda akan menerima tinjauan pulse semula, mulai pusingan seterusnya."
          : `${name} akan menerima tinjauan pulse semula, mulai pusingan seterusnya.`
        : self
          ? "Anda memang menerima tinjauan pulse."
          : `${name} memang menerima tinjauan pulse.`,
  "admin.oooAdded": ({ name, from, to }, f) => `${name} bercuti dari ${f.date(from)} hingga ${f.date(to)}: pusingan yang dibuka dalam tempoh itu tidak dihantar kepadanya.`,
  "admin.formOpened": "Borang tinjauan dibuka. Isi dan simpan; menutupnya tidak mengubah apa-apa.",
  "admin.useModal": ({ command }) => `Cipta dan ubah tinjauan menggunakan borang dalam Slack (\`${command} baru\`); dari terminal gunakan \`npm run cli -- pulse create\`.`,

  "admin.label.status": "Status",
  "admin.label.questions": "Soalan",
  "admin.label.audience": "Dihantar kepada",
  "admin.label.when": "Bila",
  "admin.label.openDays": "Dibuka selama",
  "admin.label.reminders": "Peringatan",
  "admin.label.owner": "Pemilik",
  "admin.label.lastRound": "Pusingan terakhir",
  "admin.label.nextRound": "Pusingan seterusnya",
  "admin.status.active": "Berjalan",
  "admin.status.paused": "Dijeda",
  "admin.questions": ({ title, count }, f) => `${title} (${f.number(count)} soalan)`,
  "admin.openDays": ({ days }, f) => `${f.number(days)} hari selepas orang terakhir menerimanya`,
  "admin.reminders": ({ remindAfterDays, remindOnLastDay, maxReminders }, f) =>
    maxReminders === 0
      ? "Tiada"
      : `Kepada yang belum menjawab: selepas ${f.number(remindAfterDays)} hari${remindOnLastDay ? " dan pada hari terakhir" : ""}, paling banyak ${f.number(maxReminders)}`,
  "admin.owner": ({ name, channel }) => (channel === null ? `${name} (keputusan melalui mesej terus)` : `${name} (keputusan dalam <#${channel}>)`),
  "admin.round.none": "Belum ada",
  "admin.round.summary": ({ number, opensOn, open, invited }, f) =>
    `Pusingan ${f.number(number)}, ${f.date(opensOn)}: ${invited === 0 ? "dilangkau atau tiada siapa untuk ditanya" : `${f.number(invited)} ditanya`}${open ? " (dibuka)" : ""}`,
  "admin.next.on": ({ date }, f) => `Pusingan seterusnya dibuka ${f.date(date)}, pada waktu tinjauan dalam zon waktu setiap orang.`,
  "admin.next.paused": "— (dijeda)",
  "admin.next.never": "Tidak pernah: jadual ini tidak sepadan dengan mana-mana tarikh dalam 11 tahun akan datang",
  "admin.audience.everyone": "Semua orang",
  "admin.audience.teams": ({ names }, f) => `Pasukan ${f.list([...names])}`,
  "admin.audience.reports": ({ name }) => `Semua yang melapor kepada ${name} (secara langsung atau tidak)`,
  "admin.audience.list": ({ count }, f) => `${f.number(count)} orang yang dinamakan`,
  "admin.audience.missing": "(dipadam)",
  "admin.field.name": "Nama",
  "admin.field.questions": "Soalan",
  "admin.field.audience": "Penerima",
  "admin.field.when": "Jadual",
  "admin.field.timeZone": "Zon waktu",
  "admin.field.openDays": "Hari dibuka",
  "admin.field.reminders": "Peringatan",
  "admin.field.owner": "Pemilik",
  "admin.field.resultsChannel": "Saluran keputusan",

  "admin.error.adminsOnly": "Hanya admin sales-ops boleh mengurus tinjauan pulse.",
  "admin.error.missingName": "Berikan nama untuk tinjauan ini.",
  "admin.error.nameTooLong": ({ maxChars }, f) => `Nama tinjauan paling panjang ${f.number(maxChars)} aksara.`,
  "admin.error.duplicateName": ({ name }) => `Sudah ada tinjauan bernama "${name}"; pilih nama lain.`,
  "admin.error.noSuchSurvey": ({ name, names }, f) =>
    names.length === 0 ? `Tiada tinjauan "${name}"; belum ada tinjauan lagi.` : `Tiada tinjauan "${name}". Tinjauan yang ada: ${f.list(quoted(names))}.`,
  "admin.error.noSurveyOrTemplate": ({ name, names, templates }, f) =>
    `Tiada tinjauan atau templat "${name}". ${names.length === 0 ? "Belum ada tinjauan lagi." : `Tinjauan: ${f.list(quoted(names))}.`} Templat: ${f.list(quoted(templates))}.`,
  "admin.error.unknownTemplate": ({ template, templates }, f) => `Tiada templat "${template}"; templat yang ada ialah ${f.list(quoted(templates))}.`,
  "admin.error.templateAndDefinition": "Berikan sama ada templat atau soalan anda sendiri, bukan kedua-duanya.",
  "admin.error.badDefinition": ({ reason }) => `Soalan tidak sah: ${reason}`,
  "admin.error.badWhen": ({ when, reason }) =>
    `"${when}" bukan jadual: ${reason} Cuba "weekly Mon 09:00", "every 2 weeks Mon 09:00", "monthly on the first Monday 09:00", "quarterly on day 1 09:00" atau ungkapan cron.`,
  "admin.error.badTimeZone": ({ timeZone }) => `"${timeZone}" bukan zon waktu; gunakan nama seperti "Asia/Kuala_Lumpur" atau "Europe/London".`,
  "admin.error.badOpenDays": ({ value, min, max }, f) => `Pusingan dibuka ${f.number(min)} hingga ${f.number(max)} hari penuh; "${value}" tidak termasuk.`,
  "admin.error.badMaxReminders": ({ value, max }, f) => `Paling banyak ${f.number(max)} peringatan dihantar; "${value}" bukan 0 hingga ${f.number(max)}.`,
  "admin.error.badRemindAfterDays": ({ value, openDays }, f) =>
    `Peringatan pertama dihantar beberapa hari penuh selepas tinjauan, sebelum ia ditutup: 1 hingga ${f.number(openDays - 1)}, bukan "${value}".`,
  "admin.error.unknownTeam": ({ team, names }, f) => `Tiada pasukan "${team}". Pasukan: ${f.list(quoted(names))}.`,
  "admin.error.teamWithoutChannel": ({ team }) => `Pasukan "${team}" tiada saluran Slack untuk keputusan; berikan id saluran.`,
  "admin.error.unknownPerson": ({ who }) => `Tiada sesiapa dalam organisasi dengan e-mel "${who}".`,
  "admin.error.emptyAudience": "Namakan sekurang-kurangnya satu pasukan atau seorang untuk menerima tinjauan ini.",
  "admin.error.nothingToChange": ({ command }) => `Nyatakan apa yang hendak diubah (soalan, penerima, jadual, hari dibuka, peringatan…); \`${command} ubah <tinjauan>\` membuka borang.`,
  "admin.error.roundOpen": ({ name, number, closesAt, timeZone, command }, f) =>
    `Pusingan ${f.number(number)} "${name}" masih dibuka hingga ${wallTime(closesAt, timeZone, f)} (${timeZone}); pusingan baru boleh dimulakan selepas ia ditutup. Untuk menutupnya sekarang: \`${command} tutup ${name}\`.`,
  "admin.error.roundToday": ({ name }) => `Satu pusingan "${name}" sudah dibuka hari ini; mulakan yang seterusnya esok.`,
  "admin.error.noRoundYet": ({ name, command }) => `"${name}" belum mempunyai pusingan, jadi tiada apa untuk ditutup. \`${command} mula ${name}\` membukanya.`,
  "admin.error.badDate": ({ date }) => `"${date}" bukan tarikh (YYYY-MM-DD).`,
  "admin.error.badDateRange": ({ from, to }) => `Cuti itu berakhir (${to}) sebelum bermula (${from}).`,

  "admin.usage.unclosedQuote": ({ quote }) => `Nama yang bermula dengan ${quote} tiada tanda petik penutup.`,
  "admin.usage.unknownVerb": ({ word, command }) => `Saya tidak faham "${word}". Cuba \`${command} bantuan\`.`,
  "admin.usage.missingName": ({ verb, command }) => `Tinjauan yang mana? \`${command} ${verb} <nama tinjauan>\`.`,
  "admin.usage.extraWords": ({ verb, words }) => `"${verb}" tidak perlukan apa-apa lagi; saya tidak faham "${words}".`,

  "admin.modal.titleNew": "Tinjauan pulse baru",
  "admin.modal.titleEdit": "Ubah tinjauan pulse",
  "admin.modal.titleSaved": "Tinjauan disimpan",
  "admin.modal.submit": "Simpan",
  "admin.modal.cancel": "Batal",
  "admin.modal.close": "Tutup",
  "admin.modal.template": "Soalan",
  "admin.modal.keepQuestions": "Kekalkan soalan sekarang",
  "admin.modal.name": "Nama",
  "admin.modal.audience": "Hantar kepada",
  "admin.modal.audienceTeam": ({ team }) => `Pasukan: ${team}`,
  "admin.modal.audienceReports": ({ name }) => `Organisasi ${name}`,
  "admin.modal.cadence": "Kekerapan",
  "admin.modal.cadenceWeekly": "Setiap minggu",
  "admin.modal.cadenceFortnightly": "Setiap 2 minggu",
  "admin.modal.cadenceMonthly": "Setiap bulan (hari pertama itu dalam bulan)",
  "admin.modal.cadenceQuarterly": "Setiap suku tahun (1 Jan, Apr, Jul, Okt)",
  "admin.modal.cadenceCustom": ({ when }) => `Seperti sekarang: ${when}`,
  "admin.modal.weekday": ({ day }) => WEEKDAYS[day - 1] ?? String(day),
  "admin.modal.weekdayLabel": "Hari",
  "admin.modal.weekdayHint": "Untuk mingguan, setiap 2 minggu dan bulanan.",
  "admin.modal.time": "Waktu tempatan",
  "admin.modal.timeHint": "Setiap orang menerimanya pada waktu ini dalam zon waktu masing-masing.",
  "admin.modal.openDays": "Dibuka selama (hari)",
  "admin.modal.openDaysHint": ({ min, max }, f) => `${f.number(min)} hingga ${f.number(max)} hari selepas orang terakhir menerimanya.`,
  "admin.modal.badOpenDays": ({ min, max }, f) => `Masukkan bilangan hari penuh dari ${f.number(min)} hingga ${f.number(max)}.`,
  "admin.modal.required": "Pilih satu.",

  "results.refused": "Keputusan tinjauan pulse hanya untuk pengurus dan admin.",
  "results.noSuchSurvey": ({ name, names }, f) => `Tiada tinjauan "${name}" yang keputusannya boleh anda lihat. Tinjauan: ${f.list(quoted(names))}.`,
  "results.noRoundsAtAll": "Belum ada tinjauan yang mempunyai pusingan.",
  "results.noRounds": ({ name }) => `"${name}" belum mempunyai pusingan.`,
  "results.heading": ({ title, number }, f) => `${title} — pusingan ${f.number(number)}`,
  "results.closedHeading": ({ title, number }, f) => `${title} — pusingan ${f.number(number)} ditutup`,
  "results.roundDates": ({ opensOn, closesAt, timeZone, open }, f) =>
    `Dibuka ${f.date(opensOn)} · ${open ? "ditutup" : "telah ditutup"} ${wallTime(closesAt, timeZone, f)} (${timeZone})`,
  "results.openedOn": ({ opensOn }, f) => `Dibuka ${f.date(opensOn)} · masih dibuka`,
  "results.whenClosed": ({ closesAt, timeZone }, f) =>
    `Keputusan dipaparkan apabila pusingan ditutup pada ${wallTime(closesAt, timeZone, f)} (${timeZone}). Sehingga itu hanya kadar respons ditunjukkan: angka yang berubah dengan setiap jawapan baru boleh mendedahkan jawapan seseorang.`,
  "results.scopeAll": "Semua yang ditanya",
  "results.scopeTeams": ({ names }, f) => `Organisasi anda: ${f.list([...names])}`,
  "results.enpsBreakdown": ({ promoters, passives, detractors, total }, f) => {
    const share = (count: number) => f.percent(total === 0 ? 0 : count / total);
    return `Promoter (9-10) ${f.number(promoters)} (${share(promoters)}) · pasif (7-8) ${f.number(passives)} (${share(passives)}) · pengkritik (0-6) ${f.number(detractors)} (${share(detractors)}) · ${f.number(total)} menjawab`;
  },
  "results.distribution": ({ values }, f) => values.map((value) => `${value.label}: ${f.number(value.count)}`).join(" · "),
  "results.mean": ({ mean, max, respondents }, f) => `Purata ${f.number(Math.round(mean * 10) / 10)} daripada ${f.number(max)} · ${f.number(respondents)} menjawab`,
  "results.respondents": ({ respondents }, f) => `${f.number(respondents)} menjawab`,
  "results.cutEnps": ({ score, respondents }, f) => `${score === null ? "tiada data" : signedScore(score)} (${f.number(respondents)})`,
  "results.cutMean": ({ mean, respondents }, f) => `${f.number(Math.round(mean * 10) / 10)} (${f.number(respondents)})`,
  "results.cutTopChoice": ({ label, count, respondents }, f) => `${label} ${f.number(count)} daripada ${f.number(respondents)}`,
  "results.byTeam": "Ikut pasukan",
  "results.byBand": "Ikut pencapaian kuota",
  "results.cutsHidden": ({ count, threshold }, f) => `${f.number(count)} kumpulan disembunyikan (kurang daripada ${f.number(threshold)} orang, atau akan mendedahkan satu kumpulan)`,
  "results.comments": ({ count }, f) => `${f.number(count)} komen, dalam susunan rawak:`,
  "results.trend": ({ points, change }, f) =>
    `Trend eNPS: ${points.map((point) => `${f.date(point.closesOn)} ${point.score === null ? "—" : signedScore(point.score)}`).join(" → ")}${change === null ? "" : ` (${signedScore(change)} berbanding pusingan sebelumnya)`}`,
  "results.thresholdNote": ({ threshold, commentThreshold }, f) =>
    `Tanpa nama: angka hanya dipaparkan untuk kumpulan sekurang-kurangnya ${f.number(threshold)} orang, komen hanya setelah ${f.number(commentThreshold)} orang menulisnya.`,

  "reminder.text": ({ title, closesAt, timeZone, link, lastDay }, f) =>
    [
      lastDay
        ? `*Hari terakhir untuk "${title}".* Ia ditutup ${wallTime(closesAt, timeZone, f)}.`
        : `*Peringatan: "${title}" menunggu jawapan anda.* Ia ditutup ${wallTime(closesAt, timeZone, f)}.`,
      link === null ? "Tatal ke atas ke tinjauan dalam perbualan ini untuk menjawab." : `<${link}|Buka tinjauan> untuk menjawab — hanya seminit.`,
      "Jawapan anda tanpa nama. Peringatan hanya dihantar kepada yang belum menjawab.",
    ].join("\n"),
  "reminder.summary": ({ title }) => `Peringatan: "${title}" menunggu jawapan anda`,
};
