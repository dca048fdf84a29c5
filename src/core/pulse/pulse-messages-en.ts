import type { AttainmentBand } from "./anonymise-answer.js";
import type { PulseCatalogue } from "./pulse-catalogue.js";
import { pulseRoundsEn } from "./pulse-rounds-messages-en.js";

const AGREEMENT = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

const BANDS: Readonly<Record<AttainmentBand, string>> = {
  "below 50 %": "below 50 %",
  "50–80 %": "50–80 %",
  "80–100 %": "80–100 %",
  "100 %+": "100 %+",
};

/** "+40", "0", "−20": eNPS is shown signed, as the guides write it. */
export function signedScore(score: number): string {
  return score > 0 ? `+${score}` : score < 0 ? `−${-score}` : "0";
}

export const pulseEn: PulseCatalogue = {
  // Around a round (admin., results., reminder.): pulse-rounds-messages-en.ts.
  ...pulseRoundsEn,
  "anonymity.notice": ({ threshold, commentThreshold, bands }, f) =>
    [
      `*Your answers are anonymous.* They are stored sealed with a key only this message holds: without it nobody — managers, admins and database administrators included — can read or change them. For results only counts are kept, by team${bands ? " and quota-attainment band (below 50 %, 50–80 %, 80–100 % or 100 %+)" : ""}, and comments with your team alone; when the survey closes your own response is deleted.`,
      `Results are shown only for groups of at least ${f.number(threshold)} people — the whole survey, each question, each team${bands ? " or band" : ""} — and never for a group that could be worked out by comparing what two people see (a manager's and their manager's, say).`,
      `Comments appear only when at least ${f.number(commentThreshold)} people have written one, without names and in random order.`,
      `A separate list records whether you have answered, so that reminders go only to people who have not; it is cleared when the survey closes. Until then, a database administrator watching the counts live could see which ones changed just before you were marked as answered — in a small team${bands ? " and band" : ""}, that tells your answers. Slack keeps this message like any other, but it never shows your answers — only which questions you have answered, and when it last changed; each answer is confirmed to you in a reply only you can see, which Slack does not keep. The message does carry the key to your answers: someone who can read your DMs in Slack (a workspace admin exporting them) and also holds the database could open your response until the survey closes and it is deleted.`,
    ].join("\n"),
  "agreement.label": ({ value }) => AGREEMENT[value - 1] ?? String(value),
  "enps.lowEnd": "0 = not at all likely",
  "enps.highEnd": "10 = extremely likely",
  "enps.score": ({ score }) => (score === null ? "eNPS: no data" : `eNPS ${signedScore(score)}`),
  "band.label": ({ band }) => BANDS[band],
  "cut.noTeam": "No team",
  "cut.noBand": "No attainment band",
  "suppressed.reason": ({ reason, threshold }, f) =>
    reason === "no data"
      ? "Nobody answered this."
      : reason === "below threshold"
        ? `Hidden: fewer than ${f.number(threshold)} people answered.`
        : "Hidden so that a smaller group's answers cannot be worked out from the rest.",
  "round.responseRate": ({ respondents, invited }, f) =>
    `${f.number(respondents)} of ${f.number(invited)} answered${invited > 0 ? ` (${f.percent(respondents / invited)})` : ""}`,

  "dm.summary": ({ title }) => `Pulse survey: ${title} — a minute of your time, answered anonymously.`,
  "dm.optional": "optional",
  "dm.answered": "✓ Answered",
  "dm.confirmation": ({ number, prompt, answer, comment }) =>
    [
      comment ? `✓ Saved — your comment on *${number}. ${prompt}*: “${answer}”` : `✓ Saved — your answer to *${number}. ${prompt}*: *${answer}*`,
      "Only you can see this reply, and Slack does not keep it. The survey message shows which questions you have answered, never your answers.",
    ].join("\n"),
  "dm.choosePlaceholder": "Choose an answer",
  "dm.progress": ({ answered, total, missing }, f) =>
    `${f.number(answered)} of ${f.number(total)} questions answered — ${f.number(missing)} more ${missing === 1 ? "is" : "are"} needed before you count as having answered (only then do your answers count in the results).`,
  "dm.complete": ({ closesAt }) => `*Complete — thank you!* You can change your answers until ${closesAt}.`,
  "dm.completeWithOptional": ({ answered, total, closesAt }, f) =>
    `*Complete — thank you!* (${f.number(answered)} of ${f.number(total)} questions answered; the rest are optional.) You can change your answers until ${closesAt}.`,
  "dm.closed": ({ closedAt }) => `This survey closed on ${closedAt}. Thank you — answers can no longer be given or changed.`,
  "comment.write": "Write a comment",
  "comment.edit": "Edit your comment",
  "comment.modalTitle": "Your comment",
  "comment.submit": "Save",
  "comment.cancel": "Cancel",
  "comment.hint": ({ threshold }, f) =>
    `Anonymous. Comments are shown only once at least ${f.number(threshold)} people have written one, without names and in random order.`,
  "answer.roundNotFound": "This survey no longer exists, so your answer was not recorded.",
  "answer.notInvited": "This survey was not sent to you, so your answer was not recorded.",
  "answer.tampered": "This answer button is not valid (it may have been altered), so nothing was recorded. Answer from the survey message itself.",
  "answer.closed": ({ closedAt }) => `This survey closed on ${closedAt}: answers can no longer be given or changed. Nothing was recorded.`,
  "answer.unknownQuestion": "This survey has no such question, so nothing was recorded.",
  "answer.outOfRange": ({ value, min, max }, f) =>
    `${value} is not an answer to this question: answers are whole numbers from ${f.number(min)} to ${f.number(max)}. Nothing was recorded.`,
  "answer.unknownChoice": "That is not one of this question's options, so nothing was recorded.",
  "answer.emptyText": "Your comment is empty, so nothing was recorded.",
  "answer.textTooLong": ({ length, max }, f) =>
    `Your comment has ${f.number(length)} characters; the most is ${f.number(max)}. Nothing was recorded — shorten it and save again.`,
};
