// `npm run cli -- pulse …`: pulse survey administration from the shell, through the same use
// cases and messages as `/pulse` in Slack, acting as the tenant's first admin (`results --as
// <email>` shows results as that person may see them). Exit codes: 0 done, 1 refused or failed,
// 2 bad usage.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type Clock, systemClock } from "../../clock.js";
import { isAppError } from "../../core/errors.js";
import { isLocale, type Locale } from "../../core/i18n/locale.js";
import { moreLabel } from "../../core/i18n/messages.js";
import { answerPulseRequest, surveySavedReply } from "../../core/pulse/answer-pulse-command.js";
import {
  addOutOfOffice,
  createPulseSurvey,
  editPulseSurvey,
  setPulseOptOut,
  type AudienceChoice,
  type PulseAdminOptions,
  type SurveySettingsInput,
} from "../../core/pulse/manage-pulse-surveys.js";
import { pulseText } from "../../core/pulse/pulse-texts.js";
import type { Reply } from "../../core/reply.js";
import { foldName, textReply } from "../../core/use-cases/reply-parts.js";
import { applyMigrations } from "../../db/migrator.js";
import { createPulseStore } from "../../db/repositories/pulse-surveys.js";
import { firstAdminOf, tenantsForAdmin } from "../../db/repositories/schedules.js";
import { renderBlockKit } from "../../slack/render/block-kit.js";
import { messageToText } from "../block-kit-text.js";
import type { CliCommand, CliContext } from "../cli.js";
import { splitTenantFlag } from "./schedule.js";

const COMMAND = "npm run cli -- pulse";

export const USAGE = [
  "usage: npm run cli -- pulse <verb> … [--tenant <name or id>]",
  "  pulse list",
  '  pulse create "<name>" (--template enps|sales|weekly | --definition <file.json>) [settings]',
  '  pulse edit "<name>" [--rename "<new name>"] [--template <t> | --definition <file.json>] [settings]',
  '  pulse start "<survey or template>"        open a round now',
  '  pulse pause "<name>"  ·  pulse resume "<name>"',
  '  pulse close "<name>"                       end its open round now; the results are posted',
  "  pulse optout <email>  ·  pulse optin <email>",
  "  pulse ooo <email> <from YYYY-MM-DD> <to YYYY-MM-DD>   out of office: rounds opening then skip them",
  '  pulse results ["<name>"] [--as <email>]',
  "settings: --audience everyone | team:\"<Team>[,<Team>]\" | reports:<manager email> | list:<email>[,<email>]",
  '          --when "<weekly Mon 09:00 | every 2 weeks Mon 09:00 | monthly on the first Monday 09:00 | quarterly on day 1 09:00 | cron>"',
  "          --tz <Zone> --open-days <1-14> --remind-after <days> --last-day-reminder yes|no --max-reminders <0-2>",
  "          --owner <email> --results-channel <channel id or team name | none> --paused (create)",
].join("\n");

const OPTIONS = {
  template: { type: "string" },
  definition: { type: "string" },
  rename: { type: "string" },
  audience: { type: "string" },
  when: { type: "string" },
  tz: { type: "string" },
  "open-days": { type: "string" },
  "remind-after": { type: "string" },
  "last-day-reminder": { type: "string" },
  "max-reminders": { type: "string" },
  owner: { type: "string" },
  "results-channel": { type: "string" },
  paused: { type: "boolean" },
  as: { type: "string" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>["values"];

class UsageError extends Error {}

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${flag}: expected a whole number (got "${value}")`);
  return Number(value);
}

/** `everyone`, `team:"A,B"`, `reports:<email>`, `list:<email>,<email>`. */
export function parseAudienceFlag(value: string): AudienceChoice {
  const [kind, ...rest] = value.split(":");
  const list = rest.join(":").split(",").map((item) => item.trim()).filter((item) => item !== "");
  switch (kind?.trim().toLowerCase()) {
    case "everyone":
      return { kind: "everyone" };
    case "team":
    case "teams":
      return { kind: "teams", teams: list };
    case "reports":
      if (list.length !== 1) throw new UsageError("--audience reports:<manager email> names one manager");
      return { kind: "reports", manager: list[0]! };
    case "list":
      return { kind: "list", people: list };
    default:
      throw new UsageError(`--audience: expected everyone, team:<names>, reports:<email> or list:<emails> (got "${value}")`);
  }
}

async function settingsOf(values: Values): Promise<SurveySettingsInput & { template?: string; definition?: unknown }> {
  const lastDay = values["last-day-reminder"];
  if (lastDay !== undefined && !/^(?:yes|no)$/i.test(lastDay)) throw new UsageError(`--last-day-reminder: expected yes or no (got "${lastDay}")`);
  let definition: unknown;
  if (values.definition !== undefined) {
    try {
      definition = JSON.parse(await readFile(values.definition, "utf8"));
    } catch (error) {
      throw new UsageError(`--definition: cannot read JSON from ${values.definition}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const openDays = wholeNumber(values["open-days"], "open-days");
  const remindAfterDays = wholeNumber(values["remind-after"], "remind-after");
  const maxReminders = wholeNumber(values["max-reminders"], "max-reminders");
  const channel = values["results-channel"];
  return {
    ...(values.template === undefined ? {} : { template: values.template }),
    ...(definition === undefined ? {} : { definition }),
    ...(values.audience === undefined ? {} : { audience: parseAudienceFlag(values.audience) }),
    ...(values.when === undefined ? {} : { when: values.when }),
    ...(values.tz === undefined ? {} : { timeZone: values.tz }),
    ...(openDays === undefined ? {} : { openDays }),
    ...(remindAfterDays === undefined ? {} : { remindAfterDays }),
    ...(maxReminders === undefined ? {} : { maxReminders }),
    ...(lastDay === undefined ? {} : { remindOnLastDay: lastDay.toLowerCase() === "yes" }),
    ...(values.owner === undefined ? {} : { owner: values.owner }),
    ...(channel === undefined ? {} : { resultsChannel: channel.toLowerCase() === "none" ? null : channel }),
  };
}

function needArgs(positionals: readonly string[], count: number, what: string): string[] {
  if (positionals.length !== count) throw new UsageError(`expected ${what}`);
  return [...positionals];
}

async function replyFor(verb: string, positionals: string[], values: Values, admin: PulseAdminOptions, asPerson: () => Promise<{ id: string; locale: Locale }>): Promise<Reply> {
  const { locale } = admin;
  switch (verb) {
    case "list":
      needArgs(positionals, 0, "no words after list");
      return answerPulseRequest({ ...admin, request: { verb: "list" } });
    case "create": {
      const [name] = needArgs(positionals, 1, 'a survey name: pulse create "<name>" --template enps');
      return surveySavedReply(await createPulseSurvey({ ...admin, ...(await settingsOf(values)), name: name!, paused: values.paused === true }), locale);
    }
    case "edit": {
      const [name] = needArgs(positionals, 1, 'a survey name: pulse edit "<name>" --open-days 5');
      const result = await editPulseSurvey({ ...admin, ...(await settingsOf(values)), name: name!, ...(values.rename === undefined ? {} : { rename: values.rename }) });
      return surveySavedReply(result.survey, locale, result.changed);
    }
    case "start":
    case "pause":
    case "resume":
    case "close": {
      const [name] = needArgs(positionals, 1, `a survey name: pulse ${verb} "<name>"`);
      return answerPulseRequest({ ...admin, request: { verb, name: name! } });
    }
    case "optout":
    case "optin": {
      const [email] = needArgs(positionals, 1, `an e-mail: pulse ${verb} <email>`);
      const result = await setPulseOptOut({ ...admin, optedOut: verb === "optout", person: email! });
      return textReply(pulseText(locale, "admin.optOut", { ...result, command: COMMAND }));
    }
    case "ooo": {
      const [email, from, to] = needArgs(positionals, 3, "pulse ooo <email> <from YYYY-MM-DD> <to YYYY-MM-DD>");
      const added = await addOutOfOffice({ ...admin, person: email!, from: from!, to: to! });
      return textReply(pulseText(locale, "admin.oooAdded", added));
    }
    case "results": {
      if (positionals.length > 1) throw new UsageError('at most one survey name: pulse results "<name>"');
      const viewer = values.as === undefined ? { id: admin.employeeId, locale } : await asPerson();
      return answerPulseRequest({
        ...admin,
        employeeId: viewer.id,
        locale: viewer.locale,
        request: positionals[0] === undefined ? { verb: "results" } : { verb: "results", name: positionals[0] },
      });
    }
    default:
      throw new UsageError(`unknown verb "${verb}"`);
  }
}

/** Runs `pulse …` at the clock's time; `command` below runs it on the system clock. */
export async function runPulseCommand(args: string[], context: CliContext, clock: Clock): Promise<number> {
  if (args.length === 0 || (args.length === 1 && /^(?:-h|--help|help)$/.test(args[0]!))) {
    (args.length === 0 ? context.err : context.out)(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const split = splitTenantFlag(args);
  if ("error" in split) {
    context.err(`${split.error}\n${USAGE}`);
    return 2;
  }
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: split.rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    context.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const [verb = "", ...positionals] = parsed.positionals;

  const db = await context.database();
  await applyMigrations(db);
  const tenants = await tenantsForAdmin(db.prisma);
  const wanted = split.tenant;
  const tenant =
    wanted !== undefined
      ? (tenants.find((candidate) => candidate.id === wanted) ?? tenants.find((candidate) => foldName(candidate.name) === foldName(wanted)))
      : tenants.length === 1
        ? tenants[0]
        : undefined;
  if (!tenant) {
    context.err(
      tenants.length === 0
        ? "There is no organisation in the database yet; load one first (npm run seed for the demo)."
        : `Pick a tenant with --tenant <name or id>: ${tenants.map((candidate) => `"${candidate.name}"`).join(", ")}.`,
    );
    return wanted === undefined && tenants.length > 1 ? 2 : 1;
  }
  const admin = await firstAdminOf(db.prisma, tenant.id);
  if (!admin) {
    context.err(`The tenant "${tenant.name}" has no active admin to act as; make an employee an admin first.`);
    return 1;
  }
  const locale: Locale = isLocale(admin.locale) ? admin.locale : "en";
  const store = createPulseStore(db.prisma);
  const options: PulseAdminOptions = { store, tenantId: tenant.id, employeeId: admin.id, locale, now: clock.now(), command: COMMAND };
  const asPerson = async () => {
    const email = parsed.values.as!.trim().toLowerCase();
    const person = (await store.people(tenant.id)).find((candidate) => candidate.email === email);
    if (!person) throw new UsageError(`--as: nobody in "${tenant.name}" has the e-mail ${email}`);
    return { id: person.id, locale: person.locale };
  };
  context.out(`Tenant "${tenant.name}", acting as ${parsed.values.as ?? `its first admin: ${admin.name} <${admin.email}>`}.`);
  try {
    const reply = await replyFor(verb.toLowerCase(), positionals, parsed.values, options, asPerson);
    context.out(messageToText(renderBlockKit(reply, (count) => moreLabel(locale, count))));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      context.err(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (isAppError(error) && ["invalid_input", "forbidden", "not_found", "conflict", "not_in_organisation"].includes(error.code)) {
      context.err(error.message);
      return 1;
    }
    throw error;
  }
}

export const command: CliCommand = {
  summary: "pulse surveys: list, create, edit, start, pause, resume, close, opt-out/in, out of office, results",
  usage: USAGE,
  run: (args, context) => runPulseCommand(args, context, systemClock),
};
