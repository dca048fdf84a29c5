// Secrets the deployment generates once and keeps in the database, so that every replica (and
// every restart) signs and checks with the same key.
import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/client.js";

type Client = PrismaClient | Prisma.TransactionClient;

/** The secret called `name`, created (64 hex characters) by whichever process asks first. */
export async function readOrCreateAppSecret(prisma: Client, name: string): Promise<string> {
  const fresh = randomBytes(32).toString("hex");
  // Two replicas asking at once: one insert wins, both read the winner's value.
  await prisma.$executeRaw`INSERT INTO app_secret (name, value) VALUES (${name}, ${fresh}) ON CONFLICT (name) DO NOTHING`;
  const row = await prisma.appSecret.findUniqueOrThrow({ where: { name }, select: { value: true } });
  return row.value;
}
