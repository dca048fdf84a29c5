import { z } from "zod";
import { renderChannel, renderMessage } from "../render.js";
import { parseTsMicros } from "../workspace.js";
import { readableChannel } from "./access.js";
import { flag, integer } from "./args.js";
import { defineMethod, fail, succeed } from "./method.js";

export const conversationsOpen = defineMethod({
  name: "conversations.open",
  schema: z.object({ users: z.string().optional(), channel: z.string().optional(), return_im: flag.optional() }),
  handle({ workspace }, args) {
    if (args.channel) {
      const channel = workspace.state.channels[args.channel];
      if (!channel || !channel.isIm) return fail("channel_not_found");
      return succeed({ no_op: true, already_open: true, channel: args.return_im ? renderChannel(channel) : { id: channel.id } });
    }
    const ids = (args.users ?? "")
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== "" && id !== workspace.state.bot.userId);
    if (ids.length === 0) return fail("users_list_not_supplied");
    if (ids.length > 1) return fail("invalid_arguments", ["[ERROR] the stand-in opens 1:1 DMs only, not multi-person DMs"]);
    const user = workspace.state.users[ids[0]!];
    if (!user) return fail("user_not_found");
    if (user.deleted) return fail("user_disabled");
    const { channel, created } = workspace.openDm(user.id);
    return succeed({
      ...(created ? {} : { no_op: true, already_open: true }),
      channel: args.return_im ? renderChannel(channel) : { id: channel.id },
    });
  },
});

const HISTORY_MAX_LIMIT = 999;

function encodeCursor(nextTs: string): string {
  return Buffer.from(`next_ts:${nextTs}`).toString("base64");
}

function decodeCursor(cursor: string): number | undefined {
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  return decoded.startsWith("next_ts:") ? parseTsMicros(decoded.slice("next_ts:".length)) : undefined;
}

export const conversationsHistory = defineMethod({
  name: "conversations.history",
  schema: z.object({
    channel: z.string(),
    cursor: z.string().optional(),
    limit: integer.optional(),
    oldest: z.string().optional(),
    latest: z.string().optional(),
    inclusive: flag.optional(),
    include_all_metadata: flag.optional(),
  }),
  handle({ workspace }, args) {
    const access = readableChannel(workspace, args.channel);
    if (!access.ok) return fail(access.error);
    const oldest = args.oldest ? parseTsMicros(args.oldest) : undefined;
    const latest = args.latest ? parseTsMicros(args.latest) : undefined;
    if ((args.oldest && oldest === undefined) || (args.latest && latest === undefined)) return fail("invalid_ts_oldest");
    const startBefore = args.cursor ? decodeCursor(args.cursor) : undefined;
    if (args.cursor && startBefore === undefined) return fail("invalid_cursor");
    const limit = Math.min(Math.max(args.limit && args.limit > 0 ? args.limit : 100, 1), HISTORY_MAX_LIMIT);
    const inclusive = args.inclusive ?? false;

    // History lists top-level messages only; replies live in conversations.replies.
    const inRange = (workspace.state.messages[access.channel.id] ?? [])
      .filter((message) => !message.threadTs || message.threadTs === message.ts)
      .map((message) => ({ message, micros: parseTsMicros(message.ts)! }))
      .filter(({ micros }) => oldest === undefined || (inclusive ? micros >= oldest : micros > oldest))
      .filter(({ micros }) => latest === undefined || (inclusive ? micros <= latest : micros < latest))
      .filter(({ micros }) => startBefore === undefined || micros <= startBefore)
      .sort((a, b) => b.micros - a.micros);
    const page = inRange.slice(0, limit);
    const next = inRange[limit];
    const includeMetadata = args.include_all_metadata ?? false;
    return succeed({
      messages: page.map(({ message }) => renderMessage(message, workspace.state, { includeMetadata })),
      has_more: next !== undefined,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      ...(next ? { response_metadata: { next_cursor: encodeCursor(next.message.ts) } } : {}),
    });
  },
});
