// Who may write where: the checks chat.postMessage, chat.update and file shares have in common.
import type { StandInChannel } from "../state.js";
import type { WorkspaceModel } from "../workspace.js";

export type Access = { ok: true; channel: StandInChannel } | { ok: false; error: string };

/** Resolves a `channel` argument and checks the bot may post there. */
export function postableChannel(workspace: WorkspaceModel, argument: string | undefined): Access {
  if (!argument) return { ok: false, error: "channel_not_found" };
  const channel = workspace.resolveChannel(argument);
  if (!channel) return { ok: false, error: "channel_not_found" };
  if (channel.isArchived) return { ok: false, error: "is_archived" };
  if (channel.isIm) {
    const user = channel.imUserId ? workspace.state.users[channel.imUserId] : undefined;
    if (!user || user.deleted) return { ok: false, error: "account_inactive" };
    return { ok: true, channel };
  }
  if (!channel.botIsMember) return { ok: false, error: "not_in_channel" };
  return { ok: true, channel };
}

/** Resolves a channel the bot wants to read (history). */
export function readableChannel(workspace: WorkspaceModel, argument: string): Access {
  const channel = workspace.state.channels[argument];
  if (!channel) return { ok: false, error: "channel_not_found" };
  if (!channel.isIm && !channel.botIsMember) return { ok: false, error: "not_in_channel" };
  return { ok: true, channel };
}
