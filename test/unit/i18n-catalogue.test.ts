import { describe, expect, it } from "vitest";
import {
  catalogues,
  moreLabel,
  t,
  type MessageKey,
  type MessageParams,
} from "../../src/core/i18n/index.js";

/** One sample per key; typed, so a new key without a sample fails to compile. */
const samples: { [K in MessageKey]: MessageParams[K] } = {
  "quota.help": { command: "/quota" },
  "forecast.help": { command: "/forecast" },
  "quota.notUnderstood": { command: "/quota" },
  "forecast.notUnderstood": { command: "/forecast" },
  "error.notInOrganisation": {},
  "error.forbidden": {},
  "error.unavailable": {},
  "error.tooLong": { maxChars: 1000 },
  "error.severalPeople": {},
  "amount.invalid": { text: "50kk", reason: "malformed" },
  "amount.currencyMismatch": { text: "$50,000", mentioned: "$", currency: "MYR" },
  "label.quota": {},
  "label.closedWon": {},
  "label.attainment": {},
  "label.gapToQuota": {},
  "label.pace": {},
  "label.neededPerWeek": {},
  "label.pipelineCoverage": {},
  "label.coverageNeeded": {},
  "label.commissionEarned": {},
  "label.ifYouClose": { deal: "Acme renewal" },
  "label.payoutChange": {},
  "label.newAttainment": {},
  "label.toReach": { fraction: 1.2 },
  "label.nextTier": {},
  "label.topTierReached": {},
  "label.commit": {},
  "label.bestCase": {},
  "label.pipeline": {},
  "label.weightedPipeline": {},
  "label.projection": {},
  "label.yourCall": {},
  "label.changeSinceLastWeek": {},
  "label.leaderboard": {},
  "leaderboard.off": {},
  "forecast.callSubmitted": { period: "Q3 FY2027", currency: "MYR", commitMinor: 12_000_000, bestCaseMinor: 15_000_000 },
  "forecast.submit.missingCommit": { command: "/forecast" },
  "forecast.submit.bestBelowCommit": { commitText: "150k", bestCaseText: "120k" },
  "deal.notFound": { query: "Acme" },
  "deal.ambiguous": { query: "Acme", names: ["Acme renewal", "Acme expansion"], moreCount: 3 },
  "list.andMore": { count: 3 },
};

/** Words a Malaysian sales team uses as they are; the Malay text may keep them. */
const SAME_IN_BOTH = new Set<MessageKey>(["label.pipeline", "label.bestCase"]);

const render = (locale: "en" | "ms", key: MessageKey): string =>
  (t as (locale: "en" | "ms", key: MessageKey, params?: unknown) => string)(locale, key, samples[key]);

describe("message catalogue", () => {
  it("has the same keys in English and Malay", () => {
    const english = Object.keys(catalogues.en).sort();
    expect(Object.keys(catalogues.ms).sort()).toEqual(english);
    expect(Object.keys(samples).sort()).toEqual(english);
  });

  it.each(Object.keys(samples) as MessageKey[])("renders %s in both languages", (key) => {
    const english = render("en", key);
    const malay = render("ms", key);
    for (const text of [english, malay]) {
      expect(text.trim()).not.toBe("");
      expect(text).not.toMatch(/undefined|NaN|\[object|\$\{/);
    }
    if (!SAME_IN_BOTH.has(key)) expect(malay).not.toBe(english);
  });

  it("writes help in the reader's language, with examples they can type", () => {
    const malay = t("ms", "quota.help", { command: "/quota" });
    expect(malay).toContain("`/quota kalau saya tutup 50k`");
    expect(malay).toContain("`/quota berapa lagi untuk capai kuota`");
    const english = t("en", "quota.help", { command: "/quota" });
    expect(english).toContain("`/quota what if 50k`");
    expect(t("en", "forecast.help", { command: "forecast" })).toContain("`forecast submit commit 120k best 150k`");
    expect(t("ms", "forecast.notUnderstood", { command: "/forecast" })).toMatch(/^Maaf, saya kurang faham/);
    expect(t("en", "quota.notUnderstood", { command: "/quota" })).toMatch(/^I didn't catch that — here's what I can answer:/);
  });

  it("names what was wrong with an amount", () => {
    expect(t("en", "amount.invalid", { text: "-5k", reason: "negative" })).toBe("“-5k” is negative — amounts have to be above zero.");
    expect(t("ms", "amount.invalid", { text: "0", reason: "zero" })).toBe("“0” ialah sifar — beri jumlah yang lebih daripada sifar.");
    expect(t("en", "amount.invalid", { text: "5.555", reason: "too_many_decimals", currency: "MYR" })).toContain("MYR");
    expect(t("ms", "amount.currencyMismatch", { text: "$50,000", mentioned: "$", currency: "MYR" })).toContain("Semua jumlah dalam MYR");
  });

  it("formats money and percentages inside messages", () => {
    expect(t("ms", "forecast.callSubmitted", samples["forecast.callSubmitted"])).toBe(
      "Ramalan untuk Q3 FY2027 sudah dihantar: komit RM\u00a0120,000.00, best case RM\u00a0150,000.00.",
    );
    expect(t("en", "forecast.callSubmitted", { period: "Q3 FY2027", currency: "MYR", commitMinor: 12_000_000 })).toBe(
      "Forecast call submitted for Q3 FY2027: commit RM\u00a0120,000.00.",
    );
    expect(t("en", "label.toReach", { fraction: 1.2 })).toBe("To reach 120%");
    expect(t("ms", "label.toReach", { fraction: 1 })).toBe("Untuk capai 100%");
  });

  it("lists several deals and says how many more there are", () => {
    expect(t("en", "deal.ambiguous", samples["deal.ambiguous"])).toBe(
      "Several deals match “Acme” — which one did you mean?\n• Acme renewal\n• Acme expansion\n…and 3 more",
    );
    expect(t("ms", "list.andMore", { count: 1200 })).toBe("…dan 1,200 lagi");
    expect(moreLabel("en", 4)).toBe("…and 4 more");
  });

  it("reveals nothing when access is refused", () => {
    expect(t("en", "error.forbidden")).toBe("Sorry, you can't see those numbers.");
    expect(t("ms", "error.forbidden")).toBe("Maaf, anda tidak boleh lihat angka tersebut.");
  });

  it("checks message parameters at compile time", () => {
    const compileOnly = (): void => {
      // @ts-expect-error -- a message with parameters needs them
      t("en", "label.toReach");
      // @ts-expect-error -- no such key
      t("en", "label.nope");
      // @ts-expect-error -- wrong parameter type
      t("ms", "error.tooLong", { maxChars: "many" });
      t("en", "label.quota");
    };
    expect(typeof compileOnly).toBe("function");
  });
});
