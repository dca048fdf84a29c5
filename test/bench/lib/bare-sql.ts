// The SQL an answer needs, run directly (pg client or PGlite `query`) without Prisma, the use
// case or Slack: the floor the end-to-end time is compared with.
//
// Which statements: exactly those one warm request of the use case sent, as captured at the
// driver adapter (lib/recording-adapter.ts) — the repository's own SQL text with the arguments
// it bound (the member id list, the quarter, …). Capturing rather than copying keeps the bare
// SQL in step with src/db/repositories/sales-data.ts while that file changes.
import { type CapturedStatement, driverArgs } from "./recording-adapter.js";

export interface SqlRunner {
  query(sql: string, params: readonly unknown[]): Promise<unknown[]>;
}

export interface Statement {
  label: string;
  sql: string;
  params: readonly unknown[];
}

/** "quotas: quota, 2257 ids" — the repository method, the table read and the size of any id list. */
export function describeStatement(statement: Pick<CapturedStatement, "sql" | "args" | "method">): string {
  const table = /\bFROM\s+(?:"public"\.)?"?([a-z_]+)"?/i.exec(statement.sql)?.[1] ?? "?";
  const lists = statement.args.filter((arg): arg is unknown[] => Array.isArray(arg)).map((list) => `${list.length} ids`);
  const inList = /IN \((\$\d+(?:,\$\d+)*)\)/.exec(statement.sql);
  if (inList) lists.push(`${inList[1]!.split(",").length} in IN (…)`);
  const recursive = /WITH RECURSIVE/i.test(statement.sql) ? " (recursive)" : "";
  return `${statement.method ?? "?"}: ${table}${recursive}${lists.length > 0 ? `, ${lists.join(", ")}` : ""}`;
}

export function replayable(statement: CapturedStatement): Statement {
  return { label: describeStatement(statement), sql: statement.sql, params: driverArgs(statement) };
}

export interface StatementTimings {
  /** Per statement (by position), milliseconds per repetition. */
  byStatement: number[][];
  /** The whole set, run one after the other, per repetition. */
  total: number[];
  /** Rows returned per statement (last repetition). */
  rows: number[];
}

/** Runs the statements in order, `repetitions` times (after one untimed run). */
export async function timeStatements(runner: SqlRunner, statements: readonly Statement[], repetitions: number): Promise<StatementTimings> {
  const byStatement = statements.map(() => [] as number[]);
  const rows = statements.map(() => 0);
  const total: number[] = [];
  for (let repetition = -1; repetition < repetitions; repetition++) {
    let sum = 0;
    for (const [index, statement] of statements.entries()) {
      const started = performance.now();
      const result = await runner.query(statement.sql, statement.params);
      const elapsed = performance.now() - started;
      rows[index] = result.length;
      if (repetition >= 0) byStatement[index]!.push(elapsed);
      sum += elapsed;
    }
    if (repetition >= 0) total.push(sum);
  }
  return { byStatement, total, rows };
}
