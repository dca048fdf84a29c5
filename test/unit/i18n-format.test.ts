import { describe, expect, it } from "vitest";
import { wallTime } from "../../src/core/i18n/admin-messages-en.js";
import { dueParts } from "../../src/core/i18n/digest-messages-en.js";
import { formatDateTime, formatTime, formattersFor } from "../../src/core/i18n/format.js";
import { formatSurveyInstant } from "../../src/core/pulse/answer-pulse-question.js";
import {
  formatCompactMoney,
  formatDate,
  formatList,
  formatMoney,
  formatNumber,
  formatPercent,
  intlTag,
  resolveLocale,
} from "../../src/core/i18n/index.js";

const NBSP = "\u00a0";

describe("resolveLocale", () => {
  it.each([
    ["ms-MY", "ms"],
    ["ms", "ms"],
    ["ms_MY", "ms"],
    ["MS-my", "ms"],
    ["en-US", "en"],
    ["en-GB", "en"],
    ["en", "en"],
  ] as const)("%s -> %s", (tag, locale) => {
    expect(resolveLocale(tag, "en")).toBe(locale);
    expect(resolveLocale(tag, "ms")).toBe(locale);
  });

  it.each([undefined, "", "ja-JP", "zh-CN", "garbage", "id-ID"])("%j falls back to the tenant default", (tag) => {
    expect(resolveLocale(tag, "ms")).toBe("ms");
    expect(resolveLocale(tag, "en")).toBe("en");
  });
});

describe("formatMoney", () => {
  it("formats ringgit in Malay as Intl does for ms-MY", () => {
    expect(formatMoney(5_000_000, "MYR", "ms")).toBe(`RM${NBSP}50,000.00`);
    expect(formatMoney(5_000_050, "MYR", "ms")).toBe(`RM${NBSP}50,000.50`);
    expect(formatMoney(123_456_789, "MYR", "ms")).toBe(`RM${NBSP}1,234,567.89`);
    expect(formatMoney(1, "MYR", "ms")).toBe(`RM${NBSP}0.01`);
  });

  it("formats ringgit in English the Malaysian way (en-MY)", () => {
    expect(formatMoney(5_000_000, "MYR", "en")).toBe(`RM${NBSP}50,000.00`);
    expect(intlTag("en", "MYR")).toBe("en-MY");
  });

  it("formats other currencies with en-US in English", () => {
    expect(formatMoney(5_000_000, "USD", "en")).toBe("$50,000.00");
    expect(formatMoney(500_000, "EUR", "en")).toBe("€5,000.00");
    expect(intlTag("en", "USD")).toBe("en-US");
    expect(formatMoney(5_000_000, "USD", "ms")).toBe(`USD${NBSP}50,000.00`);
  });

  it("follows the currency's ISO 4217 minor unit: JPY 0, KWD 3, MYR 2", () => {
    // 50,000 minor units: ¥50,000 (no fraction), KWD 50.000 (fils), RM 500.00 (sen)
    expect(formatMoney(50_000, "JPY", "en")).toBe("¥50,000");
    expect(formatMoney(50_000, "JPY", "ms")).toMatch(/\D50,000$/u);
    expect(formatMoney(1234, "KWD", "en")).toBe(`KWD${NBSP}1.234`);
    expect(formatMoney(50_000, "KWD", "en")).toBe(`KWD${NBSP}50.000`);
    expect(formatMoney(50_000, "MYR", "en")).toBe(`RM${NBSP}500.00`);
    expect(formatCompactMoney(5_000_000, "JPY", "en")).toBe("¥5M");
  });

  it("formats negative changes", () => {
    expect(formatMoney(-250_000, "MYR", "ms")).toBe(`-RM${NBSP}2,500.00`);
  });
});

describe("formatCompactMoney", () => {
  it("shortens large amounts", () => {
    expect(formatCompactMoney(120_000_000, "MYR", "en")).toBe(`RM${NBSP}1.2M`);
    expect(formatCompactMoney(5_000_000, "MYR", "en")).toBe(`RM${NBSP}50K`);
    expect(formatCompactMoney(1_234_567_800, "MYR", "en")).toBe(`RM${NBSP}12.3M`);
    expect(formatCompactMoney(95_000, "MYR", "en")).toBe(`RM${NBSP}950`);
    expect(formatCompactMoney(120_000_000, "USD", "en")).toBe("$1.2M");
  });

  it("uses the Malay abbreviation Intl gives (J for juta)", () => {
    expect(formatCompactMoney(120_000_000, "MYR", "ms")).toBe(`RM${NBSP}1.2J`);
  });
});

describe("formatPercent", () => {
  it("formats fractions with at most one decimal", () => {
    expect(formatPercent(0.875, "en")).toBe("87.5%");
    expect(formatPercent(0.875, "ms")).toBe("87.5%");
    expect(formatPercent(1, "ms")).toBe("100%");
    expect(formatPercent(1.2345, "en")).toBe("123.5%");
    expect(formatPercent(0, "en")).toBe("0%");
  });

  it("can show the sign of a change", () => {
    expect(formatPercent(0.05, "ms", { signed: true })).toBe("+5%");
    expect(formatPercent(-0.05, "en", { signed: true })).toBe("-5%");
    expect(formatPercent(0, "en", { signed: true })).toBe("0%");
  });
});

describe("formatDate and friends", () => {
  it("formats a calendar date without shifting it", () => {
    expect(formatDate("2027-03-05", "ms")).toBe("5 Mac 2027");
    expect(formatDate("2027-03-05", "en")).toBe("5 Mar 2027");
    expect(formatDate("2026-08-31", "ms")).toBe("31 Ogo 2026");
  });

  it("formats an instant in the given time zone", () => {
    expect(formatDate("2027-03-31T20:00:00Z", "en")).toBe("31 Mar 2027");
    expect(formatDate("2027-03-31T20:00:00Z", "en", { timeZone: "Asia/Kuala_Lumpur" })).toBe("1 Apr 2027");
  });

  it("returns unreadable dates as given", () => {
    expect(formatDate("not a date", "en")).toBe("not a date");
  });

  it("formats counts and lists", () => {
    expect(formatNumber(1234, "ms")).toBe("1,234");
    expect(formatList(["Ali", "Mei Ling", "Raju"], "ms")).toBe("Ali, Mei Ling dan Raju");
    expect(formatList(["Ali", "Mei Ling", "Raju"], "en")).toBe("Ali, Mei Ling, and Raju");
  });
});

describe("formatDateTime: the one time format (issue 9)", () => {
  const at = new Date("2026-12-04T09:00:00.000Z");
  it("shows weekday, day, month, year and a 24-hour time in the zone given", () => {
    expect(formatDateTime(at, "en", { timeZone: "Asia/Kuala_Lumpur" })).toBe("Fri, 4 Dec 2026, 17:00");
    expect(formatDateTime(at, "ms", { timeZone: "Asia/Kuala_Lumpur" })).toBe("Jum, 4 Dis 2026, 17:00");
    expect(formatDateTime(at.toISOString(), "en", { timeZone: "Asia/Kolkata", zoneName: true })).toBe("Fri, 4 Dec 2026, 14:30 GMT+5:30");
    // London on either side of the October change: 16:00Z is 17:00 BST on the 23rd, 17:00Z is 17:00 GMT on the 30th.
    expect(formatDateTime(new Date("2026-10-23T16:00:00Z"), "en", { timeZone: "Europe/London", zoneName: true })).toBe("Fri, 23 Oct 2026, 17:00 GMT+1");
    expect(formatDateTime(new Date("2026-10-30T17:00:00Z"), "en", { timeZone: "Europe/London", zoneName: true })).toBe("Fri, 30 Oct 2026, 17:00 GMT");
    expect(formatTime(new Date("2026-12-07T00:00:00Z"), "en", { timeZone: "Asia/Kuala_Lumpur" })).toBe("08:00");
  });

  it("is what every message that shows a time uses: schedules, digests and survey DMs", () => {
    const f = formattersFor("en");
    expect(wallTime(at.toISOString(), "Asia/Kuala_Lumpur", f)).toBe(formatDateTime(at, "en", { timeZone: "Asia/Kuala_Lumpur" }));
    expect(formatSurveyInstant(at, "ms", "Asia/Kuala_Lumpur")).toBe("Jum, 4 Dis 2026, 17:00 MYT");
    expect(dueParts("2026-12-07T00:00:00.000Z", "Asia/Kuala_Lumpur", f)).toEqual({ time: "08:00", weekday: "Monday" });
  });
});
