// `npm run prisma:generate` (also run after `npm install`): generates the Prisma client into
// src/db/generated without network access.
//
// The Prisma CLI wants a native schema engine binary, which it downloads on first use; machines
// that cannot reach Prisma's binary host (CI included) cannot get it. `prisma generate` does not
// run that engine, only checks that the file exists, so we point PRISMA_SCHEMA_ENGINE_BINARY at
// an existing file when no real engine is configured. Commands that do run the engine
// (`prisma migrate dev/diff`, `db push`, `db pull`) cannot work that way: use the project's own
// `npm run db:migrate` and `npm run db:new-migration` instead (see README).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");

const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const configured = env.PRISMA_SCHEMA_ENGINE_BINARY;
if (!configured || !existsSync(configured)) {
  // Any existing file satisfies generate's existence check; it is never executed.
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
if (result.status !== 0) {
  console.error("prisma generate failed; see the message above.");
  process.exit(result.status ?? 1);
}
