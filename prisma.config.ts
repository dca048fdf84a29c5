// Prisma CLI configuration. The app itself applies migrations (src/db/migrator.ts); the CLI is
// only used for `prisma generate` (see prisma/generate.mjs) and, where its schema engine can be
// downloaded, for `prisma migrate dev` to author new migrations.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
