// `npm run cli -- deliveries [--failed]`: the delivery outbox as an operator sees it: queue depth,
// the oldest waiting row, failures by reason and, with --failed, the latest failed deliveries.
import { parseArgs } from "node:util";
import { deliveryStats, type DeliveryStats, type FailedDelivery, latestFailedDeliveries } from "../../db/repositories/deliveries.js";
import type { CliCommand } from "../cli.js";

const USAGE = "usage: npm run cli -- deliveries [--failed]";
const FAILED_LIMIT = 50;

/** A duration for people: "0 s", "4 min 5 s", "2 h 3 min", "1 d 4 h". */
export function formatAge(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  const [d, h, m, s] = [Math.floor(seconds / 86_400), Math.floor(seconds / 3_600) % 24, Math.floor(seconds / 60) % 60, seconds % 60];
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

function utc(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")}`.trimEnd());
}

/** The report as lines of text; `failed` adds the list of failed deliveries. */
export function formatDeliveryReport(stats: DeliveryStats, failed?: readonly FailedDelivery[]): string[] {
  const lines = [
    "Delivery queue",
    ...table([
      ["pending", `${stats.pending} (${stats.due} due now)`],
      ["sending", String(stats.sending)],
      ["oldest pending", stats.oldestPendingAgeMs === null ? "-" : formatAge(stats.oldestPendingAgeMs)],
      ...(stats.sentLastHour !== undefined ? [["sent last hour", String(stats.sentLastHour)]] : []),
      ["failed", String(stats.failed)],
    ]),
  ];
  const reasons = Object.entries(stats.failedByReason).sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b));
  lines.push("", "Failures by reason");
  lines.push(...(reasons.length === 0 ? ["  none"] : table(reasons.map(([reason, count]) => [reason, String(count)]))));
  if (failed) {
    lines.push("", `Latest failed deliveries (newest first, at most ${FAILED_LIMIT})`);
    if (failed.length === 0) lines.push("  none");
    else {
      lines.push(
        ...table([
          ["failed (UTC)", "kind", "recipient", "reason", "attempts", "error"],
          ...failed.map((row) => [utc(row.failedAt ?? row.createdAt), row.kind, row.recipient, row.reason, String(row.attempts), (row.lastError ?? "").slice(0, 80)]),
        ]),
      );
    }
  }
  return lines;
}

export const command: CliCommand = {
  summary: "delivery queue depth, oldest pending, failures by reason (--failed: the latest failed deliveries)",
  usage: USAGE,
  async run(args, context) {
    let failedFlag: boolean;
    try {
      const { values } = parseArgs({ args, options: { failed: { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false });
      if (values.help) {
        context.out(USAGE);
        return 0;
      }
      failedFlag = values.failed ?? false;
    } catch (error) {
      context.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
      return 2;
    }
    const db = await context.database();
    const stats = await deliveryStats(db.prisma, { includeSentLastHour: true });
    const failed = failedFlag ? await latestFailedDeliveries(db.prisma, FAILED_LIMIT) : undefined;
    for (const line of formatDeliveryReport(stats, failed)) context.out(line);
    return 0;
  },
};
