// Every environment variable the process reads, parsed once at boot by one zod schema.
// Nothing else in the code base reads `process.env`.
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const optionalString = z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional());

const postgresUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "postgresql:" || url.protocol === "postgres:") && url.hostname !== "";
      } catch {
        return false;
      }
    }, "expected a PostgreSQL URL such as postgresql://user:password@host:5432/database")
    .optional(),
);

const httpUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === "http:" || url.protocol === "https:";
      } catch {
        return false;
      }
    }, "expected an http(s) URL such as http://127.0.0.1:3100/api/")
    .optional(),
);

export const configSchema = z
  .object({
    DATABASE_URL: postgresUrl,
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("./data")),
    // Decimal digits only: Number() would also take "0xD05", "1e3", " 80" or "0b1".
    PORT: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[0-9]{1,5}$/, "expected a port number from 0 to 65535")
        .transform(Number)
        .refine((port) => port <= 65535, "expected a port number from 0 to 65535")
        .default(3000),
    ),
    HOST: z.preprocess(emptyAsUndefined, z.string().default("0.0.0.0")),
    SLACK_BOT_TOKEN: z.preprocess(
      emptyAsUndefined,
      z.string().startsWith("xoxb-", "expected a bot token starting with xoxb-").optional(),
    ),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: z.preprocess(
      emptyAsUndefined,
      z.string().startsWith("xapp-", "expected an app-level token starting with xapp-").optional(),
    ),
    SLACK_API_URL: httpUrl,
    /**
     * 1: run against the local Slack stand-in even on PostgreSQL. Unset: local mode only on the
     * embedded database without Slack credentials. 0: never local mode.
     */
    LOCAL_MODE: z.preprocess(
      emptyAsUndefined,
      z.enum(["0", "1"], { error: "expected 1 (local mode) or 0" }).optional(),
    ),
    DEFAULT_TIMEZONE: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .refine(isTimeZone, "expected an IANA time zone such as Asia/Kuala_Lumpur")
        .default("Asia/Kuala_Lumpur"),
    ),
    DEFAULT_LOCALE: z.preprocess(
      emptyAsUndefined,
      z.enum(["en", "ms"], { error: "expected en or ms" }).default("en"),
    ),
    LOG_LEVEL: z.preprocess(
      emptyAsUndefined,
      z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    ),
    DEMO_SEED: z.preprocess(
      emptyAsUndefined,
      z
        .enum(["auto", "always", "never"], { error: "expected auto, always or never" })
        .default("auto"),
    ),
    JOBS: z.preprocess(
      emptyAsUndefined,
      z.enum(["on", "off"], { error: "expected on or off" }).default("on"),
    ),
    /** Signs and hashes pulse-survey answer tokens; without it one is generated once and kept in the database. */
    PULSE_TOKEN_SECRET: z.preprocess(
      emptyAsUndefined,
      z.string().min(32, "expected at least 32 characters (e.g. the output of `openssl rand -hex 32`)").optional(),
    ),
    SHUTDOWN_TIMEOUT_MS: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number({ error: "expected milliseconds as a whole number" })
        .int("expected milliseconds as a whole number")
        .min(0, "expected milliseconds as a whole number")
        .default(10_000),
    ),
  })
  .superRefine((env, ctx) => {
    // Half a Slack configuration is a mistake worth stopping for; none at all is local mode.
    const slackVars = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"] as const;
    const given = slackVars.filter((name) => env[name] !== undefined);
    if (given.length === 1) {
      const missing = slackVars.find((name) => env[name] === undefined)!;
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: `is required when ${given[0]} is set (set both, or neither for local mode)`,
      });
    }
    if (env.LOCAL_MODE === "1" && env.SLACK_BOT_TOKEN !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["LOCAL_MODE"],
        message: "is 1 (the local Slack stand-in) but SLACK_BOT_TOKEN is set too (unset one of them)",
      });
    }
    if (env.SLACK_APP_TOKEN !== undefined && env.SLACK_BOT_TOKEN === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_BOT_TOKEN"],
        message: "is required when SLACK_APP_TOKEN (Socket Mode) is set",
      });
    }
  });

type ParsedEnv = z.infer<typeof configSchema>;

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
  };
  /**
   * The bot talks to the local Slack stand-in: LOCAL_MODE=1, or no Slack credentials on the
   * embedded database (and LOCAL_MODE not 0). Never inferred on PostgreSQL, whose tenants may be
   * connected to real workspaces: there, missing credentials are an error (`slackCredentialsProblem`).
   */
  localMode: boolean;
  defaultTimeZone: string;
  defaultLocale: "en" | "ms";
  logLevel: (typeof LOG_LEVELS)[number];
  demoSeed: "auto" | "always" | "never";
  /** Whether this process runs the scheduler and the delivery worker (off: a web-only replica). */
  jobs: boolean;
  shutdownTimeoutMs: number;
  /**
   * Secret behind pulse-survey answer tokens (their MAC and stored hash). Undefined: one is
   * generated once and kept in the database (table app_secret), shared by every replica.
   */
  pulseTokenSecret: string | undefined;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? "environment");
  const raw = env[name];
  const got = raw === undefined ? "" : ` (got ${JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw)})`;
  // Secrets are never echoed back.
  const secret = /TOKEN|SECRET|PASSWORD/.test(name) || name === "DATABASE_URL";
  return `${name}: ${issue.message}${secret ? "" : got}`;
}

/** Parses the environment; throws ConfigError naming the first wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const first = result.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${describeIssue(first, env)}`);
  }
  const parsed: ParsedEnv = result.data;
  return {
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.DATA_DIR,
    port: parsed.PORT,
    host: parsed.HOST,
    slack: {
      botToken: parsed.SLACK_BOT_TOKEN,
      signingSecret: parsed.SLACK_SIGNING_SECRET,
      appToken: parsed.SLACK_APP_TOKEN,
      apiUrl: parsed.SLACK_API_URL,
    },
    localMode: parsed.SLACK_BOT_TOKEN === undefined && (parsed.LOCAL_MODE === "1" || (parsed.LOCAL_MODE === undefined && parsed.DATABASE_URL === undefined)),
    defaultTimeZone: parsed.DEFAULT_TIMEZONE,
    defaultLocale: parsed.DEFAULT_LOCALE,
    logLevel: parsed.LOG_LEVEL,
    demoSeed: parsed.DEMO_SEED,
    jobs: parsed.JOBS === "on",
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
    pulseTokenSecret: parsed.PULSE_TOKEN_SECRET,
  };
}

/**
 * Why the bot cannot start in Slack mode with this configuration, or undefined when it can (or
 * runs in local mode). Only the bot's process asks; the CLIs work on any database without Slack.
 */
export function slackCredentialsProblem(config: Config): string | undefined {
  if (config.localMode || config.slack.botToken !== undefined) return undefined;
  const where = config.databaseUrl ? "on PostgreSQL (DATABASE_URL)" : "with LOCAL_MODE=0";
  return (
    `Configuration error: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set ${where}. ` +
    "Set both to connect the bot to your Slack workspace, or set LOCAL_MODE=1 to run against the local Slack stand-in."
  );
}
