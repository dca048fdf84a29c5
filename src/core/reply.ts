// A platform-neutral reply: what to say, already localised and formatted, in a few block kinds
// that Slack (Block Kit), Teams (Adaptive Cards) and the terminal can each render.
// Text may use *bold* and _italic_ marks; renderers translate them.

export type ReplyBlock =
  | { kind: "heading"; text: string }
  | { kind: "text"; text: string }
  /** Label/value pairs shown side by side where the platform allows. */
  | { kind: "fields"; fields: ReadonlyArray<{ label: string; value: string }> }
  /** A list that may be cut: `moreCount` items were left out ("…and N more"). */
  | { kind: "list"; title?: string; items: readonly string[]; moreCount: number }
  | { kind: "context"; text: string }
  | { kind: "divider" };

export interface Reply {
  /** Plain one-line summary, for notifications and platforms that show no blocks. */
  summary: string;
  blocks: ReplyBlock[];
}

/** Keeps the first `max` items and counts the rest, so renderers can say "…and N more". */
export function cutList(items: readonly string[], max: number): { items: string[]; moreCount: number } {
  return { items: items.slice(0, max), moreCount: Math.max(0, items.length - max) };
}
