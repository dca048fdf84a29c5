// manifests/slack.yaml stays importable: it validates against Slack's own JSON Schema for its
// major version (test/fixtures/slack-manifest-schema/, loaded from disk, no network), and its
// commands, URLs and bot scopes are the ones the bot is built for.
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifestUrl = new URL("../../manifests/slack.yaml", import.meta.url);
const schemaDir = new URL("../fixtures/slack-manifest-schema/", import.meta.url);

interface SlashCommand {
  command: string;
  url?: string;
  description?: string;
  usage_hint?: string;
  should_escape?: boolean;
}

interface Manifest {
  _metadata?: { major_version?: number };
  features?: { slash_commands?: SlashCommand[] };
  oauth_config?: { scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    interactivity?: { is_enabled: boolean; request_url?: string };
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    socket_mode_enabled?: boolean;
  };
  [key: string]: unknown;
}

// Changing this list is a deliberate act: every workspace must reinstall the app to grant it.
const EXPECTED_BOT_SCOPES = [
  "commands",
  "chat:write",
  "users:read",
  "users:read.email",
  "im:write",
  "files:write",
  "im:history",
  "channels:history",
  "groups:history",
];

const EVENTS_PATH = "/slack/events";

function loadManifest(): Manifest {
  return parse(readFileSync(manifestUrl, "utf8")) as Manifest;
}

const validators = new Map<number, ValidateFunction>();

function validatorFor(majorVersion: number): ValidateFunction {
  let validate = validators.get(majorVersion);
  if (!validate) {
    const schema = JSON.parse(readFileSync(new URL(`manifest.schema.${majorVersion}.0.0.json`, schemaDir), "utf8")) as object;
    // strict: false lets unknown keywords through; Slack's one non-standard keyword, `regex`
    // (on background_color), is implemented here rather than ignored.
    const ajv = new Ajv({ strict: false, allErrors: true });
    // The one format the schemas use (on `$schema`); ajv-formats is not installed.
    ajv.addFormat("uri", (value: string) => URL.canParse(value));
    ajv.addKeyword({
      keyword: "regex",
      type: "string",
      schemaType: "string",
      validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
    });
    validate = ajv.compile(schema);
    validators.set(majorVersion, validate);
  }
  return validate;
}

function validate(manifest: Manifest): { valid: boolean; errors: string } {
  const fn = validatorFor(manifest._metadata?.major_version ?? 1);
  const valid = fn(manifest);
  return { valid, errors: JSON.stringify(fn.errors ?? [], null, 2) };
}

/** Every URL Slack would call: command URLs, interactivity and event request URLs. */
function requestUrls(manifest: Manifest): string[] {
  const urls = (manifest.features?.slash_commands ?? []).map((c) => c.url);
  urls.push(manifest.settings?.interactivity?.request_url, manifest.settings?.event_subscriptions?.request_url);
  return urls.filter((u): u is string => u !== undefined);
}

describe("manifests/slack.yaml", () => {
  it("is valid against Slack's manifest schema for its major version", () => {
    const manifest = loadManifest();
    expect([1, 2]).toContain(manifest._metadata?.major_version);
    const result = validate(manifest);
    expect(result.valid, result.errors).toBe(true);
  });

  it("declares /quota, /forecast, /salesops and /pulse with a description, usage hint and escaped mentions", () => {
    const commands = loadManifest().features?.slash_commands ?? [];
    expect(commands.map((c) => c.command).sort()).toEqual(["/forecast", "/pulse", "/quota", "/salesops"]);
    for (const command of commands) {
      expect(command.description, command.command).toBeTruthy();
      expect(command.usage_hint, command.command).toBeTruthy();
      expect(command.should_escape, command.command).toBe(true);
    }
    expect(commands.find((c) => c.command === "/quota")?.description).toBe("Quota, attainment and commission what-ifs");
    expect(commands.find((c) => c.command === "/salesops")?.description).toBe("Sales-ops admin: schedules and deliveries");
    expect(commands.find((c) => c.command === "/pulse")?.description).toBe("Pulse surveys and eNPS results");
  });

  it("sends every request to one host at /slack/events, with interactivity on", () => {
    const manifest = loadManifest();
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    const urls = requestUrls(manifest);
    expect(urls.length).toBeGreaterThanOrEqual(5); // four commands + interactivity (+ events, when added)
    for (const url of urls) expect(new URL(url).pathname, url).toBe(EVENTS_PATH);
    expect(new Set(urls.map((u) => new URL(u).origin)).size).toBe(1);
  });

  it("subscribes to no events until something handles them", () => {
    // The bot registers no event listeners yet; the App Home issue adds app_home_opened here.
    expect(loadManifest().settings?.event_subscriptions).toBeUndefined();
  });

  it("asks for exactly the least-privilege bot scopes, and no user scopes", () => {
    const scopes = loadManifest().oauth_config?.scopes;
    expect([...(scopes?.bot ?? [])].sort()).toEqual([...EXPECTED_BOT_SCOPES].sort());
    expect(new Set(scopes?.bot).size).toBe(scopes?.bot?.length);
    expect(scopes?.user).toBeUndefined();
  });

  it("runs over HTTP by default (Socket Mode is opt-in with SLACK_APP_TOKEN)", () => {
    expect(loadManifest().settings?.socket_mode_enabled).toBe(false);
  });

  describe("the validation can fail", () => {
    it("rejects a command without a description", () => {
      const broken = loadManifest();
      delete broken.features!.slash_commands![0]!.description;
      const result = validate(broken);
      expect(result.valid).toBe(false);
      expect(result.errors).toContain("description");
    });

    it("rejects an unknown top-level key", () => {
      const broken = { ...loadManifest(), slash_commands: [] };
      expect(validate(broken).valid).toBe(false);
    });

    it("rejects a background colour that is not a hex colour (Slack's `regex` keyword)", () => {
      const broken = loadManifest();
      (broken["display_information"] as { background_color: string }).background_color = "#zzzzzz";
      const result = validate(broken);
      expect(result.valid).toBe(false);
      expect(result.errors).toContain("regex");
    });
  });
});
