// The deployment's generated secrets live in the database, so replicas agree on them.
import { expect, it } from "vitest";
import { readOrCreateAppSecret } from "../../src/db/repositories/app-secrets.js";
import { describeEachBackend } from "../support/databases.js";

describeEachBackend("generated secrets", ({ db }) => {
  it("are created once by whoever asks first, and read by everyone after", async () => {
    const prisma = db().prisma;
    const [a, b, c] = await Promise.all([
      readOrCreateAppSecret(prisma, "shared"),
      readOrCreateAppSecret(prisma, "shared"),
      readOrCreateAppSecret(prisma, "shared"),
    ]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect([b, c]).toEqual([a, a]);
    expect(await readOrCreateAppSecret(prisma, "shared")).toBe(a);
    const other = await readOrCreateAppSecret(prisma, "other");
    expect(other).not.toBe(a);
    expect(await prisma.appSecret.count()).toBe(2);
  });
});
