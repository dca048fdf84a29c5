// Renders a platform-neutral Reply as Block Kit within Slack's documented limits: at most 50
// blocks a message, 3,000 characters a section's text, 10 fields of 2,000 characters a section,
// 150 characters a header. What does not fit is cut with "…and N more", never sent to fail.
import type { Reply, ReplyBlock, ReplyButton } from "../../core/reply.js";

export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_FIELDS = 10;
export const MAX_FIELD_TEXT = 2000;
export const MAX_HEADER_TEXT = 150;
export const MAX_ACTIONS_ELEMENTS = 25;
export const MAX_BUTTON_TEXT = 75;

export interface SlackBlock {
  type: string;
  [key: string]: unknown;
}

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Our marks are Slack's own mrkdwn; only the three control characters need escaping. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function section(text: string): SlackBlock {
  return { type: "section", text: { type: "mrkdwn", text: clip(text, MAX_SECTION_TEXT) } };
}

/**
 * A button element. Action ids must be unique within a block, so a repeated one gets `:<n>`
 * appended (listeners match `^<actionId>(:\d+)?$`).
 */
function button(spec: ReplyButton, actionId: string): SlackBlock {
  return { type: "button", text: { type: "plain_text", text: clip(spec.label, MAX_BUTTON_TEXT), emoji: true }, action_id: actionId, value: spec.value };
}

function actionsBlocks(buttons: readonly ReplyButton[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += MAX_ACTIONS_ELEMENTS) {
    const chunk = buttons.slice(i, i + MAX_ACTIONS_ELEMENTS);
    const seen = new Map<string, number>();
    const elements = chunk.map((spec) => {
      const count = seen.get(spec.actionId) ?? 0;
      seen.set(spec.actionId, count + 1);
      return button(spec, count === 0 ? spec.actionId : `${spec.actionId}:${count}`);
    });
    out.push({ type: "actions", elements });
  }
  return out;
}

/** Packs list items into as few sections as the character limit allows. */
function listBlocks(block: Extract<ReplyBlock, { kind: "list" }>, moreLabel: (count: number) => string): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current = block.title ? `*${escapeMrkdwn(block.title)}*` : "";
  for (const item of block.items) {
    const line = `• ${escapeMrkdwn(item)}`;
    const next = current ? `${current}\n${line}` : line;
    if (next.length > MAX_SECTION_TEXT && current) {
      blocks.push(section(current));
      current = clip(line, MAX_SECTION_TEXT);
    } else {
      current = clip(next, MAX_SECTION_TEXT);
    }
  }
  if (current) blocks.push(section(current));
  if (block.moreCount > 0) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(moreLabel(block.moreCount)) }] });
  return blocks;
}

function toBlocks(block: ReplyBlock, moreLabel: (count: number) => string): SlackBlock[] {
  switch (block.kind) {
    case "heading":
      return [{ type: "header", text: { type: "plain_text", text: clip(block.text, MAX_HEADER_TEXT), emoji: true } }];
    case "text":
      return [section(escapeMrkdwn(block.text))];
    case "fields": {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.fields.length; i += MAX_FIELDS) {
        out.push({
          type: "section",
          fields: block.fields.slice(i, i + MAX_FIELDS).map((field) => ({
            type: "mrkdwn",
            text: clip(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`, MAX_FIELD_TEXT),
          })),
        });
      }
      return out;
    }
    case "list":
      return listBlocks(block, moreLabel);
    case "context":
      return [{ type: "context", elements: [{ type: "mrkdwn", text: clip(escapeMrkdwn(block.text), MAX_FIELD_TEXT) }] }];
    case "divider":
      return [{ type: "divider" }];
    case "actions":
      return actionsBlocks(block.buttons);
    case "item":
      return [{ ...section(escapeMrkdwn(block.text)), accessory: button(block.button, block.button.actionId) }];
  }
}

/**
 * Block Kit for a reply. If the blocks exceed 50, the tail is replaced by one context block
 * saying how many list lines were left out (counted from the blocks dropped).
 */
export function renderBlockKit(reply: Reply, moreLabel: (count: number) => string): SlackMessage {
  const blocks = reply.blocks.flatMap((block) => toBlocks(block, moreLabel));
  if (blocks.length > MAX_BLOCKS) {
    const kept = blocks.slice(0, MAX_BLOCKS - 1);
    const dropped = blocks.slice(MAX_BLOCKS - 1);
    const droppedLines = dropped.reduce((sum, block) => {
      const text = (block.text as { text?: string } | undefined)?.text ?? "";
      return sum + Math.max(1, text.split("\n").filter((line) => line.startsWith("• ")).length);
    }, 0);
    kept.push({ type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(moreLabel(droppedLines)) }] });
    return { text: clip(reply.summary, 3000), blocks: kept };
  }
  return { text: clip(reply.summary, 3000), blocks };
}
