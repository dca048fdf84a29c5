// A Prisma driver-adapter wrapper that records every statement Prisma sends (SQL text, driver
// arguments, time, rows) and which repository method sent it, so the bench can replay exactly
// the repository's SQL as "bare SQL" and see where Prisma's own time goes. Everything else is
// passed through to the real adapter untouched.
import { AsyncLocalStorage } from "node:async_hooks";

/** The repository method running in this async context (set by lib/profile.ts). */
export const repositoryMethod = new AsyncLocalStorage<string>();

export interface CapturedStatement {
  sql: string;
  /** As Prisma hands them to the driver adapter. */
  args: unknown[];
  argTypes: unknown[];
  method: string | undefined;
  start: number;
  ms: number;
  rows: number;
}

interface Query {
  sql: string;
  args: unknown[];
  argTypes: unknown[];
}

type Queryable = Record<string | symbol, unknown> & {
  queryRaw(query: Query): Promise<{ rows: unknown[] }>;
  executeRaw(query: Query): Promise<number>;
};

function recording<T extends object>(target: T, sink: CapturedStatement[]): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return async (query: Query) => {
          const method = repositoryMethod.getStore();
          const start = performance.now();
          const result = (await (value as (q: Query) => Promise<unknown>).call(object, query)) as { rows?: unknown[] } | number;
          sink.push({
            sql: query.sql,
            args: query.args,
            argTypes: query.argTypes,
            method,
            start,
            ms: performance.now() - start,
            rows: typeof result === "number" ? result : (result.rows?.length ?? 0),
          });
          return result;
        };
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => recording((await (value as (...a: unknown[]) => Promise<object>).apply(object, args)) as Queryable, sink);
      }
      return (value as (...a: unknown[]) => unknown).bind(object);
    },
  });
}

/** Wraps a driver-adapter factory (`new PrismaPg(pool)`, `new PrismaPGlite(client)`). */
export function recordingAdapterFactory<F extends object>(factory: F, sink: CapturedStatement[]): F {
  return new Proxy(factory, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== "function") return value;
      if (property === "connect" || property === "connectToShadowDb") {
        return async (...args: unknown[]) => recording((await (value as (...a: unknown[]) => Promise<object>).apply(object, args)) as object, sink);
      }
      return (value as (...a: unknown[]) => unknown).bind(object);
    },
  });
}

/**
 * The arguments as the driver gets them: Prisma hands date-times to the adapter as ISO strings
 * and the adapter formats them by column type (a DATE column gets YYYY-MM-DD). Mirrors what
 * @prisma/adapter-pg does for the types the repository uses.
 */
export function driverArgs(statement: Pick<CapturedStatement, "args" | "argTypes">): unknown[] {
  return statement.args.map((arg, index) => mapArg(arg, statement.argTypes[index] as { scalarType?: string; dbType?: string; arity?: string } | undefined));
}

function mapArg(arg: unknown, type: { scalarType?: string; dbType?: string; arity?: string } | undefined): unknown {
  if (arg === null || arg === undefined) return null;
  if (Array.isArray(arg) && type?.arity === "list") return arg.map((value) => mapArg(value, type));
  if (typeof arg === "string" && type?.scalarType === "datetime") {
    const date = new Date(arg);
    if (type.dbType === "DATE") return date.toISOString().slice(0, 10);
    return date.toISOString();
  }
  if (typeof arg === "string" && type?.scalarType === "bytes") return Buffer.from(arg, "base64");
  return arg;
}
