// What /readyz shows about the delivery outbox. Informational: a long queue or failures do not
// make a replica unready (another replica could not send them any faster).
import type { Database } from "../db/database.js";
import { deliveryStats } from "../db/repositories/deliveries.js";

export interface DeliveryHealth {
  deliveries:
    | {
        pending: number;
        due: number;
        sending: number;
        oldest_pending_age_ms: number | null;
        failed: number;
        failed_by_reason: Record<string, number>;
      }
    | { error: string };
}

/** The object to merge into /readyz `details`; never throws. */
export async function deliveryHealth(db: Database): Promise<DeliveryHealth> {
  try {
    const stats = await deliveryStats(db.prisma);
    return {
      deliveries: {
        pending: stats.pending,
        due: stats.due,
        sending: stats.sending,
        oldest_pending_age_ms: stats.oldestPendingAgeMs,
        failed: stats.failed,
        failed_by_reason: stats.failedByReason,
      },
    };
  } catch (error) {
    return { deliveries: { error: error instanceof Error ? error.message : String(error) } };
  }
}
