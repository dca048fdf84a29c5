import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, slackCredentialsProblem } from "../../src/config.js";

function errorFor(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("loadConfig", () => {
  it("gives the documented defaults for an empty environment (local mode, embedded database)", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      dataDir: "./data",
      port: 3000,
      localMode: true,
      defaultTimeZone: "Asia/Kuala_Lumpur",
      defaultLocale: "en",
      logLevel: "info",
      demoSeed: "auto",
    });
  });

  it("reads every variable it documents", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://app:secret@db.internal:5432/salesops",
      DATA_DIR: "/var/lib/salesops",
      PORT: "8080",
      SLACK_BOT_TOKEN: "xoxb-1-2-3",
      SLACK_SIGNING_SECRET: "abc123",
      SLACK_APP_TOKEN: "xapp-1-A-2",
      SLACK_API_URL: "http://127.0.0.1:3100/api/",
      DEFAULT_TIMEZONE: "Europe/London",
      DEFAULT_LOCALE: "ms",
      LOG_LEVEL: "debug",
    });
    expect(config.databaseUrl).toBe("postgresql://app:secret@db.internal:5432/salesops");
    expect(config.port).toBe(8080);
    expect(config.localMode).toBe(false);
    expect(config.slack).toEqual({
      botToken: "xoxb-1-2-3",
      signingSecret: "abc123",
      appToken: "xapp-1-A-2",
      apiUrl: "http://127.0.0.1:3100/api/",
    });
    expect(config.defaultTimeZone).toBe("Europe/London");
    expect(config.defaultLocale).toBe("ms");
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it.each([
    [{ PORT: "abc" }, 'PORT: expected a port number from 0 to 65535 (got "abc")'],
    [{ PORT: "70000" }, "PORT: expected a port number from 0 to 65535"],
    [{ PORT: "80.5" }, "PORT: expected a port number from 0 to 65535"],
    [{ DATABASE_URL: "nonsense" }, "DATABASE_URL: expected a PostgreSQL URL"],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, "DATABASE_URL: expected a PostgreSQL URL"],
    [{ DEFAULT_TIMEZONE: "Mars/Olympus" }, "DEFAULT_TIMEZONE: expected an IANA time zone"],
    [{ DEFAULT_LOCALE: "fr" }, "DEFAULT_LOCALE: expected en or ms"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL: expected one of"],
    [{ SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN: expected a bot token starting with xoxb-"],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET: is required when SLACK_BOT_TOKEN is set"],
    [{ SLACK_APP_TOKEN: "xapp-1" }, "SLACK_BOT_TOKEN: is required when SLACK_APP_TOKEN"],
    [{ SLACK_API_URL: "ftp://x" }, "SLACK_API_URL: expected an http(s) URL"],
  ])("refuses %o with a message naming the variable", (env, expected) => {
    const message = errorFor(env);
    expect(message).toContain(expected);
    expect(message.split("\n")).toHaveLength(1);
  });

  it("never echoes a secret back", () => {
    const message = errorFor({ SLACK_BOT_TOKEN: "not-a-token-but-secret", SLACK_SIGNING_SECRET: "x" });
    expect(message).not.toContain("not-a-token-but-secret");
    expect(errorFor({ DATABASE_URL: "postgres-password-hunter2" })).not.toContain("hunter2");
  });
});

describe("PORT (issue 10: 0xD05 was taken as 3333)", () => {
  it.each(["0xD05", "0o7", "0b11", "1e3", " 80", "80 ", "+80", "-1", "80.0", "65536", "123456"])("refuses %j, naming PORT", (port) => {
    expect(errorFor({ PORT: port })).toMatch(/^Configuration error: PORT: expected a port number from 0 to 65535/);
  });

  it.each([
    ["0", 0],
    ["80", 80],
    ["08080", 8080],
    ["65535", 65535],
  ])("takes the decimal %j as %i", (port, expected) => {
    expect(loadConfig({ PORT: port }).port).toBe(expected);
  });
});

describe("local mode (issue 10: missing credentials on PostgreSQL silently meant local mode)", () => {
  const postgres = "postgresql://app:secret@db.internal:5432/salesops";

  it("is the embedded database's default without credentials, and never inferred on PostgreSQL", () => {
    expect(loadConfig({}).localMode).toBe(true);
    const onPostgres = loadConfig({ DATABASE_URL: postgres });
    expect(onPostgres.localMode).toBe(false);
    expect(slackCredentialsProblem(onPostgres)).toBe(
      "Configuration error: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set on PostgreSQL (DATABASE_URL). " +
        "Set both to connect the bot to your Slack workspace, or set LOCAL_MODE=1 to run against the local Slack stand-in.",
    );
  });

  it("is what LOCAL_MODE=1 asks for, on any database; LOCAL_MODE=0 refuses it", () => {
    expect(loadConfig({ DATABASE_URL: postgres, LOCAL_MODE: "1" }).localMode).toBe(true);
    expect(slackCredentialsProblem(loadConfig({ DATABASE_URL: postgres, LOCAL_MODE: "1" }))).toBeUndefined();
    const off = loadConfig({ LOCAL_MODE: "0" });
    expect(off.localMode).toBe(false);
    expect(slackCredentialsProblem(off)).toMatch(/not set with LOCAL_MODE=0/);
  });

  it("is never on with credentials", () => {
    const slack = loadConfig({ DATABASE_URL: postgres, SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" });
    expect(slack.localMode).toBe(false);
    expect(slackCredentialsProblem(slack)).toBeUndefined();
    expect(errorFor({ LOCAL_MODE: "1", SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" })).toBe(
      'Configuration error: LOCAL_MODE: is 1 (the local Slack stand-in) but SLACK_BOT_TOKEN is set too (unset one of them) (got "1")',
    );
    expect(errorFor({ LOCAL_MODE: "yes" })).toBe('Configuration error: LOCAL_MODE: expected 1 (local mode) or 0 (got "yes")');
  });
});
