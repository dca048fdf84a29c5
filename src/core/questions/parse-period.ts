/**
 * Period phrases, English and Malay, to `PeriodSpec`: "this quarter", "Q3 FY27", "H2 FY2027",
 * "last month", "March", "suku depan", "suku ketiga", "bulan lepas", "Mac 2027"…
 * Nothing here knows today's date: resolving a spec to dates is `src/core/periods.ts`'s job.
 */
import type { PeriodSpec } from "../period-spec.js";
import type { Locale } from "../i18n/locale.js";

export interface PeriodMatch {
  period: PeriodSpec;
  /** The language the phrase was written in; undefined for neutral ones ("Q3", "FY2027", "April"). */
  language: Locale | undefined;
}

type Unit = "month" | "quarter" | "half" | "year";

const EN_UNITS: Readonly<Record<string, Unit>> = {
  month: "month", mth: "month", quarter: "quarter", qtr: "quarter", half: "half",
  year: "year", "fiscal year": "year", "financial year": "year", fy: "year",
};
const EN_OFFSETS: Readonly<Record<string, number>> = {
  this: 0, current: 0, next: 1, coming: 1, last: -1, previous: -1, prev: -1, past: -1,
};
const MS_UNITS: Readonly<Record<string, Unit>> = {
  suku: "quarter", "suku tahun": "quarter", bulan: "month", tahun: "year",
  "tahun kewangan": "year", "separuh tahun": "half",
};
const MS_OFFSETS: Readonly<Record<string, number>> = {
  ini: 0, semasa: 0, depan: 1, hadapan: 1, seterusnya: 1, "akan datang": 1, "yang akan datang": 1,
  berikutnya: 1, lepas: -1, lalu: -1, "yang lepas": -1, "yang lalu": -1, "sebelum ini": -1, sebelumnya: -1,
};
const MS_ORDINALS: Readonly<Record<string, 1 | 2 | 3 | 4>> = {
  "1": 1, "2": 2, "3": 3, "4": 4, pertama: 1, kedua: 2, ketiga: 3, keempat: 4,
  "ke-1": 1, "ke-2": 2, "ke-3": 3, "ke-4": 4, "ke 1": 1, "ke 2": 2, "ke 3": 3, "ke 4": 4,
  satu: 1, dua: 2, tiga: 3, empat: 4,
};
const EN_ORDINALS: Readonly<Record<string, 1 | 2 | 3 | 4>> = {
  first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4,
};

/** Month names: English and Malay, full and short; `undefined` language for shared spellings. */
const MONTHS: ReadonlyMap<string, { month: number; language: Locale | undefined }> = (() => {
  const map = new Map<string, { month: number; language: Locale | undefined }>();
  const en = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
  const ms = ["januari", "februari", "mac", "april", "mei", "jun", "julai", "ogos", "september", "oktober", "november", "disember"];
  const enShort = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
  const msShort = ["jan", "feb", "mac", "apr", "mei", "jun", "jul", "ogo", "sep", "okt", "nov", "dis"];
  const add = (name: string, month: number, language: Locale): void => {
    const existing = map.get(name);
    map.set(name, { month, language: existing && existing.language !== language ? undefined : language });
  };
  en.forEach((name, index) => add(name, index + 1, "en"));
  ms.forEach((name, index) => add(name, index + 1, "ms"));
  enShort.forEach((name, index) => add(name, index + 1, "en"));
  // "dis" is also chat slang for "this"; too risky as a month.
  msShort.forEach((name, index) => { if (name !== "dis") add(name, index + 1, "ms"); });
  map.set("sept", { month: 9, language: "en" });
  return map;
})();

/** "27", "'27", "2027" -> 2027; out-of-range years are not years we talk about. */
function fiscalYearOf(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const digits = text.replace(/^'/, "");
  const year = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
  return year >= 2000 && year <= 2099 ? year : null;
}

const YEAR = String.raw`'?(\d{4}|\d{2})`;
const FY = String.raw`(?:fy|fiscal\s+year|financial\s+year|tahun\s+kewangan|tk)\s*` + YEAR;
const RULES: readonly { pattern: RegExp; build: (m: RegExpExecArray) => PeriodMatch | null }[] = [
  {
    pattern: /^(this|current|next|coming|last|previous|prev|past)\s+(month|mth|quarter|qtr|half|year|fiscal year|financial year|fy)$/,
    build: (m) => relative(EN_UNITS[m[2] ?? ""], EN_OFFSETS[m[1] ?? ""], "en"),
  },
  {
    pattern: /^(suku tahun|suku|bulan|tahun kewangan|tahun|separuh tahun)\s+(ini|semasa|depan|hadapan|seterusnya|berikutnya|(?:yang )?akan datang|(?:yang )?lepas|(?:yang )?lalu|sebelum ini|sebelumnya)$/,
    build: (m) => relative(MS_UNITS[m[1] ?? ""], MS_OFFSETS[m[2] ?? ""], "ms"),
  },
  {
    // Q3, Q3 FY2027, Q3 FY27, Q3FY27, Q3 2027 (a bare year after a quarter is the fiscal year)
    pattern: new RegExp(String.raw`^q([1-4])(?:\s*${FY}|\s+(\d{4}))?$`),
    build: (m) => quarter(m[1], m[2] ?? m[3], fyLanguage(m[0])),
  },
  {
    pattern: new RegExp(String.raw`^${FY}\s*q([1-4])$`),
    build: (m) => quarter(m[2], m[1], fyLanguage(m[0])),
  },
  {
    pattern: new RegExp(String.raw`^(first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter(?:\s+(?:of\s+)?${FY})?$`),
    build: (m) => quarter(String(EN_ORDINALS[m[1] ?? ""]), m[2], "en"),
  },
  {
    // suku 3, suku ke-3, suku ketiga, suku tahun ketiga, suku ketiga FY2027
    pattern: new RegExp(String.raw`^suku(?:\s+tahun)?\s+(ke-?\s?[1-4]|[1-4]|pertama|kedua|ketiga|keempat|satu|dua|tiga|empat)(?:\s+${FY})?$`),
    build: (m) => quarter(String(MS_ORDINALS[(m[1] ?? "").replace(/^ke-?\s?/, "")]), m[2], "ms"),
  },
  {
    pattern: new RegExp(String.raw`^h([12])(?:\s*${FY}|\s+(\d{4}))?$`),
    build: (m) => half(m[1], m[2] ?? m[3], fyLanguage(m[0])),
  },
  {
    pattern: new RegExp(String.raw`^(first|second)\s+half(?:\s+(?:of\s+)?${FY})?$`),
    build: (m) => half(m[1] === "first" ? "1" : "2", m[2], "en"),
  },
  {
    pattern: new RegExp(String.raw`^separuh(?:\s+tahun)?\s+(pertama|kedua)(?:\s+${FY})?$`),
    build: (m) => half(m[1] === "pertama" ? "1" : "2", m[2], "ms"),
  },
  {
    pattern: new RegExp(String.raw`^${FY}$`),
    build: (m) => {
      const fiscalYear = fiscalYearOf(m[1]);
      if (typeof fiscalYear !== "number") return null;
      return { period: { kind: "year", fiscalYear }, language: fyLanguage(m[0]) };
    },
  },
  {
    pattern: /^([a-z]+)\.?(?:\s+(\d{4}))?$/,
    build: (m) => {
      const month = MONTHS.get(m[1] ?? "");
      if (month === undefined) return null;
      const calendarYear = m[2] === undefined ? undefined : Number(m[2]);
      if (calendarYear !== undefined && (calendarYear < 2000 || calendarYear > 2099)) return null;
      const period: PeriodSpec = calendarYear === undefined ? { kind: "month", month: month.month } : { kind: "month", month: month.month, calendarYear };
      return { period, language: month.language };
    },
  },
];

/** "tahun kewangan"/"TK" are Malay, "fiscal year" English; "FY" and "Q3" belong to both. */
function fyLanguage(phrase: string): Locale | undefined {
  if (/\b(?:tahun kewangan|tk)\b/.test(phrase) || /^q[1-4]tk/.test(phrase)) return "ms";
  if (/\b(?:fiscal|financial)\b/.test(phrase)) return "en";
  return undefined;
}

function relative(unit: Unit | undefined, offset: number | undefined, language: Locale): PeriodMatch | null {
  if (unit === undefined || offset === undefined) return null;
  return { period: { kind: "relative", unit, offset }, language };
}

function quarter(q: string | undefined, year: string | undefined, language: Locale | undefined): PeriodMatch | null {
  const n = Number(q);
  if (n !== 1 && n !== 2 && n !== 3 && n !== 4) return null;
  const fiscalYear = fiscalYearOf(year);
  if (fiscalYear === null) return null;
  const period: PeriodSpec = fiscalYear === undefined ? { kind: "quarter", quarter: n } : { kind: "quarter", quarter: n, fiscalYear };
  return { period, language };
}

function half(h: string | undefined, year: string | undefined, language: Locale | undefined): PeriodMatch | null {
  const n = Number(h);
  if (n !== 1 && n !== 2) return null;
  const fiscalYear = fiscalYearOf(year);
  if (fiscalYear === null) return null;
  const period: PeriodSpec = fiscalYear === undefined ? { kind: "half", half: n } : { kind: "half", half: n, fiscalYear };
  return { period, language };
}

function canonical(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .replace(/^[\s"'“”‘’(]+|[\s"'“”‘’)?!.,;:]+$/g, "")
    .trim();
}

/** The period a whole phrase names, with its language; undefined when it names none. Never throws. */
export function matchPeriod(text: string): PeriodMatch | undefined {
  if (typeof text !== "string" || text.length > 60) return undefined;
  const phrase = canonical(text);
  if (phrase === "") return undefined;
  for (const rule of RULES) {
    const m = rule.pattern.exec(phrase);
    if (m === null) continue;
    const result = rule.build(m);
    if (result !== null) return result;
  }
  return undefined;
}

/** The period a whole phrase names ("Q3 FY27", "suku depan"); undefined when it names none. */
export function parsePeriod(text: string): PeriodSpec | undefined {
  return matchPeriod(text)?.period;
}

const LEADING_PREPOSITION = /^(?:in|for|during|of|untuk|bagi|pada|dalam)$/i;
const MAX_PERIOD_WORDS = 5;

export interface ExtractPeriodOptions {
  /** Only look at the end of the text (used inside deal names, which may start with "Q3"). */
  endOnly?: boolean;
  /**
   * Take a lone month name at an edge without "in"/"for" before it. Only for a rest the caller
   * knows is a command word ("team October"), which no deal name or ordinary word can be.
   */
  bareMonth?: boolean;
}

function isBareMonth(match: PeriodMatch): boolean {
  return match.period.kind === "month" && match.period.calendarYear === undefined;
}

export interface PeriodExtraction {
  /** The text with the period phrase (and a preposition before it) taken out. */
  rest: string;
  match: PeriodMatch | undefined;
}

/**
 * Finds a period phrase at the start or end of a question ("Q3 @maria", "team next quarter",
 * "how much to 100% for Q3") and returns the rest. Only the edges are searched, so a deal
 * called "March renewal" in the middle of "what if I close March renewal" is left alone.
 */
export function extractPeriod(text: string, options: ExtractPeriodOptions = {}): PeriodExtraction {
  const words = text.split(/\s+/).filter((word) => word !== "");
  const limit = Math.min(MAX_PERIOD_WORDS, words.length);
  // A lone month name ("May", "Mac") is also an ordinary word; at an edge of a longer question
  // it counts only after "in"/"for"/"untuk"… ("team in March").
  const accept = (match: PeriodMatch | undefined, n: number, prefixed: boolean): match is PeriodMatch =>
    match !== undefined && (prefixed || options.bareMonth === true || n === words.length || !isBareMonth(match));
  for (let n = options.endOnly === true ? 0 : limit; n >= 1; n -= 1) {
    const head = words.slice(0, n);
    const match = matchPeriod(head.join(" "));
    if (accept(match, n, false)) {
      const restWords = words.slice(n);
      return { rest: restWords.join(" "), match };
    }
    // "for Q3 …"
    if (n < words.length && LEADING_PREPOSITION.test(words[0] ?? "")) {
      const prefixed = matchPeriod(words.slice(1, n + 1).join(" "));
      if (accept(prefixed, n, true)) return { rest: words.slice(n + 1).join(" "), match: prefixed };
    }
  }
  for (let n = limit; n >= 1; n -= 1) {
    const match = matchPeriod(words.slice(words.length - n).join(" "));
    let cut = words.length - n;
    const prefixed = cut > 0 && LEADING_PREPOSITION.test(words[cut - 1] ?? "");
    if (!accept(match, n, prefixed)) continue;
    if (prefixed) cut -= 1;
    return { rest: words.slice(0, cut).join(" "), match };
  }
  return { rest: words.join(" "), match: undefined };
}
