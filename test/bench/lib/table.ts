// Plain-text tables for the terminal: text columns left-aligned, numeric columns right-aligned.
import type { BenchTable } from "./types.js";

function cellText(cell: string | number | null): string {
  if (cell === null) return "–";
  return typeof cell === "number" ? String(cell) : cell;
}

function looksNumeric(text: string): boolean {
  return /^[-+]?[\d.,]+\s*(ms|%|×|x)?$/.test(text) || text === "–";
}

export function renderTable(table: BenchTable): string {
  const header = table.columns;
  const body = table.rows.map((row) => header.map((_, index) => cellText(row[index] ?? null)));
  const widths = header.map((title, index) => Math.max(title.length, ...body.map((row) => row[index]!.length)));
  const numeric = header.map((_, index) => body.length > 0 && body.every((row) => looksNumeric(row[index]!)));
  const line = (cells: string[]) =>
    cells.map((cell, index) => (numeric[index] ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!))).join("  ").trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const out = [table.title, line(header), rule, ...body.map(line)];
  for (const note of table.notes ?? []) out.push(`  ${note}`);
  return out.join("\n");
}
