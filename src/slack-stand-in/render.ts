// Slack's JSON shapes for the stand-in's records, as the Web API answers them.
import type { StandInChannel, StandInFile, StandInMessage, StandInUser, StandInView, WorkspaceState } from "./state.js";

/** Intl formatters are costly to build; users.info is answered often for the same few zones. */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string, timeZoneName: "longOffset" | "long"): Intl.DateTimeFormat {
  const key = `${timeZone}|${timeZoneName}`;
  let format = zoneFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName });
    zoneFormats.set(key, format);
  }
  return format;
}

function zoneOffsetSeconds(timeZone: string, at: Date): number {
  const part = zoneFormat(timeZone, "longOffset")
    .formatToParts(at)
    .find((candidate) => candidate.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? "");
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === "-" ? -seconds : seconds;
}

function zoneLabel(timeZone: string, at: Date): string {
  return (
    zoneFormat(timeZone, "long").formatToParts(at).find((part) => part.type === "timeZoneName")
      ?.value ?? timeZone
  );
}

/** `at` decides the offset (DST) of `tz_offset` and `tz_label`. */
export function renderUser(user: StandInUser, options: { includeLocale: boolean; at: Date; botId?: string }): Record<string, unknown> {
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: user.deleted,
    real_name: user.realName,
    tz: user.tz,
    tz_label: zoneLabel(user.tz, options.at),
    tz_offset: zoneOffsetSeconds(user.tz, options.at),
    is_bot: user.isBot,
    is_app_user: false,
    updated: Math.floor(options.at.getTime() / 1000),
    profile: {
      real_name: user.realName,
      display_name: user.name,
      real_name_normalized: user.realName,
      display_name_normalized: user.name,
      ...(user.email !== undefined ? { email: user.email } : {}),
      team: user.teamId,
      ...(user.isBot && options.botId ? { bot_id: options.botId } : {}),
    },
    ...(options.includeLocale ? { locale: user.locale } : {}),
  };
}

export function renderFile(file: StandInFile, state: WorkspaceState): Record<string, unknown> {
  const publicShares: Record<string, Array<{ ts: string }>> = {};
  const privateShares: Record<string, Array<{ ts: string }>> = {};
  for (const share of file.shares) {
    const channel = state.channels[share.channel];
    const target = channel && !channel.isPrivate ? publicShares : privateShares;
    (target[share.channel] ??= []).push({ ts: share.ts });
  }
  return {
    id: file.id,
    created: Math.floor(file.createdAt / 1000),
    timestamp: Math.floor(file.createdAt / 1000),
    name: file.filename,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filename.includes(".") ? file.filename.split(".").pop() : "binary",
    user: state.bot.userId,
    size: file.size ?? file.declaredLength,
    is_public: Object.keys(publicShares).length > 0,
    ...(file.altText !== undefined ? { alt_txt: file.altText } : {}),
    channels: file.shares.filter((share) => !state.channels[share.channel]?.isPrivate).map((share) => share.channel),
    groups: file.shares.filter((share) => state.channels[share.channel]?.isPrivate && !state.channels[share.channel]?.isIm).map((share) => share.channel),
    ims: file.shares.filter((share) => state.channels[share.channel]?.isIm).map((share) => share.channel),
    shares: {
      ...(Object.keys(publicShares).length ? { public: publicShares } : {}),
      ...(Object.keys(privateShares).length ? { private: privateShares } : {}),
    },
  };
}

export function renderMessage(message: StandInMessage, state: WorkspaceState, options: { includeMetadata: boolean }): Record<string, unknown> {
  const files = (message.fileIds ?? []).flatMap((id) => {
    const file = state.files[id];
    return file ? [renderFile(file, state)] : [];
  });
  return {
    type: "message",
    ts: message.ts,
    user: message.user,
    text: message.text,
    team: state.team.id,
    ...(message.botId ? { bot_id: message.botId, app_id: state.bot.appId } : {}),
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.editedTs ? { edited: { user: message.user, ts: message.editedTs } } : {}),
    ...(files.length ? { files, upload: true } : {}),
    ...(options.includeMetadata && message.metadata ? { metadata: message.metadata } : {}),
  };
}

export function renderChannel(channel: StandInChannel): Record<string, unknown> {
  if (channel.isIm) {
    return { id: channel.id, created: Math.floor(channel.createdAt / 1000), is_im: true, is_org_shared: false, user: channel.imUserId, is_open: true };
  }
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate,
    is_private: channel.isPrivate,
    is_archived: channel.isArchived,
    is_member: channel.botIsMember,
    created: Math.floor(channel.createdAt / 1000),
  };
}

export function renderView(view: StandInView, state: WorkspaceState): Record<string, unknown> {
  const payload = view.payload;
  return {
    id: view.id,
    team_id: state.team.id,
    type: view.type,
    title: payload["title"] ?? null,
    submit: payload["submit"] ?? null,
    close: payload["close"] ?? null,
    blocks: payload["blocks"] ?? [],
    private_metadata: view.privateMetadata ?? "",
    callback_id: view.callbackId ?? "",
    external_id: view.externalId ?? "",
    state: { values: {} },
    hash: view.hash,
    clear_on_close: payload["clear_on_close"] ?? false,
    notify_on_close: payload["notify_on_close"] ?? false,
    root_view_id: view.rootViewId,
    previous_view_id: view.previousViewId ?? null,
    app_id: state.bot.appId,
    app_installed_team_id: state.team.id,
    bot_id: state.bot.botId,
  };
}
