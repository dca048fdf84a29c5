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
  | { kind: "divider" }
  /** A row of buttons (a renderer may wrap it over several rows). */
  | { kind: "actions"; buttons: readonly ReplyButton[] }
  /** A line of text with one button beside it, e.g. a deal and its "What if this closes?". */
  | { kind: "item"; text: string; button: ReplyButton };

/**
 * A button as data: what it says, which action it runs and the value that action receives.
 * The action re-checks everything the value names (it can be altered on the way back).
 */
export interface ReplyButton {
  /** Shown on the button; renderers may shorten it (Slack: 75 characters). */
  label: string;
  /** Which action handles the press, e.g. `what_if_deal` (src/core/use-cases/what-if-deal-value.ts). */
  actionId: string;
  /** What the action receives; at most 2,000 characters. */
  value: string;
}

export interface Reply {
  /** Plain one-line summary, for notifications and platforms that show no blocks. */
  summary: string;
  blocks: ReplyBlock[];
}

/** Keeps the first `max` items and counts the rest, so renderers can say "…and N more". */
export function cutList(items: readonly string[], max: number): { items: string[]; moreCount: number } {
  return { items: items.slice(0, max), moreCount: Math.max(0, items.length - max) };
}
