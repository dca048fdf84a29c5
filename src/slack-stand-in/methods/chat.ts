import { z } from "zod";
import { renderMessage } from "../render.js";
import type { MessageMetadata } from "../state.js";
import { postableChannel } from "./access.js";
import { blockList, messageMetadata, parseOptionalJson } from "./args.js";
import { defineMethod, fail, succeed, type MethodOutcome } from "./method.js";

/** Slack truncates longer texts; the stand-in refuses them so tests notice. */
const MAX_TEXT_LENGTH = 40_000;

const contentFields = {
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  attachments: z.unknown().optional(),
  metadata: z.unknown().optional(),
};

interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
}

type ContentResult = { ok: true; content: MessageContent } | { ok: false; outcome: MethodOutcome };

/** Checks text, blocks, attachments and metadata the way chat.postMessage reports them. */
function parseContent(args: { text?: string; blocks?: unknown; attachments?: unknown; metadata?: unknown }): ContentResult {
  const blocks = parseOptionalJson(args.blocks, blockList);
  if (blocks.present && !blocks.ok) return { ok: false, outcome: fail("invalid_blocks") };
  const attachments = parseOptionalJson(args.attachments, z.array(z.record(z.string(), z.unknown())));
  if (attachments.present && !attachments.ok) return { ok: false, outcome: fail("invalid_attachments") };
  const metadata = parseOptionalJson(args.metadata, messageMetadata);
  if (metadata.present && !metadata.ok) return { ok: false, outcome: fail("invalid_metadata_format") };
  if ((args.text?.length ?? 0) > MAX_TEXT_LENGTH) return { ok: false, outcome: fail("msg_too_long") };
  return {
    ok: true,
    content: {
      ...(args.text !== undefined ? { text: args.text } : {}),
      ...(blocks.present && blocks.ok ? { blocks: blocks.value } : {}),
      ...(attachments.present && attachments.ok ? { attachments: attachments.value } : {}),
      ...(metadata.present && metadata.ok ? { metadata: metadata.value as MessageMetadata } : {}),
    },
  };
}

function isEmpty(content: MessageContent): boolean {
  return !content.text && !content.blocks?.length && !content.attachments?.length;
}

export const chatPostMessage = defineMethod({
  name: "chat.postMessage",
  channelArgument: "channel",
  schema: z.object({ channel: z.string().optional(), thread_ts: z.string().optional(), ...contentFields }),
  handle({ workspace }, args) {
    const access = postableChannel(workspace, args.channel);
    if (!access.ok) return fail(access.error);
    const parsed = parseContent(args);
    if (!parsed.ok) return parsed.outcome;
    if (isEmpty(parsed.content)) return fail("no_text");
    const { text, ...rest } = parsed.content;
    const message = workspace.appendMessage({
      channel: access.channel.id,
      ts: workspace.nextTs(),
      user: workspace.state.bot.userId,
      botId: workspace.state.bot.botId,
      text: text ?? "",
      ...rest,
      ...(args.thread_ts ? { threadTs: args.thread_ts } : {}),
      via: "chat.postMessage",
    });
    return succeed({
      channel: access.channel.id,
      ts: message.ts,
      message: renderMessage(message, workspace.state, { includeMetadata: true }),
    });
  },
});

export const chatPostEphemeral = defineMethod({
  name: "chat.postEphemeral",
  schema: z.object({
    channel: z.string().optional(),
    user: z.string().optional(),
    thread_ts: z.string().optional(),
    text: contentFields.text,
    blocks: contentFields.blocks,
    attachments: contentFields.attachments,
  }),
  handle({ workspace }, args) {
    const access = postableChannel(workspace, args.channel);
    if (!access.ok) return fail(access.error);
    const user = args.user ? workspace.state.users[args.user] : undefined;
    if (!user) return fail("user_not_found");
    if (user.deleted || !workspace.isMember(access.channel, user.id)) return fail("user_not_in_channel");
    const parsed = parseContent(args);
    if (!parsed.ok) return parsed.outcome;
    if (isEmpty(parsed.content)) return fail("no_text");
    const ts = workspace.nextTs();
    workspace.state.ephemerals.push({
      channel: access.channel.id,
      user: user.id,
      ts,
      text: parsed.content.text ?? "",
      ...(parsed.content.blocks ? { blocks: parsed.content.blocks } : {}),
      ...(args.thread_ts ? { threadTs: args.thread_ts } : {}),
      via: "chat.postEphemeral",
    });
    return succeed({ message_ts: ts });
  },
});

export const chatUpdate = defineMethod({
  name: "chat.update",
  schema: z.object({ channel: z.string().optional(), ts: z.string().optional(), ...contentFields }),
  handle({ workspace }, args) {
    const access = postableChannel(workspace, args.channel);
    if (!access.ok) return fail(access.error);
    const message = args.ts ? workspace.findMessage(access.channel.id, args.ts) : undefined;
    if (!message) return fail("message_not_found");
    if (message.user !== workspace.state.bot.userId) return fail("cant_update_message");
    const parsed = parseContent(args);
    if (!parsed.ok) return parsed.outcome;
    if (isEmpty(parsed.content)) return fail("no_text");
    const { text, blocks, attachments, metadata } = parsed.content;
    message.text = text ?? "";
    if (blocks) message.blocks = blocks;
    else delete message.blocks;
    if (attachments) message.attachments = attachments;
    if (metadata) message.metadata = metadata;
    message.editedTs = workspace.nextTs();
    return succeed({
      channel: access.channel.id,
      ts: message.ts,
      text: message.text,
      message: renderMessage(message, workspace.state, { includeMetadata: true }),
    });
  },
});
