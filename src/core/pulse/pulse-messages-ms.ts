import type { AttainmentBand } from "./anonymise-answer.js";
import type { PulseCatalogue } from "./pulse-catalogue.js";
import { pulseRoundsMs } from "./pulse-rounds-messages-ms.js";
import { signedScore } from "./pulse-messages-en.js";

const AGREEMENT = ["Sangat tidak setuju", "Tidak setuju", "Neutral", "Setuju", "Sangat setuju"];

const BANDS: Readonly<Record<AttainmentBand, string>> = {
  "below 50 %": "bawah 50 %",
  "50–80 %": "50–80 %",
  "80–100 %": "80–100 %",
  "100 %+": "100 %+",
};

export const pulseMs: PulseCatalogue = {
  // Around a round (admin., results., reminder.): pulse-rounds-messages-ms.ts.
  ...pulseRoundsMs,
  "anonymity.notice": ({ threshold, commentThreshold, bands }, f) =>
    [
      `*Jawapan anda tanpa nama.* Jawapan disimpan berkunci dengan kunci yang hanya ada dalam mesej ini: tanpanya tiada sesiapa — termasuk pengurus, admin dan pentadbir pangkalan data — boleh membaca atau mengubahnya. Untuk keputusan, hanya kiraan disimpan, mengikut pasukan${bands ? " dan julat pencapaian kuota anda (bawah 50 %, 50–80 %, 80–100 % atau 100 %+)" : ""}, serta komen bersama pasukan anda sahaja; apabila tinjauan ditutup, respons anda sendiri dipadamkan.`,
      `Keputusan hanya dipaparkan untuk kumpulan sekurang-kurangnya ${f.number(threshold)} orang — keseluruhan tinjauan, setiap soalan, setiap pasukan${bands ? " atau julat" : ""} — dan tidak sekali-kali untuk kumpulan yang boleh dikira dengan membandingkan apa yang dilihat oleh dua orang (contohnya seorang pengurus dan pengurusnya).`,
      `Komen hanya dipaparkan apabila sekurang-kurangnya ${f.number(commentThreshold)} orang menulis komen, tanpa nama dan dalam susunan rawak.`,
      `Satu senarai berasingan merekod sama ada anda sudah menjawab, supaya peringatan dihantar kepada yang belum menjawab sahaja; senarai itu dikosongkan apabila tinjauan ditutup. Sebelum itu, pentadbir pangkalan data yang memerhati kiraan secara langsung boleh melihat kiraan mana yang berubah sejurus sebelum anda ditanda telah menjawab — dalam pasukan${bands ? " dan julat" : ""} yang kecil, itu mendedahkan jawapan anda. Slack menyimpan mesej ini seperti mesej lain, tetapi mesej ini tidak sekali-kali memaparkan jawapan anda — hanya soalan yang telah anda jawab, dan bila ia kali terakhir berubah; setiap jawapan disahkan kepada anda dalam balasan yang hanya anda dapat lihat, yang tidak disimpan oleh Slack. Namun mesej ini membawa kunci kepada jawapan anda: sesiapa yang boleh membaca DM anda di Slack (admin ruang kerja yang mengeksportnya) dan juga memegang pangkalan data boleh membuka respons anda sehingga tinjauan ditutup dan respons itu dipadamkan.`,
    ].join("\n"),
  "agreement.label": ({ value }) => AGREEMENT[value - 1] ?? String(value),
  "enps.lowEnd": "0 = langsung tidak mungkin",
  "enps.highEnd": "10 = sangat mungkin",
  "enps.score": ({ score }) => (score === null ? "eNPS: tiada data" : `eNPS ${signedScore(score)}`),
  "band.label": ({ band }) => BANDS[band],
  "cut.noTeam": "Tiada pasukan",
  "cut.noBand": "Tiada julat pencapaian",
  "suppressed.reason": ({ reason, threshold }, f) =>
    reason === "no data"
      ? "Tiada sesiapa menjawab soalan ini."
      : reason === "below threshold"
        ? `Disembunyikan: kurang daripada ${f.number(threshold)} orang menjawab.`
        : "Disembunyikan supaya jawapan kumpulan yang lebih kecil tidak boleh dikira daripada yang lain.",
  "round.responseRate": ({ respondents, invited }, f) =>
    `${f.number(respondents)} daripada ${f.number(invited)} orang sudah menjawab${invited > 0 ? ` (${f.percent(respondents / invited)})` : ""}`,

  "dm.summary": ({ title }) => `Tinjauan pulse: ${title} — seminit masa anda, dijawab tanpa nama.`,
  "dm.optional": "pilihan",
  "dm.answered": "✓ Sudah dijawab",
  "dm.confirmation": ({ number, prompt, answer, comment }) =>
    [
      comment ? `✓ Disimpan — komen anda untuk *${number}. ${prompt}*: “${answer}”` : `✓ Disimpan — jawapan anda untuk *${number}. ${prompt}*: *${answer}*`,
      "Hanya anda yang dapat melihat balasan ini, dan Slack tidak menyimpannya. Mesej tinjauan hanya menunjukkan soalan yang telah anda jawab, tidak sekali-kali jawapan anda.",
    ].join("\n"),
  "dm.choosePlaceholder": "Pilih jawapan",
  "dm.progress": ({ answered, total, missing }, f) =>
    `${f.number(answered)} daripada ${f.number(total)} soalan dijawab — ${f.number(missing)} lagi perlu dijawab sebelum anda dikira telah menjawab (hanya selepas itu jawapan anda dikira dalam keputusan).`,
  "dm.complete": ({ closesAt }) => `*Lengkap — terima kasih!* Anda boleh menukar jawapan sehingga ${closesAt}.`,
  "dm.completeWithOptional": ({ answered, total, closesAt }, f) =>
    `*Lengkap — terima kasih!* (${f.number(answered)} daripada ${f.number(total)} soalan dijawab; selebihnya pilihan.) Anda boleh menukar jawapan sehingga ${closesAt}.`,
  "dm.closed": ({ closedAt }) => `Tinjauan ini ditutup pada ${closedAt}. Terima kasih — jawapan tidak lagi boleh diberi atau ditukar.`,
  "comment.write": "Tulis komen",
  "comment.edit": "Ubah komen anda",
  "comment.modalTitle": "Komen anda",
  "comment.submit": "Simpan",
  "comment.cancel": "Batal",
  "comment.hint": ({ threshold }, f) =>
    `Tanpa nama. Komen hanya dipaparkan apabila sekurang-kurangnya ${f.number(threshold)} orang menulis komen, tanpa nama dan dalam susunan rawak.`,
  "answer.roundNotFound": "Tinjauan ini sudah tiada, jadi jawapan anda tidak direkodkan.",
  "answer.notInvited": "Tinjauan ini tidak dihantar kepada anda, jadi jawapan anda tidak direkodkan.",
  "answer.tampered": "Butang jawapan ini tidak sah (mungkin telah diubah), jadi tiada apa-apa direkodkan. Jawab daripada mesej tinjauan itu sendiri.",
  "answer.closed": ({ closedAt }) => `Tinjauan ini ditutup pada ${closedAt}: jawapan tidak boleh diberi atau ditukar lagi. Tiada apa-apa direkodkan.`,
  "answer.unknownQuestion": "Tinjauan ini tiada soalan tersebut, jadi tiada apa-apa direkodkan.",
  "answer.outOfRange": ({ value, min, max }, f) =>
    `${value} bukan jawapan bagi soalan ini: jawapan ialah nombor bulat dari ${f.number(min)} hingga ${f.number(max)}. Tiada apa-apa direkodkan.`,
  "answer.unknownChoice": "Itu bukan salah satu pilihan soalan ini, jadi tiada apa-apa direkodkan.",
  "answer.emptyText": "Komen anda kosong, jadi tiada apa-apa direkodkan.",
  "answer.textTooLong": ({ length, max }, f) =>
    `Komen anda ada ${f.number(length)} aksara; had maksimum ialah ${f.number(max)}. Tiada apa-apa direkodkan — pendekkan dan simpan semula.`,
};
