import { describe, expect, it } from "vitest";
import type { AnswerableRound, PulseAnswerStore } from "../../src/core/pulse/index.js";
import { createInMemorySalesData } from "../../src/core/use-cases/testing/in-memory-sales-data.js";
import { NOW, sampleSeed, TENANT_ID } from "../../src/core/use-cases/testing/sample-sales-org.js";
import { DeliveryRenderError, DeliverySkipped } from "../../src/jobs/delivery-renderers.js";
import { createPulseInviteRenderer } from "../../src/jobs/render/pulse-invite.js";
import { createPulseTokens } from "../../src/security/pulse-tokens.js";
import { parseAnswerBlockId } from "../../src/slack/render/pulse-survey.js";
import { ANSWERING_SURVEY } from "../support/pulse-answering.js";

// The sample organisation: Maria Tan (rep, Kuala Lumpur) has Slack id UPMARIA.
const ROUND_ID = "3f0c1a52-8f0e-4a57-9b7e-6d1d2c3b4a59";
const SECRET = "unit-test-pulse-secret-0123456789abcdef";
const round: AnswerableRound = {
  id: ROUND_ID,
  tenantId: TENANT_ID,
  status: "open",
  // Friday 14 Aug 2026, 09:00 UTC = 17:00 in Kuala Lumpur.
  closesAt: new Date("2026-08-14T09:00:00.000Z"),
  closedAt: null,
  definition: ANSWERING_SURVEY,
  threshold: 5,
  commentThreshold: 5,
};

function renderer(rounds: AnswerableRound[] = [round], now = NOW) {
  const store: PulseAnswerStore = {
    round: async (tenantId, roundId) => rounds.find((candidate) => candidate.id === roundId && candidate.tenantId === tenantId) ?? null,
    isInvited: async () => true,
    sealedResponse: async () => null,
    saveResponse: async () => "saved",
    markAnswered: async () => {},
  };
  return createPulseInviteRenderer({ store, data: createInMemorySalesData(sampleSeed()), tokens: async () => createPulseTokens(SECRET), clock: { now: () => now } });
}

const delivery = { id: "d-1", tenantId: TENANT_ID, recipient: "UPMARIA" };

describe("the pulse_invite renderer", () => {
  it("renders the survey in the payload's language with a fresh token of the round in every row", async () => {
    const render = renderer();
    const first = await render({ roundId: ROUND_ID, locale: "ms" }, delivery);
    expect(first.text).toBe("Tinjauan pulse: Pulse pasukan — seminit masa anda, dijawab tanpa nama. 0 daripada 5 soalan dijawab — 4 lagi perlu dijawab sebelum anda dikira telah menjawab (hanya selepas itu jawapan anda dikira dalam keputusan).");
    const rows = (first.blocks as Array<Record<string, unknown>>).filter((block) => block.type === "actions");
    const targets = rows.map((row) => parseAnswerBlockId(String(row.block_id))!);
    expect(targets.map((target) => target.questionId)).toEqual(["enps", "workload", "mood", "tool", "comment"]);
    const token = targets[0]!.token;
    expect(new Set(targets.map((target) => target.token))).toEqual(new Set([token]));
    expect(createPulseTokens(SECRET).verify(ROUND_ID, token, delivery.recipient)?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // Issued to this recipient only.
    expect(createPulseTokens(SECRET).verify(ROUND_ID, token, "U0SOMEONEELSE")).toBeNull();
    const second = await render({ roundId: ROUND_ID, locale: "ms" }, delivery);
    expect(JSON.stringify(second.blocks)).not.toContain(token);
    // Maria is a rep: the notice mentions her band.
    expect(JSON.stringify(first.blocks)).toContain("julat pencapaian kuota anda");
  });

  it("fails for good on a payload it cannot read or without its delivery row", async () => {
    const render = renderer();
    await expect(render({ roundId: "nope", locale: "en" }, delivery)).rejects.toThrow(DeliveryRenderError);
    await expect(render({ roundId: ROUND_ID, locale: "fr" }, delivery)).rejects.toThrow("The pulse invitation payload is not valid at locale");
    await expect(render({ roundId: ROUND_ID, locale: "en" })).rejects.toThrow(DeliveryRenderError);
  });

  it("is not sent once the round is gone or closed", async () => {
    await expect(renderer([]).call(null, { roundId: ROUND_ID, locale: "en" }, delivery)).rejects.toThrow(DeliverySkipped);
    await expect(renderer([round], round.closesAt).call(null, { roundId: ROUND_ID, locale: "en" }, delivery)).rejects.toThrow(`pulse round ${ROUND_ID} has closed`);
  });
});
