import { describe, expect, it } from "vitest";
import { blockKitToText, messageToText, mrkdwnToText } from "../../src/cli/block-kit-text.js";

const mrkdwn = (text: string) => ({ type: "mrkdwn", text });

describe("mrkdwnToText", () => {
  it("removes bold, italic and strike marks", () => {
    expect(mrkdwnToText("*Attainment* is _on pace_, ~behind~ no more")).toBe("Attainment is on pace, behind no more");
  });

  it("keeps asterisks and underscores that are not marks", () => {
    expect(mrkdwnToText("2*3*4 and ana_ruiz_x@demo.salesops.test and * not bold *")).toBe(
      "2*3*4 and ana_ruiz_x@demo.salesops.test and * not bold *",
    );
  });

  it("unescapes entities after reading links, and only once", () => {
    expect(mrkdwnToText("Gap &lt; RM 40k &amp; pace &gt; 1 &amp;lt;")).toBe("Gap < RM 40k & pace > 1 &lt;");
  });

  it("spells out links, mentions, channels and dates", () => {
    expect(mrkdwnToText("See <https://example.test/q|the plan>, <https://example.test>, <@U123> in <#C9|apac> <!here> by <!date^1700000000^{date}|Nov 14>")).toBe(
      "See the plan (https://example.test/q), https://example.test, @U123 in #apac @here by Nov 14",
    );
  });
});

describe("blockKitToText", () => {
  it("renders a quota reply: header, aligned fields, bullets and a dimmed context", () => {
    const blocks = [
      { type: "header", text: { type: "plain_text", text: "Your quota — Q3 2025" } },
      {
        type: "section",
        fields: [mrkdwn("*Attainment*\n72%"), mrkdwn("*Gap to quota*\nRM 210,000"), mrkdwn("*Pace*\nbehind")],
      },
      { type: "divider" },
      { type: "section", text: mrkdwn("*If Sinar Logistik closes*\n• attainment 81%\n• commission RM 12,400") },
      { type: "context", elements: [mrkdwn("Figures as of 3 Mar, Asia/Kuala_Lumpur")] },
    ];
    expect(blockKitToText(blocks, { width: 10 })).toBe(
      [
        "YOUR QUOTA — Q3 2025",
        "====================",
        "Attainment:   72%",
        "Gap to quota: RM 210,000",
        "Pace:         behind",
        "──────────",
        "If Sinar Logistik closes",
        "• attainment 81%",
        "• commission RM 12,400",
        "  Figures as of 3 Mar, Asia/Kuala_Lumpur",
      ].join("\n"),
    );
  });

  it("puts a blank line before a header that follows other blocks", () => {
    const text = blockKitToText([
      { type: "section", text: mrkdwn("first") },
      { type: "header", text: { type: "plain_text", text: "Team" } },
    ]);
    expect(text).toBe("first\n\nTEAM\n====");
  });

  it("indents the continuation lines of a multi-line field value", () => {
    const text = blockKitToText([{ type: "section", fields: [mrkdwn("*Deals*\nSinar\nMutiara"), mrkdwn("no label")] }]);
    expect(text).toBe("Deals: Sinar\n       Mutiara\nno label");
  });

  it("turns dash lists into bullets and leaves plain_text alone", () => {
    expect(blockKitToText([{ type: "section", text: mrkdwn("- one\n- *two*") }])).toBe("• one\n• two");
    expect(blockKitToText([{ type: "section", text: { type: "plain_text", text: "*literal* &lt;" } }])).toBe("*literal* &lt;");
  });

  it("dims context lines with ANSI codes when colour is on, and bolds headers", () => {
    const text = blockKitToText(
      [
        { type: "header", text: { type: "plain_text", text: "Hi" } },
        { type: "context", elements: [mrkdwn("small print"), { type: "image", image_url: "x", alt_text: "logo" }] },
      ],
      { color: true },
    );
    expect(text).toBe("\x1b[1mHI\x1b[22m\n==\n\x1b[2m  small print  [logo]\x1b[22m");
  });

  it("renders rich text lists and skips unknown or malformed blocks", () => {
    const blocks = [
      null,
      { type: "mystery" },
      {
        type: "rich_text",
        elements: [
          { type: "rich_text_section", elements: [{ type: "text", text: "Next steps" }] },
          {
            type: "rich_text_list",
            style: "ordered",
            elements: [
              { type: "rich_text_section", elements: [{ type: "text", text: "Call " }, { type: "user", user_id: "U1" }] },
              { type: "rich_text_section", elements: [{ type: "link", url: "https://x.test", text: "Send deck" }] },
            ],
          },
        ],
      },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Submit call" } }] },
    ];
    expect(blockKitToText(blocks)).toBe("Next steps\n1. Call @U1\n2. Send deck\n[ Submit call ]");
  });
});

describe("image blocks", () => {
  const chart = {
    type: "image",
    slack_file: { id: "F0CHART01" },
    alt_text: "Commit rose from RM 1.8M to RM 5.8M",
    title: { type: "plain_text", text: "APAC Enterprise — Q3 FY2026: forecast against quota" },
  };

  it("shows the title, and where an uploaded file was saved when told", () => {
    expect(blockKitToText([chart])).toBe("[image: APAC Enterprise — Q3 FY2026: forecast against quota]");
    expect(blockKitToText([chart], { fileNotes: { F0CHART01: "saved to /data/local-files/F0CHART01.png" } })).toBe(
      "[image: APAC Enterprise — Q3 FY2026: forecast against quota — saved to /data/local-files/F0CHART01.png]",
    );
  });

  it("falls back to the alt text, then the file id, and ignores notes for other files", () => {
    const untitled = { type: "image", slack_file: { id: "F0CHART01" }, alt_text: "trend" };
    expect(blockKitToText([untitled], { fileNotes: { F0CHART01: "saved to x.png" } })).toBe("[image: trend — saved to x.png]");
    expect(blockKitToText([{ type: "image", slack_file: { id: "F0CHART01" } }], { fileNotes: { F0CHART01: "not available (file_not_found)" } })).toBe(
      "[image: F0CHART01 — not available (file_not_found)]",
    );
    expect(blockKitToText([chart], { fileNotes: { F0OTHER: "saved to y.png", toString: "inherited" } as Record<string, string> })).toBe(
      "[image: APAC Enterprise — Q3 FY2026: forecast against quota]",
    );
    expect(blockKitToText([{ type: "image", image_url: "https://x.test/a.png", alt_text: "logo" }], { fileNotes: { F0CHART01: "saved" } })).toBe("[image: logo]");
  });
});

describe("messageToText", () => {
  it("prefers blocks and falls back to the text", () => {
    expect(messageToText({ text: "fallback", blocks: [{ type: "section", text: mrkdwn("*from blocks*") }] })).toBe("from blocks");
    expect(messageToText({ text: "*Only* text &amp; more" })).toBe("Only text & more");
    expect(messageToText({ text: "fallback", blocks: [{ type: "mystery" }] })).toBe("fallback");
  });
});
