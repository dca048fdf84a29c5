// `npm run bench [-- NAME ...] [--quick] [--requests N] [--backend postgres|pglite]`
// Runs every test/bench/*.bench.ts (or the ones named), prints a table per bench and writes all
// results to test/bench/results/latest.json (and each bench's to results/<name>.json).
// Benchmarks are run by hand, never by `npm test`.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, hostname, loadavg, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { loadAverage } from "./lib/stats.js";
import { renderTable } from "./lib/table.js";
import type { BenchModule, BenchOptions, BenchResult } from "./lib/types.js";

const USAGE = "usage: npm run bench [-- NAME ...] [--quick] [--requests N] [--backend postgres|pglite]";
const here = path.dirname(fileURLToPath(import.meta.url));

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseCommandLine(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        quick: { type: "boolean", default: false },
        requests: { type: "string" },
        backend: { type: "string", multiple: true },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    let requests: number | undefined;
    if (values.requests !== undefined) {
      if (!/^\d+$/.test(values.requests) || Number(values.requests) < 1) fail(`--requests: expected a whole number above 0`);
      requests = Number(values.requests);
    }
    const backends = values.backend?.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
    for (const backend of backends ?? []) if (backend !== "postgres" && backend !== "pglite") fail(`--backend: expected postgres or pglite, got ${backend}`);
    return { names: positionals, quick: values.quick ?? false, requests, backends };
  } catch (error) {
    fail((error as Error).message);
  }
}

function isBenchModule(value: unknown): value is BenchModule {
  const candidate = value as Partial<BenchModule> | null;
  return typeof candidate?.name === "string" && typeof candidate.run === "function";
}

interface Found {
  file: string;
  bench?: BenchModule;
  /** Why the module could not be used (it did not import, or exports no bench). */
  error?: string;
}

/**
 * The bench modules: all of them, or the ones named (by file name, else by exported name). A
 * module that fails to import is reported as a failed bench rather than stopping the others.
 */
async function discover(names: readonly string[]): Promise<Found[]> {
  const files = readdirSync(here)
    .filter((file) => file.endsWith(".bench.ts"))
    .sort();
  const byFile = names.length > 0 && names.every((name) => files.includes(`${name}.bench.ts`));
  const wanted = byFile ? files.filter((file) => names.includes(file.slice(0, -".bench.ts".length))) : files;
  const found: Found[] = [];
  for (const file of wanted) {
    try {
      const loaded: unknown = await import(pathToFileURL(path.join(here, file)).href);
      if (isBenchModule(loaded)) found.push({ file, bench: loaded });
      else found.push({ file, error: `${file} does not export \`name\` and \`run(options)\`` });
    } catch (error) {
      found.push({ file, error: `${file} did not import: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return found;
}

const nameOf = (found: Found) => found.bench?.name ?? found.file.slice(0, -".bench.ts".length);
const matches = (found: Found, name: string) => found.bench?.name === name || found.file === `${name}.bench.ts`;

function print(result: BenchResult): void {
  const out: string[] = ["", `=== ${result.name} ===`];
  for (const table of result.tables) out.push("", renderTable(table));
  if (result.notes.length > 0) out.push("", ...result.notes);
  process.stdout.write(`${out.join("\n")}\n`);
}

async function main(): Promise<void> {
  const { names, quick, requests, backends } = parseCommandLine(process.argv.slice(2));
  const all = await discover(names);
  const unknown = names.filter((name) => !all.some((found) => matches(found, name)));
  if (unknown.length > 0) fail(`no such bench: ${unknown.join(", ")} (have: ${all.map(nameOf).join(", ")})`);
  const selected = names.length === 0 ? all : all.filter((found) => names.some((name) => matches(found, name)));

  const startedAt = new Date();
  const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  log(`machine: ${cpus().length} cores, load ${loadAverage()}; ${quick ? "quick" : "full"} run of ${selected.map(nameOf).join(", ")}`);
  const results: Array<BenchResult | { name: string; error: string }> = [];
  let failed = false;
  for (const found of selected) {
    const name = nameOf(found);
    if (!found.bench) {
      failed = true;
      log(`${name}: ${found.error}`);
      results.push({ name, error: found.error ?? "unusable module" });
      continue;
    }
    const options: BenchOptions = { quick, requests, backends, log: (message) => log(`${name}: ${message}`) };
    try {
      const result = await found.bench.run(options);
      results.push(result);
      print(result);
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${name} failed: ${message}`);
      results.push({ name, error: message });
    }
  }

  const resultsDir = path.join(here, "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, "latest.json");
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    argv: process.argv.slice(2),
    quick,
    machine: {
      hostname: hostname(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      totalMemoryMb: Math.round(totalmem() / 2 ** 20),
      node: process.version,
      loadAverageAtEnd: loadavg(),
    },
    results,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  // Also one file per bench, so that runs of different benches do not overwrite each other's figures.
  for (const result of results) {
    const single = { ...report, results: [result] };
    writeFileSync(path.join(resultsDir, `${result.name.replace(/[^a-z0-9_-]+/gi, "_")}.json`), `${JSON.stringify(single, null, 2)}\n`);
  }
  log(`results written to ${path.relative(process.cwd(), file)} (and results/<bench>.json)`);
  process.exitCode = failed ? 1 : 0;
}

await main();
