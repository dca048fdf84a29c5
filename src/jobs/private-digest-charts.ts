// The chart of a `/forecast digest` someone asked for, to their DM. A slash command's answer
// (response_url) cannot carry an uploaded file, so the chart leaves the way the channel digest's
// does: one outbox row of kind `forecast_digest` — rendered by the same renderer, which uploads
// the PNG (files.getUploadURLExternal → upload → files.completeUploadExternal) and posts it as an
// image block — addressed to the asker's user id (the ChatPort opens the DM). The worker sends
// it within Slack's limits, retries it, and never sends it twice.
import type { DigestChartMessage } from "../core/use-cases/digest-on-request.js";
import type { Database } from "../db/database.js";
import { enqueueDeliveries, type JsonValue } from "../db/repositories/deliveries.js";

export interface PrivateDigestChartRequest {
  tenantId: string;
  employeeId: string;
  /** Where it goes: the asker's Slack user id. */
  slackUserId: string;
  chart: DigestChartMessage;
  /** The instant of the question (UTC), for the row's key (it is due at once, by the database's clock). */
  now: Date;
}

export interface PrivateDigestCharts {
  /** Queues the chart for the asker's DM; true when it is queued (or already was). */
  send(request: PrivateDigestChartRequest): Promise<boolean>;
}

export function createPrivateDigestCharts(db: Database): PrivateDigestCharts {
  return {
    async send({ tenantId, employeeId, slackUserId, chart, now }) {
      await enqueueDeliveries(db.prisma, [
        {
          tenantId,
          kind: "forecast_digest",
          // One per question: the same asker at the same instant is the same question.
          idempotencyKey: `forecast_digest:request:${employeeId}:${chart.teamId}:${now.toISOString()}`,
          recipient: slackUserId,
          payload: JSON.parse(JSON.stringify(chart)) as JsonValue,
        },
      ]);
      return true;
    },
  };
}
