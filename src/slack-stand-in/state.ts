// The stand-in's whole workspace as plain, JSON-serialisable data, so that it can be
// snapshotted, restored or persisted later without touching the code that uses it.

export interface StandInUser {
  id: string;
  teamId: string;
  /** Slack handle, e.g. "ana.ruiz". */
  name: string;
  realName: string;
  email?: string;
  /** IANA time zone, e.g. "Europe/Madrid". */
  tz: string;
  /** BCP 47 locale, e.g. "es-ES". */
  locale: string;
  deleted: boolean;
  isBot: boolean;
}

export interface StandInChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  isArchived: boolean;
  /** For a DM: the human at the other end. */
  imUserId?: string;
  botIsMember: boolean;
  /** Users in the channel; "everyone" for a public channel nobody listed. */
  memberIds: string[] | "everyone";
  createdAt: number;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface StandInMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  /** Author: the bot's user id for messages the app posted. */
  user: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
  fileIds?: string[];
  editedTs?: string;
  /** Which path stored it: a Web API method, a response_url, or a seed. */
  via: string;
}

export interface StandInEphemeral {
  channel: string;
  user: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
  via: "chat.postEphemeral" | "response_url";
  responseUrlId?: string;
  /** Set when a later response_url post replaced this one. */
  replacedAt?: number;
}

export interface StandInView {
  id: string;
  type: string;
  /** The user the view was opened for or published to, when known. */
  userId?: string;
  externalId?: string;
  callbackId?: string;
  privateMetadata?: string;
  hash: string;
  rootViewId: string;
  previousViewId?: string;
  /** The view object exactly as the app sent it last. */
  payload: Record<string, unknown>;
  openedAt: number;
  updatedAt: number;
  /** When a submission closed the modal. */
  closedAt?: number;
}

export interface StandInFile {
  id: string;
  filename: string;
  title: string;
  /** Bytes announced to files.getUploadURLExternal. */
  declaredLength: number;
  /** Bytes actually received at the upload URL, base64; absent until uploaded. */
  bytesBase64?: string;
  size?: number;
  mimetype: string;
  altText?: string;
  snippetType?: string;
  uploadSecret: string;
  createdAt: number;
  uploadedAt?: number;
  completedAt?: number;
  shares: Array<{ channel: string; ts: string }>;
}

export interface StandInResponseUrl {
  id: string;
  secret: string;
  channel: string;
  user: string;
  /** The message an interaction came from, for replace_original / delete_original. */
  originalMessageTs?: string;
  createdAt: number;
  uses: number;
}

export interface StandInResponsePost {
  responseUrlId: string;
  at: number;
  body: Record<string, unknown>;
  accepted: boolean;
  /** Why Slack would refuse it: "expired_url" or "used_url". */
  error?: string;
}

export interface StandInTrigger {
  id: string;
  userId: string;
  createdAt: number;
  exchanged: boolean;
}

export interface StandInCall {
  method: string;
  at: number;
  httpStatus: number;
  ok: boolean;
  error?: string;
  /** For channel-scoped methods, the channel argument as sent. */
  channel?: string;
  /** Set when failNext shaped this answer. */
  fault?: string;
}

export interface WorkspaceState {
  team: { id: string; name: string; domain: string };
  bot: { userId: string; botId: string; appId: string; name: string };
  users: Record<string, StandInUser>;
  channels: Record<string, StandInChannel>;
  /** Per channel, oldest first. */
  messages: Record<string, StandInMessage[]>;
  ephemerals: StandInEphemeral[];
  views: Record<string, StandInView>;
  /** user id -> view id of their App Home. */
  homeViews: Record<string, string>;
  files: Record<string, StandInFile>;
  responseUrls: Record<string, StandInResponseUrl>;
  responsePosts: StandInResponsePost[];
  triggers: Record<string, StandInTrigger>;
  calls: StandInCall[];
  /** Next number per id prefix, so ids stay unique across a restore. */
  counters: Record<string, number>;
  /** Last message ts handed out, in microseconds; keeps ts strictly increasing. */
  lastTsMicros: number;
}
