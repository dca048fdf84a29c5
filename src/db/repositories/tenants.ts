import { parseTenantSettings, type TenantSettings } from "../../core/tenant-settings.js";
import type { Prisma, PrismaClient } from "../generated/client.js";

type Client = PrismaClient | Prisma.TransactionClient;

/** Every tenant's id, oldest first (start-up and scheduler chores that visit each tenant). */
export async function allTenantIds(prisma: Client): Promise<string[]> {
  const rows = await prisma.tenant.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.id);
}

/** A tenant's `settings`, parsed by the one schema (src/core/tenant-settings.ts); null for no such tenant. */
export async function tenantSettingsOf(prisma: Client, tenantId: string): Promise<TenantSettings | null> {
  const row = await prisma.tenant.findUnique({ where: { id: tenantId }, select: { settings: true } });
  return row ? parseTenantSettings(row.settings) : null;
}

/**
 * Changes a tenant's settings: the row is locked, its settings read and parsed, `change` applied
 * and the result (parsed again by `change`'s own helpers) written, all in one transaction, so
 * two admins saving different settings at once both keep theirs. Null for no such tenant.
 */
export async function updateTenantSettings(
  prisma: Client,
  tenantId: string,
  change: (current: TenantSettings) => TenantSettings,
): Promise<TenantSettings | null> {
  // Inside a caller's transaction already, or a transaction of its own.
  const inTransaction = <T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> =>
    "$transaction" in prisma ? prisma.$transaction(work) : work(prisma);
  return inTransaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ settings: unknown }>>`SELECT settings FROM tenant WHERE id = ${tenantId}::uuid FOR UPDATE`;
    if (row === undefined) return null;
    const next = parseTenantSettings(change(parseTenantSettings(row.settings)));
    await tx.tenant.update({ where: { id: tenantId }, data: { settings: next as Prisma.InputJsonValue } });
    return next;
  });
}
