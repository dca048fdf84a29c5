// CI must run the PostgreSQL tier, not skip it: with CI=true, a missing TEST_DATABASE_URL or a
// server that does not answer fails here, loudly, instead of quietly leaving PGlite alone.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { postgresUrl, runningInCi } from "../support/databases.js";

describe.runIf(runningInCi || postgresUrl !== undefined)("the PostgreSQL tier", () => {
  it("has a TEST_DATABASE_URL", () => {
    expect(postgresUrl, "CI=true needs TEST_DATABASE_URL (see .ci/run)").toBeDefined();
  });

  it("reaches the server", async () => {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      const result = await client.query<{ version: string }>("SELECT version()");
      expect(result.rows[0]!.version).toMatch(/^PostgreSQL/);
    } finally {
      await client.end();
    }
  });
});
