/**
 * Who receives a round of a survey: the survey's audience (everyone, some teams, a manager's
 * reports — transitively — or a list of people), minus people who are inactive, who opted out
 * of pulse surveys, or who are out of office on the round's local date. People the audience
 * names but whom the bot cannot reach (no linked Slack account) are returned apart, so that
 * the admin is told about them instead of their silently getting nothing.
 */
import { z } from "zod";
import { epochDayOf } from "../dates.js";
import { AppError } from "../errors.js";
import type { Locale } from "../i18n/locale.js";
import { buildOrgChart, reportsUnder } from "../org-chart.js";
import type { OrgEmployee } from "../types.js";

/** Who a survey is for, as `pulse_survey.audience` stores it. */
export type AudienceSpec =
  | { readonly kind: "everyone" }
  | { readonly kind: "teams"; readonly teamIds: readonly string[] }
  | { readonly kind: "reports"; readonly managerId: string }
  | { readonly kind: "list"; readonly employeeIds: readonly string[] };

const uuid = z.guid({ error: "must be an id" });

export const audienceSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("everyone") }),
    z.strictObject({ kind: z.literal("teams"), teamIds: z.array(uuid).min(1, { error: "name at least one team" }) }),
    z.strictObject({ kind: z.literal("reports"), managerId: uuid }),
    z.strictObject({ kind: z.literal("list"), employeeIds: z.array(uuid).min(1, { error: "name at least one person" }) }),
  ],
  { error: 'audience: expected { kind: "everyone" | "teams" | "reports" | "list" }' },
);

/** Parses a stored or typed audience; throws `invalid_input` naming the field. */
export function parseAudience(value: unknown): AudienceSpec {
  const parsed = audienceSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ["audience", ...issue.path.map(String)].join(".");
    throw new AppError("invalid_input", `${field}: ${issue.message}.`, { field });
  }
  return parsed.data;
}

/** A person as audience resolution and round planning need them. */
export interface PulsePerson extends OrgEmployee {
  readonly timeZone: string;
  readonly locale: Locale;
  /** Null until the person's Slack account is linked (they cannot be sent a DM). */
  readonly slackUserId: string | null;
}

/** Out of office on these local dates, both inclusive (`YYYY-MM-DD`). */
export interface AbsenceSpan {
  readonly employeeId: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

export interface ResolveAudienceOptions {
  readonly audience: AudienceSpec;
  /** Everyone of the tenant, inactive people included (the org chart runs through them). */
  readonly people: readonly PulsePerson[];
  readonly optedOut: Iterable<string>;
  readonly absences: readonly AbsenceSpan[];
  /** The round's local date, `YYYY-MM-DD`: each person receives it on this date in their own zone. */
  readonly opensOn: string;
}

export interface ResolvedAudience {
  /** Who gets the round, in the order of `people`. */
  readonly recipients: readonly PulsePerson[];
  /** Would get it, but have no Slack account linked: reported, not invited. */
  readonly unreachable: readonly PulsePerson[];
  /** Left out, by reason (employee ids; `unknown` are ids the audience names that do not exist). */
  readonly skipped: {
    readonly inactive: readonly string[];
    readonly optedOut: readonly string[];
    readonly outOfOffice: readonly string[];
    readonly unknown: readonly string[];
  };
}

function named(audience: AudienceSpec, people: readonly PulsePerson[]): { ids: Set<string>; unknown: string[] } {
  const known = new Set(people.map((person) => person.id));
  switch (audience.kind) {
    case "everyone":
      return { ids: known, unknown: [] };
    case "teams": {
      const teams = new Set(audience.teamIds);
      return { ids: new Set(people.filter((person) => person.teamId !== null && teams.has(person.teamId)).map((person) => person.id)), unknown: [] };
    }
    case "reports": {
      if (!known.has(audience.managerId)) return { ids: new Set(), unknown: [audience.managerId] };
      return { ids: new Set(reportsUnder(buildOrgChart(people), audience.managerId)), unknown: [] };
    }
    case "list": {
      const ids = new Set(audience.employeeIds);
      return { ids: new Set([...ids].filter((id) => known.has(id))), unknown: [...ids].filter((id) => !known.has(id)) };
    }
  }
}

/**
 * The recipients of a round opening on `opensOn` (see the rules at the top of this file). A
 * person left out for several reasons is counted under the first of: inactive, opted out, out
 * of office. Throws `invalid_input` on a malformed date.
 */
export function resolveAudience(options: ResolveAudienceOptions): ResolvedAudience {
  const day = epochDayOf(options.opensOn);
  const optedOut = new Set(options.optedOut);
  const away = new Set(
    options.absences
      .filter((span) => epochDayOf(span.startsOn) <= day && day <= epochDayOf(span.endsOn))
      .map((span) => span.employeeId),
  );
  const { ids, unknown } = named(options.audience, options.people);
  const recipients: PulsePerson[] = [];
  const unreachable: PulsePerson[] = [];
  const inactive: string[] = [];
  const optedOutIds: string[] = [];
  const outOfOffice: string[] = [];
  for (const person of options.people) {
    if (!ids.has(person.id)) continue;
    if (!person.active) inactive.push(person.id);
    else if (optedOut.has(person.id)) optedOutIds.push(person.id);
    else if (away.has(person.id)) outOfOffice.push(person.id);
    else if (person.slackUserId === null) unreachable.push(person);
    else recipients.push(person);
  }
  return { recipients, unreachable, skipped: { inactive, optedOut: optedOutIds, outOfOffice, unknown } };
}
