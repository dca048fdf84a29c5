// The built-in announcement renderer: what it accepts and what it refuses.
import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { builtInRenderers, renderAnnouncement } from "../../src/jobs/delivery-renderers.js";

describe("announcement renderer", () => {
  it("renders text, and blocks when given", async () => {
    expect(await renderAnnouncement({ text: "Q1 kick-off at 9:00" })).toEqual({ text: "Q1 kick-off at 9:00" });
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Q1 kick-off*" } }];
    expect(await renderAnnouncement({ text: "Q1 kick-off", blocks })).toEqual({ text: "Q1 kick-off", blocks });
  });

  it("refuses payloads it cannot render", async () => {
    await expect(renderAnnouncement({ text: 42 })).rejects.toBeInstanceOf(ZodError);
    await expect(renderAnnouncement({ text: "   " })).rejects.toBeInstanceOf(ZodError);
    await expect(renderAnnouncement({ text: "x", blocks: [{ text: "no type" }] })).rejects.toBeInstanceOf(ZodError);
    await expect(renderAnnouncement(null)).rejects.toBeInstanceOf(ZodError);
  });

  it("is registered under its kind", () => {
    expect(Object.keys(builtInRenderers)).toEqual(["announcement"]);
  });
});
