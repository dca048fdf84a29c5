// prisma/migrations must build exactly prisma/schema.prisma: the app deploys the migrations, the
// client is generated from the schema, and a gap between them only shows up in production.
// The wasm schema engine replays the migrations into an in-memory shadow PGlite and diffs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR } from "../../src/db/migrator.js";
import { openSchemaEngine, type SchemaEngineSession } from "../../src/db/schema-engine.js";

const schemaText = readFileSync(fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url)), "utf8");

/** The schema with one more optional column on its first model. */
function withExtraColumn(schema: string, column: string): string {
  const firstModel = /^model \w+ \{\n/m.exec(schema);
  if (!firstModel) throw new Error("prisma/schema.prisma has no model");
  const at = firstModel.index + firstModel[0].length;
  return `${schema.slice(0, at)}  driftProbe String? @map("${column}")\n${schema.slice(at)}`;
}

describe("schema drift", () => {
  let engine: SchemaEngineSession | undefined;
  const session = (): SchemaEngineSession => {
    if (!engine) throw new Error("schema engine not started");
    return engine;
  };

  beforeAll(async () => {
    engine = await openSchemaEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  // If the same SQL comes back after its migration, Postgres stores that default in a form Prisma
  // cannot read back (smallint arrays, prisma/orm#24086): declare it as dbgenerated("<stored form>").
  it("prisma/migrations builds exactly prisma/schema.prisma", async () => {
    const missing = await session().diffMigrationsToSchema(DEFAULT_MIGRATIONS_DIR, schemaText);
    if (missing !== "") {
      expect.fail(
        "prisma/schema.prisma has changes that no migration in prisma/migrations makes. " +
          "Run `npm run db:new-migration -- <snake_case_name>`, review and commit the result. " +
          `The missing SQL:\n\n${missing}`,
      );
    }
  });

  it("reports a column that the migrations do not create", async () => {
    const sql = await session().diffMigrationsToSchema(DEFAULT_MIGRATIONS_DIR, withExtraColumn(schemaText, "drift_probe"));
    expect(sql).toMatch(/ADD COLUMN\s+"drift_probe" TEXT/);
  });
});
