// The contract between the bench runner (test/bench/run.ts) and each `*.bench.ts` module.

export interface BenchOptions {
  /** Small tenant and few requests: a fast check that the harness works. */
  quick: boolean;
  /** Requests per measured series; undefined means the bench's own default. */
  requests: number | undefined;
  /** Only these backends ("postgres", "pglite"); undefined means all the bench supports. */
  backends: string[] | undefined;
  /** Progress lines go here (stderr), never into the result tables. */
  log(message: string): void;
}

export interface BenchTable {
  title: string;
  columns: string[];
  /** One cell per column; numbers are printed as they are. */
  rows: Array<Array<string | number | null>>;
  /** Lines printed under the table. */
  notes?: string[];
}

export interface BenchResult {
  name: string;
  tables: BenchTable[];
  /** Free-form lines printed after the tables. */
  notes: string[];
  /** Everything measured, machine-readable, for latest.json. */
  data: unknown;
}

export interface BenchModule {
  name: string;
  description?: string;
  run(options: BenchOptions): Promise<BenchResult>;
}
