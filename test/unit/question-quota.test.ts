import { describe, expect, it } from "vitest";
import { parseQuotaQuestion, type QuotaIntent } from "../../src/core/questions/quota-question.js";

const Q3 = { kind: "quarter", quarter: 3 } as const;
const NEXT_QUARTER = { kind: "relative", unit: "quarter", offset: 1 } as const;

describe("parseQuotaQuestion — the examples every adapter relies on", () => {
  const cases: [string, QuotaIntent][] = [
    ["", { kind: "standing" }],
    ["Q3", { kind: "standing", period: Q3 }],
    ["@maria", { kind: "standing", subject: { handle: "maria" } }],
    ["@maria.tan", { kind: "standing", subject: { handle: "maria.tan" } }],
    ["<@U024BE7LH|maria>", { kind: "standing", subject: { slackUserId: "U024BE7LH", handle: "maria" } }],
    ["<@U024BE7LH>", { kind: "standing", subject: { slackUserId: "U024BE7LH" } }],
    ["team", { kind: "team", language: "en" }],
    [
      "what if 50k",
      { kind: "whatIfAmount", amountText: "50k", amount: { ok: true, text: "50k", major: "50000" }, language: "en" },
    ],
    [
      "what if I close 1.2m",
      { kind: "whatIfAmount", amountText: "1.2m", amount: { ok: true, text: "1.2m", major: "1200000" }, language: "en" },
    ],
    ["if I close Acme renewal", { kind: "whatIfDeal", dealQuery: "Acme renewal", language: "en" }],
    ["how much to 100%", { kind: "toTarget", targetFraction: 1, language: "en" }],
    ["how much more to hit quota", { kind: "toTarget", targetFraction: 1, language: "en" }],
    ["next tier", { kind: "nextTier", language: "en" }],
    ["leaderboard", { kind: "leaderboard", language: "en" }],
    ["help", { kind: "help", language: "en" }],
    ["?", { kind: "help" }],
    ["berapa lagi untuk capai kuota", { kind: "toTarget", targetFraction: 1, language: "ms" }],
    [
      "kalau saya tutup 50k",
      { kind: "whatIfAmount", amountText: "50k", amount: { ok: true, text: "50k", major: "50000" }, language: "ms" },
    ],
    ["kalau saya tutup Acme renewal", { kind: "whatIfDeal", dealQuery: "Acme renewal", language: "ms" }],
    ["pasukan", { kind: "team", language: "ms" }],
    ["papan pendahulu", { kind: "leaderboard", language: "ms" }],
    ["kedudukan", { kind: "leaderboard", language: "ms" }],
    ["bantuan", { kind: "help", language: "ms" }],
    ["tier seterusnya", { kind: "nextTier", language: "ms" }],
    ["peringkat seterusnya", { kind: "nextTier", language: "ms" }],
    ["suku depan", { kind: "standing", period: NEXT_QUARTER, language: "ms" }],
    ["Q3 @maria", { kind: "standing", subject: { handle: "maria" }, period: Q3 }],
    ["team next quarter", { kind: "team", period: NEXT_QUARTER, language: "en" }],
  ];
  it.each(cases)("%j", (text, intent) => {
    expect(parseQuotaQuestion(text)).toStrictEqual(intent);
  });
});

describe("parseQuotaQuestion — more ways of asking", () => {
  it.each([
    ["my quota", { kind: "standing", language: "en" }],
    ["what's my attainment this quarter?", { kind: "standing", period: { kind: "relative", unit: "quarter", offset: 0 }, language: "en" }],
    ["kuota saya bulan lepas", { kind: "standing", period: { kind: "relative", unit: "month", offset: -1 }, language: "ms" }],
    ["quota suku ketiga", { kind: "standing", period: Q3, language: "ms" }],
    ["H2 FY2027", { kind: "standing", period: { kind: "half", half: 2, fiscalYear: 2027 } }],
    ["@maria last quarter", { kind: "standing", subject: { handle: "maria" }, period: { kind: "relative", unit: "quarter", offset: -1 }, language: "en" }],
    ["pasukan suku depan", { kind: "team", period: NEXT_QUARTER, language: "ms" }],
    ["  TEAM   Next   Quarter!!  ", { kind: "team", period: NEXT_QUARTER, language: "en" }],
    ["to 120%", { kind: "toTarget", targetFraction: 1.2, language: "en" }],
    ["120%", { kind: "toTarget", targetFraction: 1.2 }],
    ["how much more to 120 percent in Q3", { kind: "toTarget", targetFraction: 1.2, period: Q3, language: "en" }],
    ["berapa lagi untuk 150%", { kind: "toTarget", targetFraction: 1.5, language: "ms" }],
    ["gap to quota", { kind: "toTarget", targetFraction: 1, language: "en" }],
    ["how much to 100% @maria", { kind: "toTarget", subject: { handle: "maria" }, targetFraction: 1, language: "en" }],
    ["how far to the next tier", { kind: "nextTier", language: "en" }],
    ["rankings", { kind: "leaderboard", language: "en" }],
    ["Leaderboard FY2027", { kind: "leaderboard", period: { kind: "year", fiscalYear: 2027 }, language: "en" }],
    ["what if I close the “Acme renewal” deal?", { kind: "whatIfDeal", dealQuery: "Acme renewal", language: "en" }],
    ["what if Acme closes", { kind: "whatIfDeal", dealQuery: "Acme", language: "en" }],
    ["what if I close March renewal", { kind: "whatIfDeal", dealQuery: "March renewal", language: "en" }],
    ["what if I close Big Mac", { kind: "whatIfDeal", dealQuery: "Big Mac", language: "en" }],
    ["what if I close Acme in March", { kind: "whatIfDeal", dealQuery: "Acme", period: { kind: "month", month: 3 }, language: "en" }],
    ["what if I close 3M renewal", { kind: "whatIfDeal", dealQuery: "3M renewal", language: "en" }],
    ["jika kami menang Petronas tender", { kind: "whatIfDeal", dealQuery: "Petronas tender", language: "ms" }],
    [
      "kalau saya tutup RM 50,000 suku depan",
      {
        kind: "whatIfAmount",
        amountText: "RM 50,000",
        amount: { ok: true, text: "RM 50,000", major: "50000", currency: "MYR", currencySymbol: "RM" },
        period: NEXT_QUARTER,
        language: "ms",
      },
    ],
    [
      "kalau saya tutup 1.2 juta",
      { kind: "whatIfAmount", amountText: "1.2 juta", amount: { ok: true, text: "1.2 juta", major: "1200000" }, language: "ms" },
    ],
    [
      "what if @maria closes 50k",
      { kind: "whatIfAmount", subject: { handle: "maria" }, amountText: "50k", amount: { ok: true, text: "50k", major: "50000" }, language: "en" },
    ],
  ] as [string, QuotaIntent][])("%j", (text, intent) => {
    expect(parseQuotaQuestion(text)).toStrictEqual(intent);
  });

  it("reads a bad amount as an amount, so the reply can say what is wrong with it", () => {
    expect(parseQuotaQuestion("what if -50k")).toMatchObject({ kind: "whatIfAmount", amount: { ok: false, reason: "negative" } });
    expect(parseQuotaQuestion("what if 50kk")).toMatchObject({ kind: "whatIfAmount", amount: { ok: false, reason: "malformed" } });
    expect(parseQuotaQuestion("what if 0")).toMatchObject({ kind: "whatIfAmount", amount: { ok: false, reason: "zero" } });
    expect(parseQuotaQuestion("what if $50,000")).toMatchObject({
      kind: "whatIfAmount",
      amount: { ok: true, currency: "USD", currencySymbol: "$" },
    });
  });

  it("refuses several people at once", () => {
    expect(parseQuotaQuestion("@maria @john")).toMatchObject({ kind: "unknown", reason: "several_subjects" });
    expect(parseQuotaQuestion("<@U1AAA> <@U1AAA|maria>")).toStrictEqual({ kind: "standing", subject: { slackUserId: "U1AAA" } });
  });

  it("leaves e-mail addresses and other Slack escapes alone", () => {
    expect(parseQuotaQuestion("maria@example.com")).toMatchObject({ kind: "unknown" });
    expect(parseQuotaQuestion("<!here>")).toMatchObject({ kind: "unknown" });
  });

  it.each(["what if", "what if I close", "what is love", "blah", "Q3 Q4", "team leaderboard", "to 0%", "to 5000%"])(
    "%j is not understood",
    (text) => {
      expect(parseQuotaQuestion(text)).toMatchObject({ kind: "unknown", reason: "unrecognised" });
    },
  );

  it("says which language was used, and nothing when it cannot tell", () => {
    expect(parseQuotaQuestion("Q3").language).toBeUndefined();
    expect(parseQuotaQuestion("@maria").language).toBeUndefined();
    expect(parseQuotaQuestion("?").language).toBeUndefined();
    expect(parseQuotaQuestion("tolong").language).toBe("ms");
    expect(parseQuotaQuestion("blah blah").language).toBeUndefined();
    expect(parseQuotaQuestion("apa ni").language).toBe("ms");
  });
});

describe("parseQuotaQuestion — `/quota deals` (issue 9)", () => {
  it.each([
    ["deals", {}],
    ["my deals", {}],
    ["show me my open deals", {}],
    ["open deals Q3", { period: Q3 }],
    ["deals next quarter", { period: NEXT_QUARTER }],
    ["deals @maria", { subject: { handle: "maria" } }],
    ["deal saya", {}],
    ["senarai deal terbuka", {}],
    ["tunjuk urus niaga saya suku depan", { period: NEXT_QUARTER }],
    ["deal terbuka @maria", { subject: { handle: "maria" } }],
  ])("%j asks for the open deals", (text, rest) => {
    const intent = parseQuotaQuestion(text);
    expect(intent).toMatchObject({ kind: "deals", ...rest });
    if (!("period" in rest)) expect(intent).not.toHaveProperty("period");
  });

  it("keeps a what-if about a deal called 'deals' a what-if", () => {
    expect(parseQuotaQuestion("what if I close deals")).toMatchObject({ kind: "whatIfDeal", dealQuery: "deals" });
  });
});

describe("parseQuotaQuestion — a lone month beside a command word (issue 9)", () => {
  it.each([
    ["team October", { kind: "team", period: { kind: "month", month: 10 } }],
    ["team oct", { kind: "team", period: { kind: "month", month: 10 } }],
    ["pasukan Ogos", { kind: "team", period: { kind: "month", month: 8 } }],
    ["leaderboard March", { kind: "leaderboard", period: { kind: "month", month: 3 } }],
    ["deals May", { kind: "deals", period: { kind: "month", month: 5 } }],
  ])("%j names the month", (text, expected) => {
    expect(parseQuotaQuestion(text)).toMatchObject(expected);
  });

  it("still leaves a month name inside a deal's name alone", () => {
    expect(parseQuotaQuestion("what if I close May renewal")).toMatchObject({ kind: "whatIfDeal", dealQuery: "May renewal" });
    expect(parseQuotaQuestion("status May renewal")).toMatchObject({ kind: "unknown" });
  });
});
