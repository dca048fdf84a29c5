// Local mode's Slack: the stand-in workspace, seeded from the database's demo (or first) tenant,
// run beside the bot in local mode (see Config.localMode). Its secrets and addresses go to
// DATA_DIR/local-slack.json (0600) for the chat CLI; its messages go to
// DATA_DIR/local-slack-state.json after every change, before the bot is told it succeeded, and
// come back on the next start. It refuses to start while any tenant of the database is connected
// to a real Slack workspace: the bot would mark that workspace's deliveries sent into the stand-in.
import { randomBytes } from "node:crypto";
import { chmod, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { preparePrivateDirectory } from "../db/data-dir.js";
import type { Database } from "../db/database.js";
import {
  assignSlackIds,
  readLocalDirectory,
  readLocalSlackUserDetails,
  setTenantSlackTeam,
  tenantsConnectedToSlack,
} from "../db/repositories/local-slack-directory.js";
import { DEMO_SLACK_TEAM_ID } from "../db/seed/demo-tenant.js";
import { slackIdFromKey } from "../db/seed/ids.js";
import type { Logger } from "../logger.js";
import { LOCAL_CONTROL_PREFIX, type LocalUserDetails } from "../slack-stand-in/control.js";
import { createSlackStandIn, type StandInWorkspace, type WorkspaceState } from "../slack-stand-in/index.js";
import { SLACK_EVENTS_PATH } from "../slack/app.js";

export const LOCAL_SLACK_FILE = "local-slack.json";
export const LOCAL_SLACK_STATE_FILE = "local-slack-state.json";
/** Calls kept in the persisted state; older ones only ever served tests. */
const PERSISTED_CALLS = 1_000;

/** What DATA_DIR/local-slack.json holds: everything the chat CLI needs to act as Slack. */
export const localSlackFileSchema = z.object({
  signingSecret: z.string().min(1),
  botToken: z.string().startsWith("xoxb-"),
  teamId: z.string().min(1),
  /** Web API base, e.g. "http://127.0.0.1:4321/api/". */
  apiUrl: z.string().optional(),
  /** Control API base, e.g. "http://127.0.0.1:4321/_local/". */
  controlUrl: z.string().optional(),
  /** The bot's base URL, e.g. "http://127.0.0.1:3000"; absent until its HTTP server listens. */
  botUrl: z.string().optional(),
  /** Bearer token of the control API; absent only in files written before it was required. */
  controlSecret: z.string().min(16).optional(),
});
export type LocalSlackFile = z.infer<typeof localSlackFileSchema>;

export interface StartLocalSlackOptions {
  dataDir: string;
  db: Database;
  logger: Logger;
  /** SLACK_SIGNING_SECRET when set; otherwise one is generated once and kept in local-slack.json. */
  signingSecret?: string | undefined;
  /** The bot's base URL when already known; else call `setBotUrl` once the HTTP server listens. */
  botUrl?: string | undefined;
  /** Milliseconds since the epoch, for message timestamps; default the system clock (tests pin it). */
  clock?: () => number;
}

export interface LocalSlack {
  /** Web API base for Bolt's `slackApiUrl`, e.g. "http://127.0.0.1:4321/api/". */
  readonly apiUrl: string;
  readonly controlUrl: string;
  readonly botToken: string;
  readonly signingSecret: string;
  /** What the control API requires as `Authorization: Bearer …`. */
  readonly controlSecret: string;
  readonly teamId: string;
  readonly workspace: StandInWorkspace;
  /** Records the bot's base URL in local-slack.json; a wildcard host (0.0.0.0, ::) becomes 127.0.0.1. */
  setBotUrl(botUrl: string): Promise<void>;
  /** Stops the stand-in and saves its state. Idempotent. */
  stop(): Promise<void>;
}

/** Slack's locale for ours: "ms" -> "ms-MY", "en" -> "en-US"; full tags pass through. */
export function slackLocale(locale: string): string {
  if (locale.includes("-")) return locale;
  if (locale === "ms") return "ms-MY";
  if (locale === "en") return "en-US";
  return locale;
}

/** The Slack id given to an employee who has none: stable for the employee, stored once assigned. */
export function localSlackUserId(tenantId: string, employeeId: string): string {
  return slackIdFromKey("U", `local:${tenantId}:employee:${employeeId}`);
}

export function localSlackTeamId(tenantId: string): string {
  return slackIdFromKey("T", `local:${tenantId}`);
}

function channelName(teamName: string): string {
  return teamName.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "team";
}

/** A base URL reachable from this machine: wildcard listen addresses become loopback. */
export function reachableUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === "0.0.0.0") parsed.hostname = "127.0.0.1";
  if (parsed.hostname === "[::]") parsed.hostname = "[::1]";
  return parsed.toString().replace(/\/$/, "");
}

async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes through a temporary file so a crash never leaves half a file; owner-only permissions. */
async function writePrivateFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

export async function readLocalSlackFile(dataDir: string): Promise<LocalSlackFile | undefined> {
  const raw = await readJsonFile(path.join(dataDir, LOCAL_SLACK_FILE));
  if (raw === undefined) return undefined;
  const parsed = localSlackFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path.join(dataDir, LOCAL_SLACK_FILE)}: ${issue.path.join(".") || "file"}: ${issue.message}`);
  }
  return parsed.data;
}

async function describeUsers(db: Database, tenantId: string): Promise<Record<string, LocalUserDetails>> {
  const rows = await readLocalSlackUserDetails(db.prisma, tenantId);
  return Object.fromEntries(rows.map(({ slackUserId, ...details }) => [slackUserId, details satisfies LocalUserDetails]));
}

/** Which team each channel is, read afresh so that `npm run chat -- --channel "<team>"` follows renames. */
async function describeChannels(db: Database): Promise<Record<string, { team: string }>> {
  const directory = await readLocalDirectory(db.prisma);
  return Object.fromEntries(directory.channels.map((channel) => [channel.slackChannelId, { team: channel.teamName }]));
}

// --- start -----------------------------------------------------------------------------------

/** A restored state is kept only when it is for the same workspace. */
const persistedStateSchema = z.looseObject({
  team: z.object({ id: z.string(), name: z.string(), domain: z.string() }),
  bot: z.object({ userId: z.string(), botId: z.string(), appId: z.string(), name: z.string() }),
  users: z.record(z.string(), z.unknown()),
  channels: z.record(z.string(), z.unknown()),
  messages: z.record(z.string(), z.array(z.unknown())),
  counters: z.record(z.string(), z.number()),
});

async function restoreState(file: string, teamId: string, logger: Logger): Promise<WorkspaceState | undefined> {
  let raw: unknown;
  try {
    raw = await readJsonFile(file);
  } catch (error) {
    logger.warn({ err: error, file }, "local Slack state unreadable; starting with an empty workspace");
    return undefined;
  }
  if (raw === undefined) return undefined;
  const parsed = persistedStateSchema.safeParse(raw);
  if (!parsed.success) {
    logger.warn({ file }, "local Slack state is not a workspace snapshot; starting with an empty workspace");
    return undefined;
  }
  if (parsed.data.team.id !== teamId) {
    logger.info({ file, saved: parsed.data.team.id, teamId }, "local Slack state belongs to another workspace; starting afresh");
    return undefined;
  }
  return raw as WorkspaceState;
}

/**
 * Whether a tenant's Slack team id is one local mode gave it (or the demo seed's), not a real
 * workspace's: Slack's team ids are Slack's to give, these are derived from our own keys.
 */
export function isLocalSlackTeam(tenant: { id: string; slackTeamId: string; isDemo: boolean }): boolean {
  return tenant.slackTeamId === localSlackTeamId(tenant.id) || (tenant.isDemo && tenant.slackTeamId === DEMO_SLACK_TEAM_ID);
}

export class LocalModeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalModeError";
  }
}

/**
 * Saves the workspace whenever asked, one write at a time: a request that changes it while a
 * write is under way waits for the next write, which snapshots after its change (a burst of
 * changes costs two writes, not one each).
 */
function stateWriter(save: () => Promise<void>): () => Promise<void> {
  let writing: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    writing = save().finally(() => {
      writing = undefined;
    });
    return writing;
  };
  return () => {
    if (next) return next;
    if (!writing) return start();
    next = writing
      .catch(() => {})
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}

export async function startLocalSlack(options: StartLocalSlackOptions): Promise<LocalSlack> {
  const { db, logger } = options;
  const dataDir = path.resolve(options.dataDir);
  const configFile = path.join(dataDir, LOCAL_SLACK_FILE);
  const stateFile = path.join(dataDir, LOCAL_SLACK_STATE_FILE);
  const prepared = preparePrivateDirectory(options.dataDir);
  if (prepared.openToOthers) {
    logger.warn({ dataDir }, "DATA_DIR is readable by other users of this machine; it holds every local DM and secret: chmod 700 it");
  }

  const saved = await readLocalSlackFile(dataDir).catch((error: unknown) => {
    logger.warn({ err: error }, "local-slack.json unreadable; generating new local credentials");
    return undefined;
  });
  const signingSecret = options.signingSecret ?? saved?.signingSecret ?? randomBytes(32).toString("hex");
  const botToken = saved?.botToken ?? `xoxb-local-${randomBytes(24).toString("hex")}`;
  const controlSecret = saved?.controlSecret ?? randomBytes(32).toString("hex");

  // A tenant connected to a real workspace (by an admin, or by Slack mode on this database) is not
  // local mode's to play with: its pending deliveries would be "sent" into the stand-in.
  const connected = (await tenantsConnectedToSlack(db.prisma)).filter((tenant) => !isLocalSlackTeam(tenant));
  if (connected.length > 0) {
    const named = connected.map((tenant) => `"${tenant.name}" (${tenant.slackTeamId})`).join(", ");
    throw new LocalModeError(
      `Local mode refused: ${connected.length === 1 ? "tenant" : "tenants"} ${named} ${connected.length === 1 ? "is" : "are"} connected to a real Slack workspace. ` +
        "Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to run against it, or use another database (DATA_DIR or DATABASE_URL) for local mode.",
    );
  }

  const directory = await readLocalDirectory(db.prisma);
  const tenant = directory.tenant;
  const channels = directory.channels.map((channel) => ({ id: channel.slackChannelId, name: channelName(channel.teamName) }));
  const teamId = tenant?.slackTeamId ?? localSlackTeamId(tenant?.id ?? "no-tenant");
  if (tenant && tenant.slackTeamId === null) {
    await setTenantSlackTeam(db.prisma, tenant.id, teamId);
    logger.info({ tenantId: tenant.id, slackTeamId: teamId }, "tenant connected to the local Slack workspace");
  }
  if (!tenant) logger.warn("no tenant in the database; the local Slack workspace has no people");

  const initialState = await restoreState(stateFile, teamId, logger);
  const persist = stateWriter(() => writePrivateFile(stateFile, standIn.workspace.serialize(PERSISTED_CALLS)));
  const standIn = createSlackStandIn({
    host: "127.0.0.1",
    teamId,
    teamName: tenant?.name ?? "Local Sales",
    botTokens: [botToken],
    ...(initialState ? { initialState } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    localControl: {
      secret: controlSecret,
      ...(tenant ? { describeUsers: () => describeUsers(db, tenant.id), describeChannels: () => describeChannels(db) } : {}),
    },
    onChange: persist,
  });
  const workspace = standIn.workspace;

  // Employees without a Slack id get a stable local one, stored so the bot can resolve them.
  const assignments = directory.people
    .filter((person) => person.slackUserId === null)
    .map((person) => ({ employeeId: person.employeeId, slackUserId: localSlackUserId(tenant!.id, person.employeeId) }));
  await assignSlackIds(db.prisma, assignments);
  const assigned = new Map(assignments.map((assignment) => [assignment.employeeId, assignment.slackUserId]));
  const people = directory.people.map((person) => ({ ...person, slackUserId: person.slackUserId ?? assigned.get(person.employeeId)! }));

  const seeded = new Set<string>();
  for (const person of people) {
    const userId = person.slackUserId;
    seeded.add(userId);
    const profile = {
      name: person.email.split("@")[0]!,
      realName: person.name,
      email: person.email,
      tz: person.timeZone,
      locale: slackLocale(person.locale),
      deleted: !person.active,
    };
    if (workspace.user(userId)) workspace.updateUser(userId, profile);
    else workspace.addUser({ id: userId, ...profile });
  }
  // People removed from the organisation since the state was saved leave the workspace too.
  for (const user of Object.values(workspace.snapshot().users)) {
    if (!user.isBot && !seeded.has(user.id) && !user.deleted) workspace.deactivateUser(user.id);
  }
  for (const channel of channels) {
    if (workspace.channel(channel.id)) workspace.setBotMembership(channel.id, true);
    else workspace.addChannel({ id: channel.id, name: channel.name, botIsMember: true });
  }

  // The seeded people and channels are on disk before anyone can act on them.
  await persist();
  await standIn.start();
  const apiUrl = standIn.url;
  const controlUrl = `${standIn.origin}${LOCAL_CONTROL_PREFIX}`;
  let botUrl = options.botUrl ? reachableUrl(options.botUrl) : undefined;
  // Clicks and modal submissions (the chat CLI's --click and --comment) go to the bot like Slack's.
  const sendInteractionsTo = (url: string) => standIn.setInteractionTarget({ eventsUrl: `${url}${SLACK_EVENTS_PATH}`, signingSecret });
  if (botUrl) sendInteractionsTo(botUrl);

  const writeConfig = () =>
    writePrivateFile(
      configFile,
      `${JSON.stringify({ signingSecret, botToken, teamId, apiUrl, controlUrl, controlSecret, ...(botUrl ? { botUrl } : {}) } satisfies LocalSlackFile, null, 2)}\n`,
    );
  try {
    await writeConfig();
  } catch (error) {
    await standIn.stop();
    throw error;
  }
  logger.info({ apiUrl, teamId, users: seeded.size, channels: channels.length, restored: initialState !== undefined }, "local Slack workspace started");

  let stopping: Promise<void> | undefined;
  return {
    apiUrl,
    controlUrl,
    botToken,
    signingSecret,
    controlSecret,
    teamId,
    workspace,
    async setBotUrl(url) {
      botUrl = reachableUrl(url);
      sendInteractionsTo(botUrl);
      await writeConfig();
    },
    stop() {
      stopping ??= (async () => {
        await standIn.stop();
        await persist();
        logger.info({ file: stateFile }, "local Slack workspace saved");
      })();
      return stopping;
    },
  };
}
