import type { AdminCatalogue } from "./admin-catalogue.js";
import { wallTime } from "./admin-messages-en.js";

const quoted = (items: readonly string[]): string[] => items.map((item) => `"${item}"`);

const VERBS: Readonly<Record<string, string>> = {
  list: "senaraikan",
  add: "tambah",
  change: "ubah",
  pause: "jeda",
  resume: "sambung semula",
  delete: "padam",
};

const DETAIL_MS = {
  full: "penuh — deal dinamakan (saluran pengurus)",
  totals: "jumlah — jumlah dan bilangan pasukan sahaja (saluran yang dibaca wakil jualan)",
} as const;
const VISIBILITY_MS = { off: "dimatikan", percentages: "kedudukan dan peratusan", full: "kedudukan, peratusan dan jumlah" } as const;

export const adminMs: AdminCatalogue = {
  "schedule.help": ({ command }) =>
    [
      `*Jadual* (admin sahaja). Cara guna:`,
      `• \`${command} schedule list\``,
      `• \`${command} schedule add forecast_digest "<nama>" <bila> [--tz <Zon>] [--team "<Pasukan>" | --all-teams]\``,
      `• \`${command} schedule change "<nama>" [<bila>] [--tz <Zon>] [--team "<Pasukan>" | --all-teams]\``,
      `• \`${command} schedule pause "<nama>"\`  ·  \`${command} schedule resume "<nama>"\`  ·  \`${command} schedule delete "<nama>"\``,
      `<bila> ialah pratetap (dalam bahasa Inggeris) — daily 08:00, weekdays 08:30, weekly Mon 08:00, every 2 weeks Mon 08:00, monthly on the first Tuesday 09:00, monthly on day 1 09:00, quarterly on day 1 09:00 — atau ungkapan cron 5 medan ("0 8 * * 1").`,
      `Zon waktu asalnya ikut pasukan (ikut organisasi untuk semua pasukan).`,
      `Contoh: \`${command} schedule add forecast_digest "APAC mingguan" weekly Mon 08:00 --team "APAC Enterprise"\``,
      `Jadual yang dipadam tidak menghantar apa-apa lagi; ringkasan yang sudah dibarisgilirkan masih dihantar. Perincian ringkasan: \`${command} settings help\`.`,
    ].join("\n"),
  "schedule.listHeading": ({ count }, f) => `Jadual (${f.number(count)})`,
  "schedule.none": ({ command }) =>
    `Belum ada jadual. Tambah satu dengan \`${command} schedule add forecast_digest "<nama>" weekly Mon 08:00 --all-teams\`.`,
  "schedule.notShown": ({ count }, f) => `…dan ${f.number(count)} lagi tidak ditunjukkan.`,
  "schedule.added": ({ name }) => `Jadual "${name}" ditambah.`,
  "schedule.changed": ({ name, changed }, f) => `Jadual "${name}" diubah: ${f.list(changed.map((item) => item.toLowerCase()))}.`,
  "schedule.unchanged": ({ name }) => `Jadual "${name}" memang sudah begitu; tiada apa diubah.`,
  "schedule.paused": ({ name }) => `Jadual "${name}" dijeda. Tiada apa dihantar sehingga ia disambung semula.`,
  "schedule.resumed": ({ name }) => `Jadual "${name}" disambung semula. Slot yang terlepas semasa dijeda tidak dihantar.`,
  "schedule.alreadyPaused": ({ name }) => `Jadual "${name}" memang sudah dijeda.`,
  "schedule.alreadyRunning": ({ name }) => `Jadual "${name}" memang sedang berjalan.`,
  "schedule.deleted": ({ name, pending }, f) =>
    `Jadual "${name}" dipadam: ia tidak menghantar apa-apa lagi.${pending === 0 ? "" : ` ${f.number(pending)} ringkasan yang sudah dibarisgilirkan masih akan dihantar.`}`,

  "settings.help": ({ command }) =>
    [
      `*Tetapan* (admin sahaja). Cara guna:`,
      `• \`${command} settings\` — apa yang ditetapkan`,
      `• \`${command} settings digest-detail full|totals\` — berapa banyak ringkasan saluran setiap pasukan menamakan`,
      `• \`${command} settings digest-detail full|totals --team "<Pasukan>"\` — untuk saluran satu pasukan; \`inherit\` menggantikan full|totals untuk kembali mengikut tetapan organisasi`,
      `full: deal yang berubah, berisiko dan terbesar dinamakan, serta jumlah setiap wakil jualan (saluran pengurus). totals: jumlah dan bilangan pasukan sahaja (saluran yang dibaca wakil jualan). Asal: full.`,
    ].join("\n"),
  "settings.heading": "Tetapan",
  "settings.digestDetail": ({ detail, isDefault }) => `${DETAIL_MS[detail]}${isDefault ? " (asal)" : ""}`,
  "settings.teamDetail": ({ team, detail }) => `${team}: ${detail}`,
  "settings.noTeamDetails": "Tiada: setiap pasukan mengikut tetapan organisasi",
  "settings.leaderboard": ({ visibility }) =>
    `${VISIBILITY_MS[visibility]} (papan pendahulu dalam ringkasan mengikutnya; ringkasan totals tidak menunjukkan jumlah)`,
  "settings.digestDetailSet": ({ detail, team, unchanged }) =>
    `${unchanged ? "Memang sudah begitu: " : ""}${team === null ? "Ringkasan saluran pasukan yang tiada tetapan sendiri" : `Ringkasan saluran ${team}`} ${unchanged ? "menunjukkan" : "kini menunjukkan"} ${DETAIL_MS[detail]}${unchanged ? "" : ", mulai ringkasan seterusnya"}.`,
  "settings.digestDetailInherited": ({ team, detail, unchanged }) =>
    `${unchanged ? "Memang sudah begitu: " : ""}Ringkasan saluran ${team} ${unchanged ? "mengikut" : "kembali mengikut"} tetapan organisasi: ${DETAIL_MS[detail]}.`,
  "label.digestDetail": "Perincian ringkasan",
  "label.teamDigestDetails": "Pasukan dengan tetapan sendiri",
  "label.leaderboard": "Papan pendahulu",
  "error.badDigestDetail": ({ value }) =>
    `"${value}" bukan perincian ringkasan: guna full (deal dinamakan, untuk saluran pengurus) atau totals (jumlah pasukan sahaja, untuk saluran yang dibaca wakil jualan).`,
  "error.inheritNeedsTeam": ({ command }) => `inherit hanya untuk satu pasukan: \`${command} settings digest-detail inherit --team "<Pasukan>"\`.`,
  "error.settingsAdminsOnly": "Hanya admin operasi jualan boleh mengubah tetapan.",

  "label.kind": "Jenis",
  "label.when": "Bila",
  "label.timeZone": "Zon waktu",
  "label.target": "Dihantar ke",
  "label.status": "Status",
  "label.lastSlot": "Slot terakhir",
  "label.nextRun": "Seterusnya",

  "kind.forecast_digest": "Ringkasan ramalan",
  "target.team": ({ team }) => `Saluran ${team}`,
  "target.missingTeam": "Pasukan yang sudah tiada",
  "target.allTeams": "Semua pasukan yang ada saluran",
  "status.running": "Berjalan",
  "status.paused": "Dijeda",
  "slot.none": "Belum ada",
  "slot.handled": ({ slotAt, timeZone, outcome }, f) =>
    `${wallTime(slotAt, timeZone, f)} (${outcome === "fired" ? "dihantar" : outcome === "late" ? "dihantar lewat" : "dilangkau"})`,
  "next.at": ({ at, timeZone }, f) => wallTime(at, timeZone, f),
  "next.paused": "— (dijeda)",
  "next.never": "Tiada: ungkapan ini tidak sepadan dengan mana-mana tarikh dalam 11 tahun akan datang",

  "error.unknownKind": ({ kind, kinds }, f) => `"${kind}" bukan jenis jadual. Jenis yang ada: ${f.list(kinds)}.`,
  "error.unknownTeam": ({ team, names }, f) =>
    names.length === 0
      ? `Tiada pasukan bernama "${team}", dan belum ada pasukan yang mempunyai saluran untuk ringkasan.`
      : `Tiada pasukan bernama "${team}". Pasukan yang ada saluran: ${f.list(quoted(names))}.`,
  "error.teamWithoutChannel": ({ team }) => `Pasukan "${team}" tiada saluran untuk ringkasan; beri ia saluran dahulu, atau guna --all-teams.`,
  "error.duplicateName": ({ name, command }) =>
    `Sudah ada jadual bernama "${name}". Pilih nama lain, atau ubahnya dengan \`${command} schedule change "${name}" …\`.`,
  "error.noSuchSchedule": ({ name, names }, f) =>
    names.length === 0 ? `Tiada jadual bernama "${name}"; belum ada jadual lagi.` : `Tiada jadual bernama "${name}". Jadual yang ada: ${f.list(quoted(names))}.`,
  "error.nameTooLong": ({ maxChars }, f) => `Nama jadual paling panjang ${f.number(maxChars)} aksara.`,
  "error.badWhen": ({ when, reason }) => `"${when}" bukan jadual yang boleh saya jalankan: ${reason}`,
  "error.badTimeZone": ({ timeZone }) => `"${timeZone}" bukan zon waktu IANA yang dikenali; guna nama seperti "Asia/Kuala_Lumpur" atau "Europe/London".`,
  "error.nothingToChange": ({ command }) =>
    `Tiada apa untuk diubah: beri masa baharu (cth. weekly Mon 09:00), --tz, --team atau --all-teams. Lihat \`${command} schedule help\`.`,
  "error.adminsOnly": "Hanya admin operasi jualan boleh mengurus jadual.",

  "usage.unclosedQuote": ({ quote }) => `Tanda petik (${quote}) tidak ditutup; letak tanda petik penutup selepas nama.`,
  "usage.unknownVerb": ({ word, command }) =>
    `"${word}" bukan tindakan untuk jadual; guna list, add, change, pause, resume atau delete. Lihat \`${command} schedule help\`.`,
  "usage.unknownTopic": ({ word, command }) =>
    `"${word}" bukan topik admin yang saya kenal; cuba \`${command} schedule list\`, \`${command} settings\` atau \`${command} help\`.`,
  "usage.missingKind": ({ command }) => `Nyatakan jenis jadual untuk ditambah, cth. \`${command} schedule add forecast_digest "APAC mingguan" weekly Mon 08:00\`.`,
  "usage.missingName": ({ verb, command }) => `Nyatakan jadual mana untuk di${VERBS[verb] ?? verb}, dalam tanda petik: \`${command} schedule ${verb} "<nama>"\`.`,
  "usage.missingWhen": ({ command }) => `Nyatakan bila ia berjalan selepas nama, cth. weekly Mon 08:00 atau ungkapan cron. Lihat \`${command} schedule help\`.`,
  "usage.unknownFlag": ({ flag }) => `"${flag}" bukan pilihan; pilihan yang ada ialah --tz <Zon>, --team "<Pasukan>" dan --all-teams.`,
  "usage.flagNeedsValue": ({ flag }) => (flag === "--tz" ? `--tz perlukan zon waktu, cth. --tz Europe/London.` : `${flag} perlukan nilai, cth. ${flag} "APAC Enterprise".`),
  "usage.flagRepeated": ({ flag }) => `${flag} diberi dua kali; beri sekali sahaja.`,
  "usage.flagNotAllowed": ({ verb, flag }) => `${flag} tidak boleh digunakan dengan ${verb}.`,
  "usage.teamAndAllTeams": "Beri sama ada --team atau --all-teams, bukan kedua-duanya.",
  "usage.extraWords": ({ verb, words }) => `Saya tidak faham "${words}" selepas ${verb}. Letak nama yang ada ruang dalam tanda petik.`,
  "usage.unknownSetting": ({ word, command }) => `"${word}" bukan tetapan yang saya kenal; tetapan yang ada: digest-detail. Lihat \`${command} settings help\`.`,
  "usage.missingSettingValue": ({ setting, command }) => `Nyatakan nilai baharu ${setting}, cth. \`${command} settings ${setting} totals\`.`,
};
