// Sales-ops admins read and change the tenant's settings: for now the forecast digest's detail,
// for the organisation and per team (`/salesops settings …`, `npm run cli -- settings …`). Every
// value is checked by the one schema (src/core/tenant-settings.ts) before it is saved.
import { AppError } from "../errors.js";
import { adminText } from "../i18n/admin-texts.js";
import type { Locale } from "../i18n/locale.js";
import type { Reply } from "../reply.js";
import type { ScheduleStore, ScheduleTeam } from "../schedule-store.js";
import type { ScheduleCommand, SettingsCommand } from "../schedules/parse-schedule-command.js";
import { digestDetailFor, digestDetailOf, withDigestDetail, type DigestDetail, type TenantSettings } from "../tenant-settings.js";
import type { LeaderboardVisibility } from "../types.js";
import { byName, foldName, textReply } from "./reply-parts.js";

export interface TenantSettingsOptions {
  store: ScheduleStore;
  tenantId: string;
  /** Who is acting: must be an active admin of the tenant. */
  employeeId: string;
  locale: Locale;
  /** How the admin types commands, for hints: "/salesops" (default) or "npm run cli --". */
  command?: string;
}

export interface SetDigestDetailOptions extends TenantSettingsOptions {
  /** As typed: "full", "totals", or "inherit" (with a team: follow the organisation's again). */
  value: string;
  /** A team's name as typed; the organisation's setting when absent. */
  team?: string;
}

/** The digest settings as an admin sees them. */
export interface DigestSettingsOverview {
  /** The organisation's detail, and whether it is only the default (never set). */
  detail: DigestDetail;
  isDefault: boolean;
  /** Teams with a detail of their own, by name. */
  teams: Array<{ teamId: string; teamName: string; detail: DigestDetail }>;
  leaderboardVisibility: LeaderboardVisibility;
}

export interface DigestDetailChange {
  overview: DigestSettingsOverview;
  /** The team changed (null: the organisation), the detail now in force for it, and whether anything changed. */
  team: ScheduleTeam | null;
  detail: DigestDetail;
  inherited: boolean;
  changed: boolean;
}

async function requireAdmin(options: TenantSettingsOptions) {
  const actor = await options.store.employee(options.tenantId, options.employeeId);
  if (!actor || !actor.active || actor.role !== "admin") {
    throw new AppError("forbidden", adminText(options.locale, "error.settingsAdminsOnly"), { explained: 1 });
  }
  const tenant = await options.store.tenant(options.tenantId);
  if (!tenant) throw new AppError("not_in_organisation", "This organisation no longer exists.");
  return tenant;
}

function overviewOf(settings: TenantSettings, teams: readonly ScheduleTeam[], leaderboardVisibility: LeaderboardVisibility): DigestSettingsOverview {
  const organisation = digestDetailFor(settings, "");
  const own = Object.entries(settings.digestDetailByTeam ?? {}).flatMap(([teamId, detail]) => {
    const team = teams.find((candidate) => candidate.id === teamId);
    // A team deleted since keeps its entry (harmless) but is not shown.
    return team === undefined ? [] : [{ teamId, teamName: team.name, detail }];
  });
  return {
    detail: organisation.detail,
    isDefault: organisation.source === "default",
    teams: own.sort((a, b) => byName({ name: a.teamName }, { name: b.teamName })),
    leaderboardVisibility,
  };
}

/** The tenant's digest settings. */
export async function digestSettings(options: TenantSettingsOptions): Promise<DigestSettingsOverview> {
  const tenant = await requireAdmin(options);
  const [settings, teams] = await Promise.all([options.store.settings(options.tenantId), options.store.teams(options.tenantId)]);
  return overviewOf(settings, teams, tenant.leaderboardVisibility);
}

/**
 * Sets the digest detail of the organisation, or of one team (`inherit`: the team follows the
 * organisation's again). Refuses, naming the value, anything but full / totals / inherit, and
 * an unknown team. Applies from the next digest on; nothing is written when nothing changes.
 */
export async function setDigestDetail(options: SetDigestDetailOptions): Promise<DigestDetailChange> {
  const tenant = await requireAdmin(options);
  const { locale, store, tenantId } = options;
  const typed = options.value.trim();
  const inherit = /^inherit$/i.test(typed);
  const detail = inherit ? null : digestDetailOf(typed);
  if (!inherit && detail === null) throw new AppError("invalid_input", adminText(locale, "error.badDigestDetail", { value: typed }), { field: "digestDetail", value: typed });
  const teams = await store.teams(tenantId);
  let team: ScheduleTeam | null = null;
  if (options.team !== undefined) {
    const wanted = options.team;
    team = teams.find((candidate) => foldName(candidate.name) === foldName(wanted)) ?? null;
    if (team === null) {
      const names = [...teams].sort(byName).map((candidate) => candidate.name);
      throw new AppError("invalid_input", adminText(locale, "error.unknownTeam", { team: wanted, names }), { field: "team", value: wanted });
    }
  } else if (inherit) {
    throw new AppError("invalid_input", adminText(locale, "error.inheritNeedsTeam", { command: options.command ?? "/salesops" }), { field: "digestDetail", value: typed });
  }

  const current = await store.settings(tenantId);
  const before = team === null ? current.digestDetail : current.digestDetailByTeam?.[team.id];
  const wanted = detail ?? undefined;
  let saved = current;
  if (before !== wanted) saved = await store.updateSettings(tenantId, (latest) => withDigestDetail(latest, detail, team?.id));
  return {
    overview: overviewOf(saved, teams, tenant.leaderboardVisibility),
    team,
    detail: team === null ? digestDetailFor(saved, "").detail : digestDetailFor(saved, team.id).detail,
    inherited: inherit,
    changed: before !== wanted,
  };
}

// ---- Replies -------------------------------------------------------------------------------

export function settingsReply(overview: DigestSettingsOverview, locale: Locale): Reply {
  const heading = adminText(locale, "settings.heading");
  const teams =
    overview.teams.length === 0
      ? adminText(locale, "settings.noTeamDetails")
      : overview.teams.map((team) => adminText(locale, "settings.teamDetail", { team: team.teamName, detail: team.detail })).join("\n");
  return {
    summary: heading,
    blocks: [
      { kind: "heading", text: heading },
      {
        kind: "fields",
        fields: [
          { label: adminText(locale, "label.digestDetail"), value: adminText(locale, "settings.digestDetail", { detail: overview.detail, isDefault: overview.isDefault }) },
          { label: adminText(locale, "label.teamDigestDetails"), value: teams },
          { label: adminText(locale, "label.leaderboard"), value: adminText(locale, "settings.leaderboard", { visibility: overview.leaderboardVisibility }) },
        ],
      },
    ],
  };
}

export function isSettingsCommand(request: ScheduleCommand | SettingsCommand): request is SettingsCommand {
  return request.verb === "settingsHelp" || request.verb === "showSettings" || request.verb === "setDigestDetail";
}

export interface AnswerSettingsCommandOptions extends TenantSettingsOptions {
  request: SettingsCommand;
}

/** Runs one parsed settings command and says what happened. Refusals and bad input are thrown (AppError). */
export async function answerSettingsCommand(options: AnswerSettingsCommandOptions): Promise<Reply> {
  const { request, locale } = options;
  switch (request.verb) {
    case "settingsHelp":
      await requireAdmin(options);
      return textReply(adminText(locale, "settings.help", { command: options.command ?? "/salesops" }));
    case "showSettings":
      return settingsReply(await digestSettings(options), locale);
    case "setDigestDetail": {
      const result = await setDigestDetail({ ...options, value: request.value, ...(request.team === undefined ? {} : { team: request.team }) });
      const text = result.inherited
        ? adminText(locale, "settings.digestDetailInherited", { team: result.team!.name, detail: result.detail, unchanged: !result.changed })
        : adminText(locale, "settings.digestDetailSet", { detail: result.detail, team: result.team?.name ?? null, unchanged: !result.changed });
      const shown = settingsReply(result.overview, locale);
      return textReply(text, shown.blocks.slice(1));
    }
  }
}
