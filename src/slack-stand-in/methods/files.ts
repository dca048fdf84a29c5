import { randomBytes } from "node:crypto";
import { z } from "zod";
import { postableChannel } from "./access.js";
import { blockList, integer, json, parseOptionalJson } from "./args.js";
import { defineMethod, fail, succeed } from "./method.js";
import type { StandInChannel } from "../state.js";

const MIME_TYPES: Record<string, string> = {
  csv: "text/csv",
  txt: "text/plain",
  md: "text/markdown",
  json: "application/json",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function mimeTypeOf(filename: string): string {
  const extension = filename.includes(".") ? filename.split(".").pop()!.toLowerCase() : "";
  return MIME_TYPES[extension] ?? "application/octet-stream";
}

export const filesGetUploadUrlExternal = defineMethod({
  name: "files.getUploadURLExternal",
  schema: z.object({
    filename: z.string().min(1),
    length: integer,
    alt_txt: z.string().optional(),
    alt_text: z.string().optional(),
    snippet_type: z.string().optional(),
  }),
  handle({ workspace }, args) {
    if (args.length <= 0) return fail("invalid_arguments", ["[ERROR] length must be a positive number of bytes"]);
    const altText = args.alt_txt ?? args.alt_text;
    if (altText !== undefined && altText.length > 1000) return fail("alt_txt_too_large");
    const id = workspace.nextId("F");
    const uploadSecret = randomBytes(12).toString("hex");
    workspace.state.files[id] = {
      id,
      filename: args.filename,
      title: args.filename,
      declaredLength: args.length,
      mimetype: mimeTypeOf(args.filename),
      ...(altText !== undefined ? { altText } : {}),
      ...(args.snippet_type !== undefined ? { snippetType: args.snippet_type } : {}),
      uploadSecret,
      createdAt: workspace.clock(),
      shares: [],
    };
    return succeed({ upload_url: `${workspace.origin()}/upload/v1/${id}/${uploadSecret}`, file_id: id });
  },
});

export const filesCompleteUploadExternal = defineMethod({
  name: "files.completeUploadExternal",
  schema: z.object({
    files: json(z.array(z.object({ id: z.string(), title: z.string().optional() })).min(1)),
    channel_id: z.string().optional(),
    channels: z.string().optional(),
    initial_comment: z.string().optional(),
    thread_ts: z.string().optional(),
    blocks: z.unknown().optional(),
  }),
  handle({ workspace }, args) {
    const files = args.files.map((entry) => ({ entry, file: workspace.state.files[entry.id] }));
    if (files.some(({ file }) => !file || file.bytesBase64 === undefined)) return fail("file_not_found");
    const blocks = parseOptionalJson(args.blocks, blockList);
    if (blocks.present && !blocks.ok) return fail("invalid_blocks");

    const targets = [args.channel_id, ...(args.channels ?? "").split(",")].map((id) => id?.trim()).filter((id): id is string => !!id);
    const channels: StandInChannel[] = [];
    for (const target of targets) {
      const access = postableChannel(workspace, target);
      if (!access.ok) return fail(access.error === "channel_not_found" ? "invalid_channel" : access.error);
      if (!channels.some((channel) => channel.id === access.channel.id)) channels.push(access.channel);
    }

    const now = workspace.clock();
    for (const { entry, file } of files) {
      file!.title = entry.title ?? file!.title;
      file!.completedAt = now;
    }
    for (const channel of channels) {
      const message = workspace.appendMessage({
        channel: channel.id,
        ts: workspace.nextTs(),
        user: workspace.state.bot.userId,
        botId: workspace.state.bot.botId,
        // Slack ignores blocks when an initial comment is given.
        text: args.initial_comment ?? "",
        ...(args.initial_comment === undefined && blocks.present && blocks.ok ? { blocks: blocks.value } : {}),
        ...(args.thread_ts ? { threadTs: args.thread_ts } : {}),
        fileIds: files.map(({ file }) => file!.id),
        via: "files.completeUploadExternal",
      });
      for (const { file } of files) file!.shares.push({ channel: channel.id, ts: message.ts });
    }
    return succeed({ files: files.map(({ file }) => ({ id: file!.id, title: file!.title })) });
  },
});
