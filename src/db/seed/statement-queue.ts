// Runs the bulk statements of one session strictly in order while the caller generates the
// next batch, and keeps the time each table's statements actually spent in the database.
import type { SqlSession } from "../database.js";

export interface TableTiming {
  rows: number;
  /** Milliseconds from sending the table's statements to their results (queueing excluded). */
  ms: number;
}

export class StatementQueue {
  #tail: Promise<void> = Promise.resolve();
  #failure: unknown;
  readonly #session: SqlSession;
  readonly timings: Record<string, TableTiming> = {};

  constructor(session: SqlSession) {
    this.#session = session;
  }

  /** Queues a statement; `rows` are credited to `table` once it has run. */
  submit(table: string, rows: number, sql: string, params: unknown[]): void {
    this.#tail = this.#tail.then(async () => {
      if (this.#failure !== undefined) return;
      const started = performance.now();
      try {
        await this.#session.query(sql, params);
      } catch (error) {
        this.#failure = error;
        return;
      }
      const timing = (this.timings[table] ??= { rows: 0, ms: 0 });
      timing.rows += rows;
      timing.ms += performance.now() - started;
    });
  }

  /** Waits for everything queued; rethrows the first failure. */
  async drain(): Promise<void> {
    await this.#tail;
    if (this.#failure !== undefined) throw this.#failure;
  }
}
