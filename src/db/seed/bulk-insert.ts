// Multi-row inserts as one statement per batch: each column travels as one array parameter and
// `unnest` turns the arrays back into rows. Two round trips' worth of parsing for 5,000 rows,
// the same on PGlite and PostgreSQL, and far from the 65,535-parameter limit.
import type { SqlSession } from "../database.js";

export type SqlElementType = "uuid" | "text" | "date" | "timestamptz" | "bigint" | "int" | "smallint" | "boolean" | "numeric";

export interface ColumnSpec {
  name: string;
  type: SqlElementType;
  /** Cast applied in the SELECT, e.g. `"ForecastCategory"` or `smallint[]` for an array column sent as text. */
  castTo?: string;
}

export type ColumnValues = unknown[][];

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const statementCache = new Map<string, string>();

export function insertStatement(table: string, columns: readonly ColumnSpec[]): string {
  const key = `${table}|${columns.map((column) => `${column.name}:${column.type}:${column.castTo ?? ""}`).join(",")}`;
  let sql = statementCache.get(key);
  if (!sql) {
    const names = columns.map((column) => quoteIdent(column.name)).join(", ");
    const selects = columns
      .map((column, index) => (column.castTo ? `u.c${index}::${column.castTo}` : `u.c${index}`))
      .join(", ");
    const arrays = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(", ");
    const aliases = columns.map((_, index) => `c${index}`).join(", ");
    sql = `INSERT INTO ${quoteIdent(table)} (${names}) SELECT ${selects} FROM unnest(${arrays}) AS u(${aliases})`;
    statementCache.set(key, sql);
  }
  return sql;
}

/** Inserts `columnValues[i][row]` for every row; all column arrays must have the same length. */
export async function insertColumns(
  session: SqlSession,
  table: string,
  columns: readonly ColumnSpec[],
  columnValues: ColumnValues,
): Promise<number> {
  const rows = columnValues[0]?.length ?? 0;
  if (rows === 0) return 0;
  if (columnValues.length !== columns.length || columnValues.some((values) => values.length !== rows)) {
    throw new Error(`insert into ${table}: column arrays do not line up`);
  }
  await session.query(insertStatement(table, columns), columnValues);
  return rows;
}
