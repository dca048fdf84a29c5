import { assertCanView, FORBIDDEN_MESSAGE, visibleEmployeeIds } from "../access.js";
import { AppError } from "../errors.js";
import { answerText } from "../i18n/answers.js";
import type { Subject } from "../questions/question-text.js";
import { cutList, type Reply } from "../reply.js";
import type { Person } from "../sales-data.js";
import { leadsPeople, type QuestionContext } from "./question-context.js";
import { foldName, textReply } from "./reply-parts.js";

export type ResolvedSubject = { kind: "person"; person: Person } | { kind: "ambiguous"; reply: Reply };

const MAX_CANDIDATES = 8;

/**
 * Who a question is about: the asker when no one is named; a mentioned Slack user by their id;
 * a typed handle (`@maria`, `@maria.tan`) by e-mail local part first, then by first or full name,
 * case- and accent-insensitive, among active people.
 *
 * Only people the asker may see are ever candidates, and an ambiguous handle lists visible names
 * only. What a miss says depends on who asks:
 * - a rep gets the same `forbidden` refusal whether the person is hidden from them, inactive or
 *   does not exist, so a rep cannot probe who works where;
 * - a manager or an admin naming someone no active person of the organisation matches (by the
 *   same rules, over everyone) is told so (`not_found`, "no one called … in your organisation"),
 *   a typo being far likelier there than probing; someone who exists but is not theirs is still
 *   `forbidden`, with the same words a rep gets.
 * Access is decided here, before any of the subject's numbers are read.
 */
export function resolveSubject(context: QuestionContext, subject: Subject | undefined): ResolvedSubject {
  const { asker, org } = context;
  if (subject === undefined) return { kind: "person", person: asker };

  if (subject.slackUserId !== undefined) {
    const person = context.people.find((candidate) => candidate.slackUserId === subject.slackUserId);
    if (person) {
      assertCanView(asker, person.id, org);
      return { kind: "person", person };
    }
    // A Slack user not linked to an employee yet: fall back to the name Slack showed.
    if (subject.handle === undefined) throw new AppError("forbidden", FORBIDDEN_MESSAGE);
  }

  const handle = foldName(subject.handle ?? "");
  const visible = new Set(visibleEmployeeIds(asker, org));
  const matches = matchHandle(context.people.filter((person) => person.active && visible.has(person.id)), handle);

  if (matches.length === 0) {
    if (leadsPeople(asker) && matchHandle(context.people.filter((person) => person.active), handle).length === 0) {
      throw new AppError("not_found", answerText(context.locale, "subject.notFound", { handle: subject.handle ?? "" }));
    }
    throw new AppError("forbidden", FORBIDDEN_MESSAGE);
  }
  if (matches.length === 1) {
    const person = matches[0]!;
    assertCanView(asker, person.id, org);
    return { kind: "person", person };
  }
  const names = matches.map((person) => person.name).sort((a, b) => a.localeCompare(b));
  const { items, moreCount } = cutList(names, MAX_CANDIDATES);
  return {
    kind: "ambiguous",
    reply: textReply(answerText(context.locale, "subject.ambiguous", { handle: subject.handle ?? "", names: items, moreCount })),
  };
}

/** People a folded handle names: by e-mail local part first, else by first name or full name. */
function matchHandle(candidates: readonly Person[], handle: string): Person[] {
  const byEmail = candidates.filter((person) => foldName(person.email.split("@")[0] ?? "") === handle);
  if (byEmail.length > 0) return byEmail;
  const spaced = handle.replace(/[._-]+/g, " ");
  return candidates.filter((person) => {
    const name = foldName(person.name);
    return name.split(" ")[0] === handle || name === spaced;
  });
}
