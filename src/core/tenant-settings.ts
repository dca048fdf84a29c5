// The tenant's `settings` JSON column (settings that have no column of their own): one zod
// schema, read and written only through it. Keys this version does not know are kept as they
// are (a newer replica may have written them), so a save never drops another setting.
import { z } from "zod";
import { AppError } from "./errors.js";

/**
 * How much a channel's forecast digest names: `full` — the deals that moved, deal by deal, the
 * deals at risk, the top deals and per-rep amounts (a managers' channel); `totals` — the team's
 * totals and counts only, no deal names and no per-rep amounts (a channel reps read).
 */
export const DIGEST_DETAILS = ["full", "totals"] as const;
export type DigestDetail = (typeof DIGEST_DETAILS)[number];
export const DEFAULT_DIGEST_DETAIL: DigestDetail = "full";

/** Comments of a pulse round need at least this many respondents, whatever the setting says. */
export const MIN_PULSE_COMMENT_THRESHOLD = 5;

const digestDetailSchema = z.enum(DIGEST_DETAILS, { error: () => `expected one of ${DIGEST_DETAILS.join(", ")}` });

export const tenantSettingsSchema = z.looseObject({
  /** Respondents a pulse round needs before its comments are shown (never below 5). */
  pulseCommentThreshold: z
    .number({ error: "expected a whole number" })
    .int("expected a whole number")
    .min(MIN_PULSE_COMMENT_THRESHOLD, `must be at least ${MIN_PULSE_COMMENT_THRESHOLD}`)
    .optional(),
  /** The organisation's digest detail; `full` when absent. */
  digestDetail: digestDetailSchema.optional(),
  /** Per team id, a detail that overrides the organisation's. */
  digestDetailByTeam: z.record(z.string().min(1, "expected a team id"), digestDetailSchema, { error: "expected an object of team id → detail" }).optional(),
});

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

/** "digestDetailByTeam.<id>: expected one of full, totals (got "brief")" for the first problem. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): { field: string; text: string } {
  const field = issue.path.map(String).join(".") || "settings";
  let got: unknown = raw;
  for (const key of issue.path) got = got !== null && typeof got === "object" ? (got as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  const shown = got === undefined ? "" : ` (got ${JSON.stringify(got)})`;
  return { field, text: `${field}: ${issue.message}${shown}` };
}

/**
 * Parses a tenant's stored settings (`{}` when null). Throws `invalid_input` naming the first bad
 * field — a setting is only ever written through this schema, so a bad one is a hand edit to fix.
 */
export function parseTenantSettings(raw: unknown): TenantSettings {
  const parsed = tenantSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const { field, text } = describeIssue(parsed.error.issues[0]!, raw ?? {});
  throw new AppError("invalid_input", `Tenant settings are invalid — ${text}.`, { field });
}

/** Where a team's digest detail comes from. */
export type DigestDetailSource = "team" | "organisation" | "default";

/** The detail of a team's channel digest: the team's own setting, else the organisation's, else `full`. */
export function digestDetailFor(settings: TenantSettings, teamId: string): { detail: DigestDetail; source: DigestDetailSource } {
  const own = settings.digestDetailByTeam?.[teamId];
  if (own !== undefined) return { detail: own, source: "team" };
  if (settings.digestDetail !== undefined) return { detail: settings.digestDetail, source: "organisation" };
  return { detail: DEFAULT_DIGEST_DETAIL, source: "default" };
}

/** A typed detail as given ("Totals ", "FULL"), or null when it is neither. */
export function digestDetailOf(typed: string): DigestDetail | null {
  const parsed = digestDetailSchema.safeParse(typed.trim().toLowerCase());
  return parsed.success ? parsed.data : null;
}

/**
 * The settings with a digest detail set for the organisation (no `teamId`) or for one team;
 * `detail` null removes the team's own setting (it follows the organisation's again). The result
 * is checked by the schema, so nothing invalid is ever saved.
 */
export function withDigestDetail(settings: TenantSettings, detail: DigestDetail | null, teamId?: string): TenantSettings {
  const next: Record<string, unknown> = { ...settings };
  if (teamId === undefined) {
    if (detail === null) delete next["digestDetail"];
    else next["digestDetail"] = detail;
  } else {
    const byTeam: Record<string, DigestDetail> = { ...(settings.digestDetailByTeam ?? {}) };
    if (detail === null) delete byTeam[teamId];
    else byTeam[teamId] = detail;
    if (Object.keys(byTeam).length === 0) delete next["digestDetailByTeam"];
    else next["digestDetailByTeam"] = byTeam;
  }
  return parseTenantSettings(next);
}
