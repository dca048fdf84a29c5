// Column lists of the tables the seeds write (names as in prisma/schema.prisma's @map), and the
// row shapes shared by the demo and the large tenant.
import { isoDate, isoInstant, zonedInstant } from "./calendar.js";
import { STANDARD_STAGES, STANDARD_TIERS } from "./catalog.js";
import { type DealHistory, dealStateAt, isOpenStage } from "./deal-history.js";
import type { ColumnSpec } from "./bulk-insert.js";
import { uuidFromKey } from "./ids.js";

const col = (name: string, type: ColumnSpec["type"], castTo?: string): ColumnSpec =>
  castTo ? { name, type, castTo } : { name, type };

export const TENANT_COLUMNS = [
  col("id", "uuid"), col("name", "text"), col("currency", "text"), col("fiscal_year_start_month", "smallint"),
  col("time_zone", "text"), col("locale", "text"), col("anonymity_threshold", "smallint"),
  col("leaderboard_visibility", "text", '"LeaderboardVisibility"'), col("settings", "text", "jsonb"),
  col("slack_team_id", "text"), col("is_demo", "boolean"), col("created_at", "timestamptz"), col("updated_at", "timestamptz"),
];

export const STAGE_COLUMNS = [
  col("id", "uuid"), col("tenant_id", "uuid"), col("pipeline", "text"), col("name", "text"),
  col("default_probability", "smallint"), col("forecast_category", "text", '"ForecastCategory"'),
  col("is_closed", "boolean"), col("is_won", "boolean"), col("sort_order", "smallint"),
];

export const PLAN_COLUMNS = [
  col("id", "uuid"), col("tenant_id", "uuid"), col("name", "text"), col("currency", "text"),
  col("payout_cap_minor", "bigint"), col("created_at", "timestamptz"),
];

export const TIER_COLUMNS = [
  col("id", "uuid"), col("tenant_id", "uuid"), col("plan_id", "uuid"), col("sort_order", "smallint"),
  col("from_attainment", "numeric"), col("to_attainment", "numeric"), col("rate", "numeric"),
  col("mode", "text", '"TierMode"'), col("cap_minor", "bigint"),
];

/** Teams go in without their manager (employees point at teams and teams at employees). */
export const TEAM_COLUMNS = [
  col("id", "uuid"), col("tenant_id", "uuid"), col("name", "text"), col("slack_channel_id", "text"),
  col("time_zone", "text"), col("created_at", "timestamptz"),
];

export const SET_TEAM_MANAGERS_SQL = `UPDATE "team" SET "manager_id" = u.manager_id
  FROM unnest($1::uuid[], $2::uuid[]) AS u(id, manager_id) WHERE "team"."id" = u.id`;

export const EMPLOYEE_COLUMNS = [
  col("id", "uuid"), col("tenant_id", "uuid"), col("email", "text"), col("name", "text"), col("title", "text"),
  col("role", "text", '"EmployeeRole"'), col("manager_id", "uuid"), col("team_id", "uuid"), col("time_zone", "text"),
  col("locale", "text"), col("start_date", "date"), col("active", "boolean"), col("workday_start_minute", "smallint"),
  col("workday_end_minute", "smallint"), col("working_days", "text", "smallint[]"), col("slack_user_id", "text"),
  col("created_at", "timestamptz"), col("updated_at", "timestamptz"),
];

export const QUOTA_COLUMNS = [
  col("id", "uuid"), col("tenant_id", "uuid"), col("employee_id", "uuid"), col("period_start", "date"),
  col("period_end", "date"), col("amount_minor", "bigint"), col("currency", "text"), col("ramp_percent", "smallint"),
];

export const PLAN_ASSIGNMENT_COLUMNS = [
  col("id", "uuid"), col("tenant_id", "uuid"), col("plan_id", "uuid"), col("employee_id", "uuid"),
  col("period_start", "date"), col("period_end", "date"),
];

export const OPPORTUNITY_COLUMNS = [
  col("id", "uuid"), col("tenant_id", "uuid"), col("source", "text", '"OpportunitySource"'), col("external_id", "text"),
  col("name", "text"), col("account_name", "text"), col("owner_id", "uuid"), col("amount_minor", "bigint"),
  col("currency", "text"), col("stage_id", "uuid"), col("probability", "smallint"),
  col("forecast_category", "text", '"ForecastCategory"'), col("close_date", "date"), col("created_date", "date"),
  col("is_closed", "boolean"), col("is_won", "boolean"), col("last_activity_at", "timestamptz"),
  col("stage_entered_at", "timestamptz"), col("product_line", "text"), col("updated_at", "timestamptz"),
];

export const SNAPSHOT_COLUMNS = [
  col("tenant_id", "uuid"), col("snapshot_date", "date"), col("opportunity_id", "uuid"), col("owner_id", "uuid"),
  col("stage_id", "uuid"), col("amount_minor", "bigint"), col("probability", "smallint"),
  col("forecast_category", "text", '"ForecastCategory"'), col("close_date", "date"), col("is_closed", "boolean"),
  col("is_won", "boolean"),
];

export const FORECAST_CALL_COLUMNS = [
  col("id", "uuid"), col("tenant_id", "uuid"), col("employee_id", "uuid"), col("period_start", "date"),
  col("period_end", "date"), col("commit_minor", "bigint"), col("best_case_minor", "bigint"), col("currency", "text"),
  col("submitted_at", "timestamptz"),
];

export function stageIdsFor(tenantId: string): string[] {
  return STANDARD_STAGES.map((stage) => uuidFromKey(`${tenantId}:stage:${stage.name}`));
}

export function stageRows(tenantId: string): unknown[][] {
  const ids = stageIdsFor(tenantId);
  return STANDARD_STAGES.map((stage, index) => [
    ids[index], tenantId, "default", stage.name, stage.probability, stage.category, stage.isClosed, stage.isWon, index + 1,
  ]);
}

export function tierRows(tenantId: string, planId: string): unknown[][] {
  return STANDARD_TIERS.map((tier, index) => [
    uuidFromKey(`${planId}:tier:${index}`), tenantId, planId, index + 1, tier.from.toFixed(4),
    tier.to === null ? null : tier.to.toFixed(4), tier.rate.toFixed(5), "marginal", null,
  ]);
}

export interface DealContext {
  tenantId: string;
  currency: string;
  stageIds: readonly string[];
}

export interface DealLabels {
  id: string;
  externalId: string;
  name: string;
  accountName: string;
  productLine: string;
  ownerId: string;
  ownerTimeZone: string;
}

/** The opportunity row as of `today` (an epoch day), in OPPORTUNITY_COLUMNS order. */
export function opportunityRow(context: DealContext, labels: DealLabels, history: DealHistory, today: number): unknown[] {
  const state = dealStateAt(history, today);
  if (!state) throw new Error(`deal ${labels.externalId} is created after the seeding day`);
  const stage = STANDARD_STAGES[state.stage]!;
  const zone = labels.ownerTimeZone;
  return [
    labels.id, context.tenantId, "demo", labels.externalId, labels.name, labels.accountName, labels.ownerId,
    state.amountMinor, context.currency, context.stageIds[state.stage], stage.probability, stage.category,
    isoDate(state.closeDay), isoDate(history.createdDay), stage.isClosed, stage.isWon,
    isoInstant(zonedInstant(history.lastActivityDay, history.lastActivityMinute, zone)),
    isoInstant(zonedInstant(state.stageEnteredDay, state.stageEnteredMinute, zone)),
    labels.productLine,
    isoInstant(zonedInstant(state.changedDay, state.changedMinute, zone)),
  ];
}

export interface SnapshotDay {
  day: number;
  iso: string;
  /** The fiscal quarter containing the snapshot date, inclusive epoch days. */
  quarterStart: number;
  quarterEnd: number;
}

/**
 * Pipeline snapshot rows of one deal: a deal is in a snapshot while it is open, and after it
 * closes for the rest of the quarter its close date falls in (so quarter-to-date wins show).
 */
export function pushSnapshotRows(
  context: DealContext,
  labels: Pick<DealLabels, "id" | "ownerId">,
  history: DealHistory,
  days: readonly SnapshotDay[],
  push: (row: unknown[]) => void,
): number {
  let written = 0;
  for (const snapshot of days) {
    const state = dealStateAt(history, snapshot.day);
    if (!state) continue;
    if (!isOpenStage(state.stage) && (state.closeDay < snapshot.quarterStart || state.closeDay > snapshot.quarterEnd)) continue;
    const stage = STANDARD_STAGES[state.stage]!;
    push([
      context.tenantId, snapshot.iso, labels.id, labels.ownerId, context.stageIds[state.stage], state.amountMinor,
      stage.probability, stage.category, isoDate(state.closeDay), stage.isClosed, stage.isWon,
    ]);
    written++;
  }
  return written;
}

export function workingDaysLiteral(days: readonly number[]): string {
  return `{${days.join(",")}}`;
}
