/**
 * A period as a person names it ("Q3", "next quarter", "H1 FY2027"), before it is resolved
 * against a tenant's fiscal calendar and the asker's local date. The question grammar
 * produces these; `src/core/periods.ts` resolves them to calendar dates.
 *
 * Fiscal years are named by the calendar year they end in (FY2027 with an April start runs
 * 2026-04-01 .. 2027-03-31). `fiscalYear` absent means "the one containing today", except
 * for a quarter/half already past this year, which still means this fiscal year.
 */
export type PeriodSpec =
  | { kind: "relative"; unit: "month" | "quarter" | "half" | "year"; offset: number }
  | { kind: "quarter"; quarter: 1 | 2 | 3 | 4; fiscalYear?: number }
  | { kind: "half"; half: 1 | 2; fiscalYear?: number }
  | { kind: "year"; fiscalYear: number }
  | { kind: "month"; month: number; calendarYear?: number };

/** A resolved period: calendar dates, both inclusive, as ISO `YYYY-MM-DD` strings. */
export interface Period {
  start: string;
  end: string;
  /** Human label, e.g. "Q3 FY2027", "H1 FY2027", "FY2027", "Mar 2027". */
  label: string;
  kind: "month" | "quarter" | "half" | "year";
  fiscalYear: number;
}
