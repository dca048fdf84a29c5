import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import type { SalesData } from "../../src/core/sales-data.js";
import { answerForecastQuestion } from "../../src/core/use-cases/answer-forecast-question.js";
import { answerQuotaQuestion } from "../../src/core/use-cases/answer-quota-question.js";
import { replyForError } from "../../src/core/use-cases/reply-for-error.js";
import { createInMemorySalesData } from "../../src/core/use-cases/testing/in-memory-sales-data.js";
import { ID, NOW, sampleSeed, TENANT_ID } from "../../src/core/use-cases/testing/sample-sales-org.js";

const textReply = (text: string) => ({ summary: text, blocks: [{ kind: "text", text }] });

describe("replyForError", () => {
  it("refuses without revealing anything", () => {
    const error = new AppError("forbidden", "Maria Tan reports to someone else");
    expect(replyForError(error, "en")).toEqual({ ...textReply("Sorry, you can't see those numbers."), unexpected: false });
    expect(replyForError(error, "ms")).toEqual({ ...textReply("Maaf, anda tidak boleh lihat angka tersebut."), unexpected: false });
  });

  it("tells someone outside the organisation how to get in", () => {
    const reply = replyForError(new AppError("not_in_organisation", "x"), "en");
    expect(reply.summary).toBe(
      "I can't find you in your sales organisation yet. Ask your sales ops admin to add you — I match people by their work e-mail.",
    );
    expect(reply.unexpected).toBe(false);
  });

  it("shows the message of bad input", () => {
    const reply = replyForError(new AppError("invalid_input", "“Mars/Olympus” is not a known time zone."), "ms");
    expect(reply).toEqual({ ...textReply("“Mars/Olympus” is not a known time zone."), unexpected: false });
  });

  it("turns anything else into 'try again' and flags it for the log", () => {
    for (const error of [new Error("connect ECONNREFUSED 10.0.0.5:5432"), new AppError("unavailable", "db down"), new AppError("internal", "bug"), "a string"]) {
      expect(replyForError(error, "en")).toEqual({ ...textReply("I can't get to the numbers right now. Please try again in a moment."), unexpected: true });
    }
    expect(replyForError(new Error("boom"), "ms").summary).toBe("Saya tak dapat capai data sekarang. Cuba semula sekejap lagi, ya.");
  });
});

describe("use cases and errors", () => {
  const failing = (method: keyof SalesData): SalesData => {
    const data = createInMemorySalesData(sampleSeed());
    return {
      ...data,
      [method]: async () => {
        throw new Error("connect ECONNREFUSED 10.0.0.5:5432");
      },
    };
  };

  it("lets a database failure through to the adapter, which answers 'try again' and logs it", async () => {
    const ask = { tenantId: TENANT_ID, employeeId: ID.maria, locale: "en" as const, now: NOW };
    await expect(answerQuotaQuestion({ ...ask, data: failing("deals"), text: "" })).rejects.toThrow("ECONNREFUSED");
    await expect(answerForecastQuestion({ ...ask, data: failing("winRateCounts"), text: "" })).rejects.toThrow("ECONNREFUSED");
    await expect(answerForecastQuestion({ ...ask, data: failing("recordForecastCall"), text: "submit commit 200k" })).rejects.toThrow(
      "ECONNREFUSED",
    );
  });

  it("answers someone who is not (or no longer) in the organisation", async () => {
    const seed = sampleSeed();
    seed.people.find((p) => p.id === ID.raj)!.active = false;
    const data = createInMemorySalesData(seed);
    for (const employeeId of ["p-stranger", ID.raj]) {
      const reply = await answerQuotaQuestion({ data, tenantId: TENANT_ID, employeeId, locale: "en", text: "", now: NOW });
      expect(reply.summary).toMatch(/^I can't find you in your sales organisation yet\./);
    }
  });

  it("refuses in the question's language", async () => {
    const data = createInMemorySalesData(sampleSeed());
    const reply = await answerQuotaQuestion({ data, tenantId: TENANT_ID, employeeId: ID.maria, locale: "en", text: "berapa lagi untuk capai kuota @raj", now: NOW });
    expect(reply).toEqual(textReply("Maaf, anda tidak boleh lihat angka tersebut."));
  });

  it("shows bad input from the data as its message, not a stack", async () => {
    const seed = sampleSeed();
    seed.people.find((p) => p.id === ID.maria)!.timeZone = "Mars/Olympus";
    const data = createInMemorySalesData(seed);
    const reply = await answerForecastQuestion({ data, tenantId: TENANT_ID, employeeId: ID.maria, locale: "en", text: "", now: NOW });
    expect(reply).toEqual(textReply("\"Mars/Olympus\" is not a known time zone."));
  });
});
