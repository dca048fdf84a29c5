// One Slack workspace held in memory: its directory (users, channels, DMs) and everything the
// app did to it. Tests seed and inspect it through `StandInWorkspace`; the Web API methods use
// the wider `WorkspaceModel`. All state lives in one plain `WorkspaceState` object.
import { randomBytes } from "node:crypto";
import type { Clock } from "./clock.js";
import { FaultQueue, type Fault, type FaultOptions } from "./faults.js";
import type {
  StandInCall,
  StandInChannel,
  StandInEphemeral,
  StandInFile,
  StandInMessage,
  StandInResponsePost,
  StandInUser,
  StandInView,
  WorkspaceState,
} from "./state.js";

/** Slack allows a response_url to be used five times within thirty minutes. */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;
/** Slack's trigger_id expires three seconds after it is issued. */
export const TRIGGER_LIFETIME_MS = 3_000;

export interface AddUserInput {
  id?: string;
  name: string;
  realName?: string;
  email?: string;
  tz?: string;
  locale?: string;
  deleted?: boolean;
}

export interface AddChannelInput {
  id?: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  /** Default true. Posting where the bot is not a member answers `not_in_channel`. */
  botIsMember?: boolean;
  /** Members of the channel; a public channel defaults to everyone, a private one to nobody. */
  memberIds?: string[];
}

export interface SeedMessageInput {
  user: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
}

export interface MintedResponseUrl {
  id: string;
  url: string;
}

export interface StoredFile extends StandInFile {
  /** The uploaded bytes, when the upload URL received them. */
  bytes?: Buffer;
}

/** What tests and the local mode may do with the workspace. */
export interface StandInWorkspace {
  readonly teamId: string;
  readonly botUserId: string;

  addUser(input: AddUserInput): StandInUser;
  addChannel(input: AddChannelInput): StandInChannel;
  /** Changes a user's profile as an admin would; the id stays. */
  updateUser(userId: string, changes: Partial<Omit<AddUserInput, "id">>): StandInUser;
  deactivateUser(userId: string): void;
  setBotMembership(channelId: string, isMember: boolean): void;
  /** Seeds a message written by a person (not the app). */
  addMessage(channelId: string, input: SeedMessageInput): StandInMessage;

  /** Mints a response_url like those Slack sends with slash commands and interactions. Needs a started server. */
  createResponseUrl(channelId: string, userId: string, options?: { originalMessageTs?: string }): MintedResponseUrl;
  /** Mints a trigger_id that views.open accepts once, within three seconds. */
  createTriggerId(userId: string): string;
  /** Makes the next matching call to `method` ("upload_url" and "response_url" too) fail as `fault` describes. */
  failNext(method: string, fault: Fault, options?: FaultOptions): void;

  user(userId: string): StandInUser | undefined;
  channel(channelId: string): StandInChannel | undefined;
  channelByName(name: string): StandInChannel | undefined;
  /** The DM channel id between the bot and `userId`, once one was opened. */
  dmChannelFor(userId: string): string | undefined;
  /** Messages in a channel, oldest first, thread replies included. */
  messages(channelId: string): StandInMessage[];
  dmMessagesFor(userId: string): StandInMessage[];
  ephemerals(userId?: string): StandInEphemeral[];
  responses(responseUrlId?: string): StandInResponsePost[];
  views(userId?: string): StandInView[];
  homeView(userId: string): StandInView | undefined;
  file(fileId: string): StoredFile | undefined;
  files(): StandInFile[];
  /**
   * Number of calls received, refused ones (429, faults, errors) included. Besides Web API
   * method names, posts to upload URLs count as "upload_url" and to response_urls as "response_url".
   */
  calls(method?: string): number;
  callLog(method?: string): StandInCall[];

  /** Forgets all activity (messages, views, files, calls, limits, faults); keeps users, channels and DMs. */
  reset(): void;
  /** A deep copy of the whole state, e.g. to persist it. */
  snapshot(): WorkspaceState;
  /**
   * The state as JSON for disk, keeping the latest `maxCalls` calls and no trigger ids (they
   * expire in seconds): what `initialState` restores. Cheaper than `snapshot()`: nothing is cloned.
   */
  serialize(maxCalls: number): string;
}

export interface WorkspaceModelOptions {
  teamId: string;
  teamName: string;
  clock: Clock;
  bot?: { userId?: string; botId?: string; appId?: string; name?: string };
  initialState?: WorkspaceState;
  /** Called by reset() so the server can forget its rate-limit buckets too. */
  onReset?: () => void;
}

export function parseTsMicros(ts: string): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(6, "0"));
  return seconds * 1_000_000 + fraction;
}

export function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  return `${seconds}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

export class WorkspaceModel implements StandInWorkspace {
  readonly state: WorkspaceState;
  readonly faults = new FaultQueue();
  readonly clock: Clock;
  private publicOrigin: string | undefined;
  private readonly onReset: (() => void) | undefined;

  constructor(options: WorkspaceModelOptions) {
    this.clock = options.clock;
    this.onReset = options.onReset;
    if (options.initialState) {
      this.state = clone(options.initialState);
      return;
    }
    const domain = options.teamName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "stand-in";
    this.state = {
      team: { id: options.teamId, name: options.teamName, domain },
      bot: { userId: "", botId: "", appId: "", name: "" },
      users: {},
      channels: {},
      messages: {},
      ephemerals: [],
      views: {},
      homeViews: {},
      files: {},
      responseUrls: {},
      responsePosts: [],
      triggers: {},
      calls: [],
      counters: {},
      lastTsMicros: 0,
    };
    const botUser = this.addUser({ id: options.bot?.userId ?? this.nextId("U"), name: options.bot?.name ?? "salesops", realName: "SalesOps" });
    this.state.users[botUser.id]!.isBot = true;
    this.state.bot = {
      userId: botUser.id,
      botId: options.bot?.botId ?? this.nextId("B"),
      appId: options.bot?.appId ?? this.nextId("A"),
      name: botUser.name,
    };
  }

  get teamId(): string {
    return this.state.team.id;
  }

  get botUserId(): string {
    return this.state.bot.userId;
  }

  /** Set by the server once it listens, e.g. "http://127.0.0.1:4321". */
  setPublicOrigin(origin: string | undefined): void {
    this.publicOrigin = origin;
  }

  origin(): string {
    if (!this.publicOrigin) throw new Error("the Slack stand-in is not started; call start() first");
    return this.publicOrigin;
  }

  nextId(prefix: string): string {
    const n = (this.state.counters[prefix] ?? 0) + 1;
    this.state.counters[prefix] = n;
    return `${prefix}${n.toString(36).toUpperCase().padStart(9, "0")}`;
  }

  /** A message ts from the clock, strictly greater than every ts handed out before. */
  nextTs(): string {
    const micros = Math.max(this.clock() * 1000, this.state.lastTsMicros + 1);
    this.state.lastTsMicros = micros;
    return formatTs(micros);
  }

  // --- seeding -------------------------------------------------------------------------

  addUser(input: AddUserInput): StandInUser {
    const id = input.id ?? this.nextId("U");
    if (this.state.users[id]) throw new Error(`user ${id} already exists`);
    const user: StandInUser = {
      id,
      teamId: this.state.team.id,
      name: input.name,
      realName: input.realName ?? input.name,
      ...(input.email !== undefined ? { email: input.email.toLowerCase() } : {}),
      tz: input.tz ?? "UTC",
      locale: input.locale ?? "en-US",
      deleted: input.deleted ?? false,
      isBot: false,
    };
    this.state.users[id] = user;
    return clone(user);
  }

  addChannel(input: AddChannelInput): StandInChannel {
    const isPrivate = input.isPrivate ?? false;
    const id = input.id ?? this.nextId(isPrivate ? "G" : "C");
    if (this.state.channels[id]) throw new Error(`channel ${id} already exists`);
    const channel: StandInChannel = {
      id,
      name: input.name.replace(/^#/, ""),
      isPrivate,
      isIm: false,
      isArchived: input.isArchived ?? false,
      botIsMember: input.botIsMember ?? true,
      memberIds: input.memberIds ?? (isPrivate ? [] : "everyone"),
      createdAt: this.clock(),
    };
    this.state.channels[id] = channel;
    this.state.messages[id] = [];
    return clone(channel);
  }

  updateUser(userId: string, changes: Partial<Omit<AddUserInput, "id">>): StandInUser {
    const user = this.state.users[userId];
    if (!user) throw new Error(`no user ${userId}`);
    if (changes.name !== undefined) user.name = changes.name;
    if (changes.realName !== undefined) user.realName = changes.realName;
    if (changes.email !== undefined) user.email = changes.email.toLowerCase();
    if (changes.tz !== undefined) user.tz = changes.tz;
    if (changes.locale !== undefined) user.locale = changes.locale;
    if (changes.deleted !== undefined) user.deleted = changes.deleted;
    return clone(user);
  }

  deactivateUser(userId: string): void {
    const user = this.state.users[userId];
    if (!user) throw new Error(`no user ${userId}`);
    user.deleted = true;
  }

  setBotMembership(channelId: string, isMember: boolean): void {
    const channel = this.state.channels[channelId];
    if (!channel) throw new Error(`no channel ${channelId}`);
    channel.botIsMember = isMember;
  }

  addMessage(channelId: string, input: SeedMessageInput): StandInMessage {
    if (!this.state.channels[channelId]) throw new Error(`no channel ${channelId}`);
    return clone(
      this.appendMessage({
        channel: channelId,
        ts: this.nextTs(),
        user: input.user,
        text: input.text,
        ...(input.blocks ? { blocks: input.blocks } : {}),
        ...(input.threadTs ? { threadTs: input.threadTs } : {}),
        via: "seed",
      }),
    );
  }

  // --- minting -------------------------------------------------------------------------

  createResponseUrl(channelId: string, userId: string, options: { originalMessageTs?: string } = {}): MintedResponseUrl {
    const origin = this.origin();
    const id = String(1_000_000_000_000 + (this.state.counters["response_url"] ?? 0) + 1);
    this.state.counters["response_url"] = (this.state.counters["response_url"] ?? 0) + 1;
    const secret = randomBytes(12).toString("hex");
    this.state.responseUrls[id] = {
      id,
      secret,
      channel: channelId,
      user: userId,
      ...(options.originalMessageTs ? { originalMessageTs: options.originalMessageTs } : {}),
      createdAt: this.clock(),
      uses: 0,
    };
    return { id, url: `${origin}/commands/${this.state.team.id}/${id}/${secret}` };
  }

  createTriggerId(userId: string): string {
    const n = (this.state.counters["trigger"] ?? 0) + 1;
    this.state.counters["trigger"] = n;
    const id = `${Math.floor(this.clock() / 1000)}.${n}.${randomBytes(8).toString("hex")}`;
    this.state.triggers[id] = { id, userId, createdAt: this.clock(), exchanged: false };
    return id;
  }

  failNext(method: string, fault: Fault, options?: FaultOptions): void {
    this.faults.add(method, fault, options);
  }

  // --- inspection ----------------------------------------------------------------------

  user(userId: string): StandInUser | undefined {
    const user = this.state.users[userId];
    return user ? clone(user) : undefined;
  }

  channel(channelId: string): StandInChannel | undefined {
    const channel = this.state.channels[channelId];
    return channel ? clone(channel) : undefined;
  }

  channelByName(name: string): StandInChannel | undefined {
    const wanted = name.replace(/^#/, "");
    const channel = Object.values(this.state.channels).find((candidate) => !candidate.isIm && candidate.name === wanted);
    return channel ? clone(channel) : undefined;
  }

  dmChannelFor(userId: string): string | undefined {
    return Object.values(this.state.channels).find((channel) => channel.isIm && channel.imUserId === userId)?.id;
  }

  messages(channelId: string): StandInMessage[] {
    return clone(this.state.messages[channelId] ?? []);
  }

  dmMessagesFor(userId: string): StandInMessage[] {
    const dm = this.dmChannelFor(userId);
    return dm ? this.messages(dm) : [];
  }

  ephemerals(userId?: string): StandInEphemeral[] {
    return clone(this.state.ephemerals.filter((ephemeral) => userId === undefined || ephemeral.user === userId));
  }

  responses(responseUrlId?: string): StandInResponsePost[] {
    return clone(this.state.responsePosts.filter((post) => responseUrlId === undefined || post.responseUrlId === responseUrlId));
  }

  views(userId?: string): StandInView[] {
    return clone(Object.values(this.state.views).filter((view) => userId === undefined || view.userId === userId));
  }

  homeView(userId: string): StandInView | undefined {
    const id = this.state.homeViews[userId];
    const view = id ? this.state.views[id] : undefined;
    return view ? clone(view) : undefined;
  }

  file(fileId: string): StoredFile | undefined {
    const file = this.state.files[fileId];
    if (!file) return undefined;
    return { ...clone(file), ...(file.bytesBase64 !== undefined ? { bytes: Buffer.from(file.bytesBase64, "base64") } : {}) };
  }

  files(): StandInFile[] {
    return clone(Object.values(this.state.files));
  }

  calls(method?: string): number {
    return this.callLog(method).length;
  }

  callLog(method?: string): StandInCall[] {
    return clone(this.state.calls.filter((call) => method === undefined || call.method === method));
  }

  reset(): void {
    for (const channelId of Object.keys(this.state.messages)) this.state.messages[channelId] = [];
    this.state.ephemerals = [];
    this.state.views = {};
    this.state.homeViews = {};
    this.state.files = {};
    this.state.responseUrls = {};
    this.state.responsePosts = [];
    this.state.triggers = {};
    this.state.calls = [];
    this.faults.clear();
    this.onReset?.();
  }

  snapshot(): WorkspaceState {
    return clone(this.state);
  }

  serialize(maxCalls: number): string {
    return JSON.stringify({ ...this.state, calls: this.state.calls.slice(-maxCalls), triggers: {} } satisfies WorkspaceState);
  }

  // --- used by the Web API methods -----------------------------------------------------

  recordCall(call: StandInCall): void {
    this.state.calls.push(call);
  }

  appendMessage(message: StandInMessage): StandInMessage {
    const list = this.state.messages[message.channel] ?? [];
    list.push(message);
    this.state.messages[message.channel] = list;
    return message;
  }

  findMessage(channelId: string, ts: string): StandInMessage | undefined {
    return this.state.messages[channelId]?.find((message) => message.ts === ts);
  }

  deleteMessage(channelId: string, ts: string): boolean {
    const list = this.state.messages[channelId];
    const index = list?.findIndex((message) => message.ts === ts) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  userByEmail(email: string): StandInUser | undefined {
    const wanted = email.trim().toLowerCase();
    return Object.values(this.state.users).find((user) => user.email === wanted);
  }

  /** The DM between the bot and `userId`, created on first use. */
  openDm(userId: string): { channel: StandInChannel; created: boolean } {
    const existing = this.dmChannelFor(userId);
    if (existing) return { channel: this.state.channels[existing]!, created: false };
    const channel: StandInChannel = {
      id: this.nextId("D"),
      name: userId,
      isPrivate: true,
      isIm: true,
      isArchived: false,
      imUserId: userId,
      botIsMember: true,
      memberIds: [userId, this.state.bot.userId],
      createdAt: this.clock(),
    };
    this.state.channels[channel.id] = channel;
    this.state.messages[channel.id] = [];
    return { channel, created: true };
  }

  /**
   * Resolves a `channel` argument as Slack does: a conversation id, a user id (meaning the app's
   * DM with that user, opened on demand) or a channel name with or without "#".
   */
  resolveChannel(argument: string): StandInChannel | undefined {
    const direct = this.state.channels[argument];
    if (direct) return direct;
    if (/^[UW][A-Z0-9]+$/.test(argument) && this.state.users[argument]) return this.openDm(argument).channel;
    const name = argument.replace(/^#/, "");
    return Object.values(this.state.channels).find((channel) => !channel.isIm && channel.name === name);
  }

  /** A stable key for per-channel rate limits, without opening DMs as a side effect. */
  channelKey(argument: string): string {
    if (this.state.channels[argument]) return argument;
    if (/^[UW][A-Z0-9]+$/.test(argument)) return this.dmChannelFor(argument) ?? argument;
    return this.channelByName(argument)?.id ?? argument;
  }

  isMember(channel: StandInChannel, userId: string): boolean {
    return channel.memberIds === "everyone" || channel.memberIds.includes(userId);
  }
}
