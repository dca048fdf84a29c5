// The platform-neutral buttons of a reply (`actions` and `item` blocks) as Block Kit: action ids
// unique within a block, Slack's 25 elements per actions block and 75 characters per label.
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { renderBlockKit } from "../../src/slack/render/block-kit.js";
import { WHAT_IF_DEAL_ACTION_ID } from "../../src/slack/actions/what-if-deal.js";

const more = (count: number) => `…and ${count} more`;
const button = (n: number) => ({ label: `${n}. Deal ${n}`, actionId: "what_if_deal", value: `{"n":${n}}` });

describe("renderBlockKit buttons", () => {
  it("renders an item as a section with its button as accessory", () => {
    const reply: Reply = { summary: "s", blocks: [{ kind: "item", text: "1. *Acme* <x>", button: button(1) }] };
    expect(renderBlockKit(reply, more).blocks).toEqual([
      {
        type: "section",
        text: { type: "mrkdwn", text: "1. *Acme* &lt;x&gt;" },
        accessory: { type: "button", text: { type: "plain_text", text: "1. Deal 1", emoji: true }, action_id: "what_if_deal", value: '{"n":1}' },
      },
    ]);
  });

  it("keeps action ids unique within an actions block, 25 buttons a block, labels within 75 characters", () => {
    const buttons = Array.from({ length: 27 }, (_, i) => button(i + 1));
    buttons[0] = { ...buttons[0]!, label: "x".repeat(100) };
    const blocks = renderBlockKit({ summary: "s", blocks: [{ kind: "actions", buttons }] }, more).blocks;
    expect(blocks.map((block) => (block.elements as unknown[]).length)).toEqual([25, 2]);
    const first = blocks[0]!.elements as Array<{ action_id: string; text: { text: string }; value: string }>;
    expect(first.slice(0, 3).map((element) => element.action_id)).toEqual(["what_if_deal", "what_if_deal:1", "what_if_deal:2"]);
    expect(new Set(first.map((element) => element.action_id)).size).toBe(25);
    expect(first[0]!.text.text).toHaveLength(75);
    expect(first[1]!.value).toBe('{"n":2}');
    // Every id the renderer makes is one the listener answers; others are not.
    for (const element of first) expect(WHAT_IF_DEAL_ACTION_ID.test(element.action_id)).toBe(true);
    expect(WHAT_IF_DEAL_ACTION_ID.test("what_if_dealer")).toBe(false);
  });
});
