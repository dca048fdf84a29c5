// Block Kit as terminal text, for the chat CLI: what a person would read in Slack, without Slack.
// Headers in capitals and underlined, section fields as aligned "label: value" lines, context
// dimmed and indented, mrkdwn marks removed and HTML entities unescaped. Unknown blocks are skipped.

export interface BlockKitTextOptions {
  /** ANSI dim/bold; off by default (tests, pipes). */
  color?: boolean;
  /** Width of divider lines, in characters. Default 40. */
  width?: number;
  /**
   * What to add to an image block showing an uploaded file (`slack_file: { id }`), by file id,
   * e.g. "saved to data/local-files/F1.png"; the line reads `[image: <title> — <note>]`.
   */
  fileNotes?: Readonly<Record<string, string>>;
  /**
   * Number the rows of buttons and selects ("3▸ [ 0 ]  [ 1 ] …") and list a select's options, so
   * that a person can say which to click (`npm run chat -- --click 3:7`). Off by default.
   */
  numberActions?: boolean;
}

const DIM = ["\x1b[2m", "\x1b[22m"] as const;
const BOLD = ["\x1b[1m", "\x1b[22m"] as const;

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function unescapeEntities(text: string): string {
  // &amp; last, so "&amp;lt;" stays the literal text "&lt;".
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** A `<…>` token of mrkdwn as plain text: links, mentions, channel refs, dates, special mentions. */
function plainReference(inner: string): string {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith("@")) return label ? `@${label.replace(/^@/, "")}` : target;
  if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
  if (target.startsWith("!subteam^")) return label ?? "@group";
  if (target.startsWith("!date^")) return label ?? "";
  if (target.startsWith("!")) return `@${target.slice(1)}`;
  if (label && label !== target) return `${label} (${target})`;
  return target;
}

// A mark opens after a line start, space or opening punctuation and closes before the end,
// a space or punctuation, as Slack requires; so "a*b*c" and "e_mail_x" keep their characters.
const MARK_BEFORE = String.raw`(^|[\s(\[{"'“‘])`;
const MARK_AFTER = String.raw`(?=$|[\s)\]}"'”’.,;:!?])`;
const MARKS = [String.raw`\*`, "_", "~"].map(
  (mark) => new RegExp(`${MARK_BEFORE}${mark}(?=\\S)([^${mark}\\n]*?\\S)${mark}${MARK_AFTER}`, "gmu"),
);

/** Slack mrkdwn as plain text: *bold*, _italic_ and ~strike~ marks removed, links spelled out, entities unescaped. */
export function mrkdwnToText(text: string): string {
  let out = text.replace(/<([^<>\n]+)>/g, (_, inner: string) => plainReference(inner));
  for (const mark of MARKS) out = out.replace(mark, "$1$2");
  return unescapeEntities(out);
}

/** A text object ({ type: "mrkdwn" | "plain_text", text }) as plain text. */
function textOf(value: unknown): string {
  const object = asObject(value);
  if (!object) return "";
  const text = asString(object["text"]);
  return object["type"] === "mrkdwn" ? mrkdwnToText(text) : text;
}

function paint(text: string, style: readonly [string, string], options: BlockKitTextOptions): string {
  return options.color && text ? `${style[0]}${text}${style[1]}` : text;
}

/** Lines starting with "- " or "* " become bullets, as they read in Slack. */
function bulletLines(text: string): string {
  return text.replace(/^(\s*)[-*] (?=\S)/gm, "$1• ");
}

/** Fields as "label: value" with the values lined up; a field's first line is its label when it has two. */
function fieldLines(fields: unknown[]): string[] {
  const pairs = fields.map((field) => {
    const lines = textOf(field).split("\n");
    return lines.length > 1 ? { label: lines[0]!.trim(), value: lines.slice(1) } : { label: "", value: lines };
  });
  const width = Math.max(0, ...pairs.filter((pair) => pair.label).map((pair) => pair.label.length + 1));
  return pairs.flatMap(({ label, value }) => {
    if (!label) return value;
    const indent = " ".repeat(width + 1);
    return value.map((line, index) => (index === 0 ? `${`${label}:`.padEnd(width)} ${line}` : `${indent}${line}`).trimEnd());
  });
}

function elementText(element: unknown): string {
  const object = asObject(element);
  if (!object) return "";
  switch (object["type"]) {
    case "mrkdwn":
    case "plain_text":
      return textOf(object);
    case "image":
      return object["alt_text"] ? `[${asString(object["alt_text"])}]` : "";
    case "button":
      return `[ ${textOf(object["text"])} ]`;
    default:
      return textOf(object["text"]) || textOf(object["placeholder"]);
  }
}

/** rich_text: sections, lists (bulleted or numbered, nested by indent), code and quotes. */
function richTextLines(elements: unknown[]): string[] {
  const inline = (items: unknown[]): string =>
    items
      .map((item) => {
        const object = asObject(item) ?? {};
        switch (object["type"]) {
          case "text":
            return asString(object["text"]);
          case "link":
            return asString(object["text"]) || asString(object["url"]);
          case "user":
            return `@${asString(object["user_id"])}`;
          case "channel":
            return `#${asString(object["channel_id"])}`;
          case "emoji":
            return `:${asString(object["name"])}:`;
          case "broadcast":
            return `@${asString(object["range"])}`;
          default:
            return asString(object["text"]);
        }
      })
      .join("");
  return elements.flatMap((element) => {
    const object = asObject(element) ?? {};
    const children = asArray(object["elements"]);
    switch (object["type"]) {
      case "rich_text_list": {
        const indent = "  ".repeat(Number(object["indent"] ?? 0));
        const ordered = object["style"] === "ordered";
        return children.map((child, index) => `${indent}${ordered ? `${index + 1}.` : "•"} ${inline(asArray(asObject(child)?.["elements"]))}`);
      }
      case "rich_text_preformatted":
        return inline(children).split("\n").map((line) => `    ${line}`);
      case "rich_text_quote":
        return inline(children).split("\n").map((line) => `> ${line}`);
      default:
        return inline(children).split("\n");
    }
  });
}

/** A select with its options spelled out: "[ Choose ▾ Great | Fine | Poor ]", the picked one marked. */
function selectText(element: Json): string {
  const picked = asObject(element["initial_option"]);
  const options = asArray(element["options"]).map((option) => {
    const object = asObject(option) ?? {};
    const label = textOf(object["text"]);
    return picked && picked["value"] === object["value"] ? `✓${label}` : label;
  });
  return `[ ${textOf(element["placeholder"]) || "select"} ▾ ${options.join(" | ")} ]`;
}

function blockLines(block: Json, options: BlockKitTextOptions, row?: number): string[] {
  switch (block["type"]) {
    case "header": {
      const title = textOf(block["text"]).toLocaleUpperCase();
      return [paint(title, BOLD, options), "=".repeat(title.length)];
    }
    case "section": {
      const lines: string[] = [];
      const text = textOf(block["text"]);
      if (text) lines.push(...bulletLines(text).split("\n"));
      lines.push(...fieldLines(asArray(block["fields"])));
      const accessory = elementText(block["accessory"]);
      if (accessory) lines.push(accessory);
      return lines;
    }
    case "context": {
      const text = asArray(block["elements"]).map(elementText).filter(Boolean).join("  ");
      return text.split("\n").map((line) => paint(`  ${line}`, DIM, options));
    }
    case "divider":
      return ["─".repeat(options.width ?? 40)];
    case "rich_text":
      return richTextLines(asArray(block["elements"]));
    case "actions": {
      const elements = asArray(block["elements"]).map((element) => {
        const object = asObject(element);
        if (row === undefined || !object) return elementText(element);
        if (object["type"] === "static_select") return selectText(object);
        // The answer given so far is the primary button.
        return object["type"] === "button" && object["style"] === "primary" ? `[ ✓${textOf(object["text"])} ]` : elementText(element);
      });
      const line = elements.filter(Boolean).join("  ");
      return [row !== undefined ? `${row}▸ ${line}` : line];
    }
    case "image": {
      const title = textOf(block["title"]) || asString(block["alt_text"]);
      const fileId = asString(asObject(block["slack_file"])?.["id"]);
      const note = fileId && Object.hasOwn(options.fileNotes ?? {}, fileId) ? options.fileNotes![fileId] : undefined;
      if (note) return [`[image: ${title || fileId} — ${note}]`];
      return title ? [`[image: ${title}]`] : [];
    }
    case "input":
      return [`${textOf(block["label"])}: ${elementText(block["element"])}`];
    default:
      return [];
  }
}

/** Blocks as lines of text, separated by newlines; a header after other blocks gets a blank line before it. */
export function blockKitToText(blocks: readonly unknown[], options: BlockKitTextOptions = {}): string {
  const out: string[] = [];
  let rows = 0;
  for (const value of blocks) {
    const block = asObject(value);
    if (!block) continue;
    const row = options.numberActions && block["type"] === "actions" ? ++rows : undefined;
    const lines = blockLines(block, options, row);
    if (lines.length === 0) continue;
    if (block["type"] === "header" && out.length > 0) out.push("");
    out.push(...lines);
  }
  return out.join("\n");
}

/** A message as a person reads it: its blocks when it has any, else its mrkdwn text. */
export function messageToText(message: { text?: unknown; blocks?: unknown }, options: BlockKitTextOptions = {}): string {
  const blocks = asArray(message.blocks);
  if (blocks.length > 0) {
    const rendered = blockKitToText(blocks, options);
    if (rendered) return rendered;
  }
  return bulletLines(mrkdwnToText(asString(message.text)));
}
