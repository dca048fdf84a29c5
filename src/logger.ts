// Structured JSON logs (pino) on stdout. One root logger per process; modules take children.
//
// Logs never hold tokens, secrets, survey answers or comments, at any level (issue 10, defect 4):
// fields that carry them — credentials, request headers and bodies, chat payloads and message
// contents — are redacted wherever they appear (top level or one or two levels down), and Bolt's
// own debug lines lose their bodies (src/slack/bolt-logger.ts). Log what happened and to which
// ids, never what someone wrote.
import pino from "pino";

export type Logger = pino.Logger;

/** Field names whose values never reach a log line. */
const SECRET_FIELDS = [
  "token",
  "tokens",
  "botToken",
  "appToken",
  "secret",
  "signingSecret",
  "password",
  "authorization",
  "cookie",
  "headers",
  "body",
  "rawBody",
  "payload",
  "private_metadata",
  "view",
  "blocks",
  "text",
  "value",
  "values",
  "answer",
  "answers",
  "comment",
  "comments",
  "state",
] as const;

/**
 * pino redact paths: each field at the top level and up to two levels down. `message` is not
 * among them: pino redacts after serializing, so it would hide every `err.message` (an error's
 * own text, which ours never build from answers or tokens); no log call puts a chat message
 * under that name.
 */
export const REDACTED_PATHS: readonly string[] = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/** Properties of an error worth logging; everything else it carries (requests, responses, configs with their headers) is not. */
const ERROR_FIELDS = ["type", "message", "stack", "code", "errno", "syscall", "statusCode", "status", "reason"] as const;

/**
 * pino's `err` serializer, keeping only the fields above (and a Slack API error's code, a Prisma
 * error's target): HTTP clients' and Bolt's errors carry the whole request — its Authorization
 * and Cookie headers included — as enumerable properties (issue 10, defect 7).
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (typeof error !== "object" || error === null) return error;
  const standard = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  const safe: Record<string, unknown> = {};
  for (const field of ERROR_FIELDS) if (standard[field] !== undefined && typeof standard[field] !== "object") safe[field] = standard[field];
  const data = (error as { data?: { error?: unknown } }).data;
  if (typeof data?.error === "string") safe["slackError"] = data.error;
  const target = (error as { meta?: { target?: unknown } }).meta?.target;
  if (typeof target === "string" || Array.isArray(target)) safe["target"] = target;
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && depth < 3) safe["cause"] = serializeError(cause, depth + 1);
  return safe;
}

export interface LoggerOptions {
  /** Where the JSON lines go (tests capture them); stdout when absent. */
  destination?: pino.DestinationStream;
}

export function createLogger(level: string, bindings: Record<string, unknown> = {}, options: LoggerOptions = {}): Logger {
  const settings: pino.LoggerOptions = {
    level,
    base: { service: "salesops-assistant", ...bindings },
    redact: { paths: [...REDACTED_PATHS], censor: "[redacted]" },
    serializers: { err: (error: unknown) => serializeError(error) },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
