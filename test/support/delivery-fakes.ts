// Small factories for delivery tests: a tenant to own the rows, announcement rows for a list of
// recipients, a stand-in workspace with N people, and the stand-in's messages by delivery id.
import type { Database } from "../../src/db/database.js";
import type { NewDelivery } from "../../src/db/repositories/deliveries.js";
import { createLogger } from "../../src/logger.js";
import { DELIVERY_EVENT_TYPE } from "../../src/slack/chat-port.js";
import type { StandInMessage, StandInWorkspace } from "../../src/slack-stand-in/index.js";

export const silentLogger = createLogger("silent");

/** A tenant for the rows to belong to; returns its id. */
export async function createDeliveryTenant(db: Database, name: string): Promise<string> {
  const tenant = await db.prisma.tenant.create({ data: { name, currency: "MYR", timeZone: "Asia/Kuala_Lumpur" }, select: { id: true } });
  return tenant.id;
}

/** One announcement per recipient, keyed `<occurrence>:<recipient>`. */
export function announcements(tenantId: string, occurrence: string, recipients: readonly string[], extra: Partial<NewDelivery> = {}): NewDelivery[] {
  return recipients.map((recipient) => ({
    tenantId,
    kind: "announcement",
    idempotencyKey: `${occurrence}:${recipient}`,
    recipient,
    payload: { text: `${occurrence} for ${recipient}` },
    ...extra,
  }));
}

/** Adds `count` people to the workspace; returns their Slack user ids. */
export function addPeople(workspace: StandInWorkspace, count: number, prefix = "rep"): string[] {
  return Array.from({ length: count }, (_, index) => workspace.addUser({ name: `${prefix}${index + 1}` }).id);
}

/** The app's messages in `channel` stamped with a delivery id, by id (several if sent twice). */
export function deliveredMessages(messages: readonly StandInMessage[]): Map<string, StandInMessage[]> {
  const byId = new Map<string, StandInMessage[]>();
  for (const message of messages) {
    if (message.metadata?.event_type !== DELIVERY_EVENT_TYPE) continue;
    const id = String(message.metadata.event_payload["delivery_id"]);
    byId.set(id, [...(byId.get(id) ?? []), message]);
  }
  return byId;
}

/** Per recipient (user id → their DM), the delivery ids of the messages they received. */
export function deliveryIdsByRecipient(workspace: StandInWorkspace, userIds: readonly string[]): Map<string, string[]> {
  return new Map(userIds.map((userId) => [userId, [...deliveredMessages(workspace.dmMessagesFor(userId)).entries()].flatMap(([id, list]) => list.map(() => id))]));
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A stand-in message ts ("1741000000.000123") as milliseconds since the epoch. */
export function tsMillis(ts: string): number {
  return Number(ts) * 1000;
}
