import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import {
  openPulseComment,
  recordPulseAnswer,
  type AnswerableRound,
  parseResponse,
  type PulseAnswerStore,
  type ResponseState,
  type SaveResponseInput,
} from "../../src/core/pulse/index.js";
import { formatPercent } from "../../src/core/i18n/format.js";
import { reportsUnder } from "../../src/core/org-chart.js";
import { answerQuotaQuestion } from "../../src/core/use-cases/answer-quota-question.js";
import { currentQuarterAttainment } from "../../src/core/use-cases/person-quota.js";
import { loadQuestionContext } from "../../src/core/use-cases/question-context.js";
import { createInMemorySalesData } from "../../src/core/use-cases/testing/in-memory-sales-data.js";
import { ID, NOW, sampleSeed, TENANT_ID } from "../../src/core/use-cases/testing/sample-sales-org.js";
import { ANSWERING_SURVEY } from "../support/pulse-answering.js";

// The sample organisation (src/core/use-cases/testing/sample-sales-org.ts): on Wed 12 Aug 2026,
// 11:00 in Kuala Lumpur, Maria Tan (rep, team North) has closed RM 135,000 of RM 300,000 this
// quarter: 45 % attainment, the "below 50 %" band.
const ROUND_ID = "3f0c1a52-8f0e-4a57-9b7e-6d1d2c3b4a59";
const CLOSES_AT = new Date("2026-08-14T09:00:00.000Z");

/** A hand-written store: what it holds, and every write it was asked for. */
class MemoryStore implements PulseAnswerStore {
  /** Sealed responses by token hash (the fake token below "seals" as plain UTF-8). */
  readonly sealed = new Map<string, { roundId: string; bytes: Uint8Array }>();
  /** `question:team:band:value` → count. */
  readonly tallies = new Map<string, number>();
  readonly comments = new Map<string, string>();
  readonly answeredBy = new Set<string>();
  readonly writes: string[] = [];
  open = true;
  constructor(
    readonly rounds: AnswerableRound[],
    readonly invited: Set<string>,
  ) {}
  async round(tenantId: string, roundId: string) {
    return this.rounds.find((round) => round.id === roundId && round.tenantId === tenantId) ?? null;
  }
  async isInvited(roundId: string, employeeId: string) {
    return this.invited.has(`${roundId}:${employeeId}`);
  }
  async sealedResponse(roundId: string, tokenHash: string) {
    const response = this.sealed.get(tokenHash);
    return response && response.roundId === roundId ? response.bytes : null;
  }
  async saveResponse(input: SaveResponseInput) {
    if (!this.open) return "closed" as const;
    const write = input.change((await this.sealedResponse(input.roundId, input.tokenHash)) ?? null);
    this.writes.push("save");
    this.sealed.set(input.tokenHash, { roundId: input.roundId, bytes: write.sealed });
    for (const change of write.tally) {
      const key = `${change.questionId}:${change.teamId ?? ""}:${change.band ?? ""}:${change.value}`;
      const count = (this.tallies.get(key) ?? 0) + change.delta;
      if (count === 0) this.tallies.delete(key);
      else this.tallies.set(key, count);
    }
    for (const comment of write.comments) this.comments.set(comment.id, comment.text);
    return "saved" as const;
  }
  /** The response held for a token hash, unsealed. */
  response(tokenHash: string): ResponseState | undefined {
    const held = this.sealed.get(tokenHash);
    return held ? parseResponse(new TextDecoder().decode(held.bytes)) : undefined;
  }
  async markAnswered(roundId: string, employeeId: string) {
    this.writes.push("markAnswered");
    this.answeredBy.add(`${roundId}:${employeeId}`);
  }
}

let ids = 0;
const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`;

/** Tokens "good-<n>" verify, with hash "hash-<n>"; anything else does not. */
const verifyToken = (roundId: string, token: string) =>
  roundId === ROUND_ID && token.startsWith("good-")
    ? { tokenHash: `hash-${token.slice(5)}`, seal: (text: string) => new TextEncoder().encode(text), open: (sealed: Uint8Array) => new TextDecoder().decode(sealed) }
    : null;

function setup(round: Partial<AnswerableRound> = {}) {
  const store = new MemoryStore(
    [{ id: ROUND_ID, tenantId: TENANT_ID, status: "open", closesAt: CLOSES_AT, closedAt: null, definition: ANSWERING_SURVEY, threshold: 5, commentThreshold: 5, ...round }],
    new Set([ID.maria, ID.admin, ID.siti].map((id) => `${ROUND_ID}:${id}`)),
  );
  const data = createInMemorySalesData(sampleSeed());
  const answer = (employeeId: string, questionId: string, value: unknown, token = "good-1", now = NOW) =>
    recordPulseAnswer({ store, data, verifyToken, recipientId: "U0TEST", newId, tenantId: TENANT_ID, employeeId, roundId: ROUND_ID, token, questionId, value, locale: "en", now });
  return { store, data, answer };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("recordPulseAnswer", () => {
  it("creates the response on the first answer, sealed, with the team and the attainment band only; a partial one counts nowhere", async () => {
    const { store, answer } = setup();
    const message = await answer(ID.maria, "enps", "7");
    expect(store.response("hash-1")).toEqual({
      answers: [{ questionId: "enps", score: 7, choiceId: null, text: null }],
      teamId: "team-north",
      band: "below 50 %",
      counted: false,
      commentIds: {},
    });
    expect(store.tallies.size).toBe(0);
    expect(message).toMatchObject({ answered: 1, total: 5, state: "open", status: "1 of 5 questions answered — 3 more are needed before you count as having answered (only then do your answers count in the results)." });
    // The message says the question is answered, not what; the answer is for the private confirmation.
    expect(message.questions[0]!.answeredLine).toBe("✓ Answered");
    expect(message.confirmations.get("enps")).toMatch(/: \*7\*\n/);
  });

  it("computes the cuts once: later answers read no quota or deals", async () => {
    const { data, answer } = setup();
    await answer(ID.maria, "enps", "7");
    const reads = data.reads.length;
    expect(data.reads).toContain("quotas");
    await answer(ID.maria, "workload", "4");
    expect(data.reads.slice(reads).filter((read) => read === "quotas" || read === "deals")).toEqual([]);
  });

  it("bands the attainment /quota shows, for every rep and manager of the sample organisation", async () => {
    const data = createInMemorySalesData(sampleSeed());
    let withQuota = 0;
    for (const person of sampleSeed().people.filter((candidate) => candidate.role !== "admin")) {
      const context = await loadQuestionContext({ data, tenantId: TENANT_ID, employeeId: person.id, locale: "en", text: "", now: NOW }, "en", "/quota");
      const attainment = await currentQuarterAttainment({ data, tenant: context.tenant, person, reports: reportsUnder(context.org, person.id), today: context.today });
      const reply = await answerQuotaQuestion({ data, tenantId: TENANT_ID, employeeId: person.id, locale: "en", text: "", now: NOW });
      const shown = reply.blocks.flatMap((block) => (block.kind === "fields" ? block.fields : [])).find((field) => field.label === "Attainment")?.value;
      if (attainment === null) {
        expect(shown, person.name).toBeUndefined();
        continue;
      }
      withQuota += 1;
      expect(formatPercent(attainment, "en"), person.name).toBe(shown);
    }
    // Maria, Raj, Siti, Ahmad, María and Mei Ling (her team's quota) have one.
    expect(withQuota).toBe(6);
  });

  it("keeps no band for a role without a quota", async () => {
    const { store, answer } = setup();
    await answer(ID.admin, "enps", "9", "good-2");
    expect(store.response("hash-2")).toMatchObject({ teamId: null, band: null });
  });

  it("replaces an answer (the latest counts), counts the response once complete, then moves counts; marks the person answered in its own step", async () => {
    const { store, answer } = setup();
    await answer(ID.maria, "enps", "7");
    await answer(ID.maria, "enps", "9");
    expect(store.response("hash-1")!.answers).toEqual([{ questionId: "enps", score: 9, choiceId: null, text: null }]);
    await answer(ID.maria, "comment", "More coaching");
    await answer(ID.maria, "workload", "4");
    await answer(ID.maria, "mood", "good");
    expect(store.answeredBy.size).toBe(0);
    expect(store.tallies.size).toBe(0);
    expect(store.comments.size).toBe(0);
    const complete = await answer(ID.maria, "tool", "crm");
    expect(complete.state).toBe("complete");
    // Complete: the response (1) and each of its four answers enter the tallies, the comment its list.
    expect(Object.fromEntries(store.tallies)).toEqual({
      ":team-north:below 50 %:": 1,
      "enps:team-north:below 50 %:9": 1,
      "workload:team-north:below 50 %:4": 1,
      "mood:team-north:below 50 %:good": 1,
      "tool:team-north:below 50 %:crm": 1,
    });
    expect([...store.comments.values()]).toEqual(["More coaching"]);
    expect(store.writes).toEqual(["save", "save", "save", "save", "save", "save", "markAnswered"]);
    expect([...store.answeredBy]).toEqual([`${ROUND_ID}:${ID.maria}`]);
    // A change after that moves one count: 9 -> 6 (the response count stays 1); the comment is edited in place.
    await answer(ID.maria, "enps", "6");
    await answer(ID.maria, "comment", "More coaching, please");
    expect(store.tallies.get("enps:team-north:below 50 %:9")).toBeUndefined();
    expect(store.tallies.get("enps:team-north:below 50 %:6")).toBe(1);
    expect(store.tallies.get(":team-north:below 50 %:")).toBe(1);
    expect([...store.comments.values()]).toEqual(["More coaching, please"]);
    expect(store.writes.slice(-2)).toEqual(["save", "markAnswered"]);
  });

  it("refuses, storing nothing, an answer that arrives once the round has closed in storage", async () => {
    const { store, answer } = setup();
    store.open = false;
    expect((await refusal(answer(ID.maria, "enps", "7"))).code).toBe("conflict");
    expect(store.sealed.size).toBe(0);
  });

  it("stores nothing for an unknown round, a person not invited, a bad token, a closed round or a bad value", async () => {
    const { store, answer } = setup();
    const unknownRound = await refusal(
      recordPulseAnswer({ store, data: createInMemorySalesData(sampleSeed()), verifyToken, recipientId: "U0TEST", newId, tenantId: TENANT_ID, employeeId: ID.maria, roundId: "00000000-0000-4000-8000-000000000000", token: "good-1", questionId: "enps", value: "7", locale: "en", now: NOW }),
    );
    expect([unknownRound.code, unknownRound.message]).toEqual(["not_found", "This survey no longer exists, so your answer was not recorded."]);
    const notInvited = await refusal(answer(ID.raj, "enps", "7"));
    expect([notInvited.code, notInvited.message, notInvited.params.explained]).toEqual(["forbidden", "This survey was not sent to you, so your answer was not recorded.", 1]);
    const tampered = await refusal(answer(ID.maria, "enps", "7", "forged"));
    expect([tampered.code, tampered.message]).toEqual(["invalid_input", "This answer button is not valid (it may have been altered), so nothing was recorded. Answer from the survey message itself."]);
    expect((await refusal(answer(ID.maria, "enps", "11"))).message).toMatch(/^11 is not an answer/);
    expect((await refusal(answer(ID.maria, "enps", "-1"))).message).toMatch(/^-1 is not an answer/);
    expect((await refusal(answer(ID.maria, "enps", "7", "good-1", CLOSES_AT))).code).toBe("conflict");
    expect(store.writes).toEqual([]);
    expect(store.sealed.size).toBe(0);
  });

  it("opens the comment form with the comment so far, after the same checks", async () => {
    const { store, data, answer } = setup();
    const open = (token = "good-1", questionId = "comment") =>
      openPulseComment({ store, data, verifyToken, recipientId: "U0TEST", tenantId: TENANT_ID, employeeId: ID.siti, roundId: ROUND_ID, token, questionId, locale: "ms", now: NOW });
    expect(await open()).toEqual({
      title: "Komen anda",
      label: "Ada apa-apa lagi?",
      hint: "Tanpa nama. Komen hanya dipaparkan apabila sekurang-kurangnya 5 orang menulis komen, tanpa nama dan dalam susunan rawak.",
      submit: "Simpan",
      cancel: "Batal",
      current: null,
      maxLength: 2_000,
    });
    await answer(ID.siti, "comment", "Lebih banyak latihan");
    expect((await open()).current).toBe("Lebih banyak latihan");
    expect((await refusal(open("forged"))).code).toBe("invalid_input");
    expect((await refusal(open("good-1", "enps"))).message).toBe("Tinjauan ini tiada soalan tersebut, jadi tiada apa-apa direkodkan.");
  });
});
