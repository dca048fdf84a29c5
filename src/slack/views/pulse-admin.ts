// The admin modal for pulse surveys (callback ids `pulse_admin_create` / `pulse_admin_edit`),
// opened by `/pulse new` and `/pulse edit <survey>`: built from the platform-neutral form
// (src/core/pulse/pulse-admin-form.ts); its submission is parsed with zod and saved by the same
// use cases as the CLI. A refusal comes back on the field at fault; success replaces the form
// with a confirmation.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { isAppError } from "../../core/errors.js";
import type { Locale } from "../../core/i18n/locale.js";
import { surveyFields } from "../../core/pulse/answer-pulse-command.js";
import { MAX_SURVEY_NAME_LENGTH } from "../../core/pulse/manage-pulse-surveys.js";
import { submitPulseAdminForm, type PulseAdminForm, type PulseFormValues } from "../../core/pulse/pulse-admin-form.js";
import { MAX_OPEN_DAYS, MIN_OPEN_DAYS } from "../../core/pulse/plan-survey-round.js";
import { pulseText } from "../../core/pulse/pulse-texts.js";
import { replyForError } from "../../core/use-cases/reply-for-error.js";
import type { SlackDeps } from "../deps.js";
import { escapeMrkdwn } from "../render/block-kit.js";

export const PULSE_ADMIN_CREATE = "pulse_admin_create";
export const PULSE_ADMIN_EDIT = "pulse_admin_edit";
const CALLBACK_IDS = /^pulse_admin_(?:create|edit)$/;
/** Slack: at most 100 options in a static select. */
const MAX_OPTIONS = 100;
const VALUE = "value";

/** Block ids of the form's fields; also what a refusal's `params.field` maps to. */
const BLOCKS = {
  template: "pulse_admin_template",
  name: "pulse_admin_name",
  audience: "pulse_admin_audience",
  cadence: "pulse_admin_cadence",
  weekday: "pulse_admin_weekday",
  time: "pulse_admin_time",
  openDays: "pulse_admin_open_days",
} as const;

const FIELD_BLOCKS: Readonly<Record<string, string>> = {
  name: BLOCKS.name,
  template: BLOCKS.template,
  definition: BLOCKS.template,
  audience: BLOCKS.audience,
  team: BLOCKS.audience,
  person: BLOCKS.audience,
  when: BLOCKS.cadence,
  timeZone: BLOCKS.cadence,
  openDays: BLOCKS.openDays,
  remindAfterDays: BLOCKS.openDays,
  maxReminders: BLOCKS.openDays,
};

const metadataSchema = z.object({ mode: z.enum(["new", "edit"]), surveyId: z.guid().nullable(), locale: z.enum(["en", "ms"]) });
type Metadata = z.infer<typeof metadataSchema>;

const plain = (text: string) => ({ type: "plain_text" as const, text: text.slice(0, 150), emoji: true });
const option = (text: string, value: string) => ({ text: plain(text.slice(0, 75)), value });

function select(blockId: string, label: string, options: Array<ReturnType<typeof option>>, initial: string | null, optional = false, hint?: string) {
  const kept = options.slice(0, MAX_OPTIONS);
  const initialOption = kept.find((entry) => entry.value === initial);
  return {
    type: "input",
    block_id: blockId,
    optional,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: { type: "static_select", action_id: VALUE, options: kept, ...(initialOption ? { initial_option: initialOption } : {}) },
  };
}

/** The modal for the form, in the admin's language (titles within Slack's 24 characters). */
export function buildPulseAdminModal(form: PulseAdminForm, locale: Locale): Record<string, unknown> {
  const t = (key: Parameters<typeof pulseText>[1], params?: unknown) => (pulseText as (l: Locale, k: string, p?: unknown) => string)(locale, key, params);
  const { values } = form;
  const templates = [
    ...(form.mode === "edit" ? [option(t("admin.modal.keepQuestions"), "keep")] : []),
    ...form.templates.map((template) => option(template.title, template.id)),
  ];
  const audiences = [
    ...(form.customAudience !== null ? [option(t("admin.modal.cadenceCustom", { when: form.customAudience }), "keep")] : []),
    option(t("admin.audience.everyone"), "everyone"),
    ...form.teams.map((team) => option(t("admin.modal.audienceTeam", { team: team.name }), `team:${team.id}`)),
    ...form.managers.map((manager) => option(t("admin.modal.audienceReports", { name: manager.name }), `reports:${manager.id}`)),
  ];
  const cadences = [
    ...(form.customWhen !== null ? [option(t("admin.modal.cadenceCustom", { when: form.customWhen }), "keep")] : []),
    option(t("admin.modal.cadenceWeekly"), "weekly"),
    option(t("admin.modal.cadenceFortnightly"), "fortnightly"),
    option(t("admin.modal.cadenceMonthly"), "monthly"),
    option(t("admin.modal.cadenceQuarterly"), "quarterly"),
  ];
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((day) => option(t("admin.modal.weekday", { day }), String(day)));
  const metadata: Metadata = { mode: form.mode, surveyId: form.surveyId, locale };
  return {
    type: "modal",
    callback_id: form.mode === "new" ? PULSE_ADMIN_CREATE : PULSE_ADMIN_EDIT,
    private_metadata: JSON.stringify(metadata),
    title: plain(t(form.mode === "new" ? "admin.modal.titleNew" : "admin.modal.titleEdit").slice(0, 24)),
    submit: plain(t("admin.modal.submit")),
    close: plain(t("admin.modal.cancel")),
    blocks: [
      select(BLOCKS.template, t("admin.modal.template"), templates, values.template),
      {
        type: "input",
        block_id: BLOCKS.name,
        label: plain(t("admin.modal.name")),
        element: { type: "plain_text_input", action_id: VALUE, max_length: MAX_SURVEY_NAME_LENGTH, ...(values.name ? { initial_value: values.name } : {}) },
      },
      select(BLOCKS.audience, t("admin.modal.audience"), audiences, values.audience),
      select(BLOCKS.cadence, t("admin.modal.cadence"), cadences, values.cadence),
      select(BLOCKS.weekday, t("admin.modal.weekdayLabel"), weekdays, String(values.weekday), true, t("admin.modal.weekdayHint")),
      {
        type: "input",
        block_id: BLOCKS.time,
        label: plain(t("admin.modal.time")),
        hint: plain(t("admin.modal.timeHint")),
        element: { type: "timepicker", action_id: VALUE, initial_time: values.time },
      },
      {
        type: "input",
        block_id: BLOCKS.openDays,
        label: plain(t("admin.modal.openDays")),
        hint: plain(t("admin.modal.openDaysHint", { min: MIN_OPEN_DAYS, max: MAX_OPEN_DAYS })),
        element: {
          type: "number_input",
          action_id: VALUE,
          is_decimal_allowed: false,
          min_value: String(MIN_OPEN_DAYS),
          max_value: String(MAX_OPEN_DAYS),
          initial_value: String(values.openDays),
        },
      },
    ],
  };
}

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const stateSchema = z.object({
  [BLOCKS.template]: z.object({ [VALUE]: selected }),
  [BLOCKS.name]: z.object({ [VALUE]: z.object({ value: z.string().nullish() }) }),
  [BLOCKS.audience]: z.object({ [VALUE]: selected }),
  [BLOCKS.cadence]: z.object({ [VALUE]: selected }),
  [BLOCKS.weekday]: z.object({ [VALUE]: selected }).optional(),
  [BLOCKS.time]: z.object({ [VALUE]: z.object({ selected_time: z.string().regex(/^\d{2}:\d{2}$/).nullish() }) }),
  [BLOCKS.openDays]: z.object({ [VALUE]: z.object({ value: z.string().nullish() }) }),
});

const submissionSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().min(1).optional() }),
  team: z.object({ id: z.string().min(1) }).nullish(),
  view: z.object({ private_metadata: z.string(), state: z.object({ values: stateSchema }) }),
});

const CADENCES = new Set(["weekly", "fortnightly", "monthly", "quarterly", "keep"]);

/** The submitted values, or the block to blame. Numbers are whole days; times "HH:MM". */
export function parsePulseAdminSubmission(values: z.infer<typeof stateSchema>): { ok: true; values: PulseFormValues } | { ok: false; block: string } {
  const pick = (block: keyof typeof BLOCKS) => {
    const entry = (values as Record<string, Record<string, { selected_option?: { value: string } | null }> | undefined>)[BLOCKS[block]];
    return entry?.[VALUE]?.selected_option?.value ?? null;
  };
  const template = pick("template");
  const audience = pick("audience");
  const cadence = pick("cadence");
  const weekday = Number(pick("weekday") ?? "1");
  const time = values[BLOCKS.time]![VALUE]!.selected_time ?? null;
  const openDaysText = values[BLOCKS.openDays]![VALUE]!.value ?? "";
  const openDays = /^\d{1,3}$/.test(openDaysText.trim()) ? Number(openDaysText) : Number.NaN;
  if (template === null) return { ok: false, block: BLOCKS.template };
  if (audience === null) return { ok: false, block: BLOCKS.audience };
  if (cadence === null || !CADENCES.has(cadence)) return { ok: false, block: BLOCKS.cadence };
  if (!(weekday >= 1 && weekday <= 7)) return { ok: false, block: BLOCKS.weekday };
  if (time === null) return { ok: false, block: BLOCKS.time };
  if (Number.isNaN(openDays)) return { ok: false, block: BLOCKS.openDays };
  return {
    ok: true,
    values: { template, name: values[BLOCKS.name]![VALUE]!.value ?? "", audience, cadence: cadence as PulseFormValues["cadence"], weekday, time, openDays },
  };
}

function savedView(locale: Locale, text: string, fields: Array<{ label: string; value: string }>): Record<string, unknown> {
  return {
    type: "modal",
    title: plain(pulseText(locale, "admin.modal.titleSaved").slice(0, 24)),
    close: plain(pulseText(locale, "admin.modal.close")),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(text) } },
      ...(fields.length === 0
        ? []
        : [{ type: "section", fields: fields.slice(0, 10).map((field) => ({ type: "mrkdwn", text: `*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`.slice(0, 2000) })) }]),
    ],
  };
}

export function registerPulseAdminView(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>({ type: "view_submission", callback_id: CALLBACK_IDS }, (args) => submit(deps, args));
}

async function submit(deps: SlackDeps, { ack, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> {
  const parsed = submissionSchema.safeParse(body);
  let metadata: Metadata | null = null;
  try {
    metadata = parsed.success ? metadataSchema.parse(JSON.parse(parsed.data.view.private_metadata)) : null;
  } catch {
    metadata = null;
  }
  const slackTeamId = parsed.success ? (parsed.data.user.team_id ?? parsed.data.team?.id) : undefined;
  if (!parsed.success || !metadata || !slackTeamId) {
    // The form is ours: an unreadable submission is a bug, not the admin's mistake.
    deps.logger.error({ issues: parsed.success ? "private_metadata" : parsed.error.issues.slice(0, 3) }, "pulse admin form submission unreadable");
    await ack();
    return;
  }
  const { locale } = metadata;
  const submitted = parsePulseAdminSubmission(parsed.data.view.state.values);
  if (!submitted.ok) {
    await ack({ response_action: "errors", errors: { [submitted.block]: pulseText(locale, "admin.modal.required") } });
    return;
  }
  try {
    const asker = await deps.identity.resolve(client, slackTeamId, parsed.data.user.id);
    const saved = await submitPulseAdminForm({
      store: deps.pulseSurveys,
      tenantId: asker.tenantId,
      employeeId: asker.employeeId,
      locale,
      now: deps.clock.now(),
      mode: metadata.mode,
      surveyId: metadata.surveyId,
      values: submitted.values,
    });
    const text =
      saved.changed === undefined
        ? pulseText(locale, "admin.created", { name: saved.survey.name })
        : saved.changed.length === 0
          ? pulseText(locale, "admin.unchanged", { name: saved.survey.name })
          : pulseText(locale, "admin.changed", { name: saved.survey.name, changed: saved.changed.map((field) => pulseText(locale, `admin.field.${field}`)) });
    await ack({ response_action: "update", view: savedView(locale, text, surveyFields(saved.survey, locale)) as never });
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_input") {
      const block = FIELD_BLOCKS[String(error.params.field ?? "")] ?? BLOCKS.name;
      await ack({ response_action: "errors", errors: { [block]: error.message.slice(0, 2000) } });
      return;
    }
    const reply = replyForError(error, locale);
    if (reply.unexpected) deps.logger.error({ err: error }, "pulse admin form failed");
    await ack({ response_action: "update", view: savedView(locale, reply.summary, []) as never });
  }
}
