import type { AttainmentBand } from "./anonymise-answer.js";
import type { PulseCatalogue } from "./pulse-catalogue.js";
import { signedScore } from "./pulse-messages-en.js";

const AGREEMENT = ["Sangat tidak setuju", "Tidak setuju", "Neutral", "Setuju", "Sangat setuju"];

const BANDS: Readonly<Record<AttainmentBand, string>> = {
  "below 50 %": "bawah 50 %",
  "50–80 %": "50–80 %",
  "80–100 %": "80–100 %",
  "100 %+": "100 %+",
};

export const pulseMs: PulseCatalogue = {
  "anonymity.notice": ({ threshold, commentThreshold, bands }, f) =>
    [
      `*Jawapan anda tanpa nama.* Jawapan disimpan tanpa nama anda, akaun chat anda atau masa anda menjawab — yang disimpan hanya tarikh, pasukan anda${bands ? " dan julat pencapaian kuota anda (bawah 50 %, 50–80 %, 80–100 % atau 100 %+)" : ""}.`,
      `Keputusan hanya dipaparkan untuk kumpulan sekurang-kurangnya ${f.number(threshold)} orang — bagi keseluruhan tinjauan, setiap soalan dan setiap pasukan${bands ? " atau julat" : ""}; kumpulan yang lebih kecil tidak dipaparkan langsung.`,
      `Komen hanya dipaparkan apabila sekurang-kurangnya ${f.number(commentThreshold)} orang menulis komen, tanpa nama dan dalam susunan rawak.`,
      `Pengurus dan admin hanya nampak keputusan kumpulan ini: tiada sesiapa, termasuk admin, boleh melihat jawapan anda sendiri. Satu senarai berasingan hanya merekod sama ada anda sudah menjawab, supaya peringatan dihantar kepada yang belum menjawab sahaja.`,
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
      ? "Belum ada jawapan."
      : reason === "below threshold"
        ? `Disembunyikan: kurang daripada ${f.number(threshold)} orang menjawab.`
        : "Disembunyikan supaya jawapan kumpulan yang lebih kecil tidak boleh dikira daripada yang lain.",
  "round.responseRate": ({ respondents, invited }, f) =>
    `${f.number(respondents)} daripada ${f.number(invited)} orang sudah menjawab${invited > 0 ? ` (${f.percent(respondents / invited)})` : ""}`,
};
