import type { Prisma, PrismaClient } from "../generated/client.js";

/** Every tenant's id, oldest first (start-up and scheduler chores that visit each tenant). */
export async function allTenantIds(prisma: PrismaClient | Prisma.TransactionClient): Promise<string[]> {
  const rows = await prisma.tenant.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.id);
}
