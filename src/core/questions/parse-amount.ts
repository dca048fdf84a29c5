/**
 * Amounts as people type them in chat: "50k", "1.2m", "RM 50,000", "RM50k", "$50,000",
 * "50,000.50", "USD 20k", "50 ribu", "1.2 juta", "S$ 10k", "€5k", "£5k".
 *
 * Reading happens in two steps: `readAmount` understands the text without knowing the tenant
 * (so question grammars can use it), and `amountToMinor` turns that reading into integer minor
 * units of the tenant's currency. `parseAmount` does both. Arithmetic is exact (bigint): no
 * binary floating point ever touches an amount.
 */
import { minorUnitDigits } from "../money.js";

/** Why an amount was refused. Each maps to its own sentence in the message catalogue. */
export type AmountRejection =
  | "empty"
  | "malformed"
  | "negative"
  | "zero"
  | "too_large"
  | "too_many_decimals"
  | "currency_mismatch";

/** An amount understood without reference to the tenant. */
export type AmountReading =
  | {
      ok: true;
      /** The text as given (trimmed). */
      text: string;
      /** Exact value in major units as a plain decimal string: "1200000", "50000.5". */
      major: string;
      /** ISO 4217 code of a currency the text named, if any ("$" alone reads as USD). */
      currency?: string;
      /** The currency marker exactly as typed ("RM", "$", "usd"), if any. */
      currencySymbol?: string;
    }
  | { ok: false; text: string; reason: AmountRejection; currency?: string; currencySymbol?: string };

/** An amount in the tenant's currency, or why not. */
export type AmountParse =
  | {
      ok: true;
      text: string;
      /** Integer minor units of `currency` (sen for MYR). */
      minor: number;
      /** The tenant's currency. */
      currency: string;
    }
  | {
      ok: false;
      text: string;
      reason: AmountRejection;
      /** For `currency_mismatch`: the currency the text named, and the marker as typed. */
      mentionedCurrency?: string;
      currencySymbol?: string;
      /** The tenant's currency, so the reply can say "amounts are in MYR". */
      currency: string;
    };

export interface TenantCurrency {
  /** ISO 4217 code, e.g. "MYR"; its minor-unit digits come from the ISO 4217 table (`minorUnitDigits`). */
  currency: string;
}

/** Largest accepted amount, in major units: anything above is a typo or a test of the bot. */
export const MAX_AMOUNT_MAJOR = 1_000_000_000_000n;
const MAX_TEXT = 64;

const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ["k", 3], ["thousand", 3], ["thou", 3], ["ribu", 3], ["rb", 3],
  ["m", 6], ["mil", 6], ["mill", 6], ["million", 6], ["millions", 6], ["mio", 6], ["mn", 6],
  ["juta", 6], ["jt", 6],
  ["b", 9], ["bn", 9], ["billion", 9], ["bilion", 9],
]);

/** Symbols and local abbreviations; three-letter ISO codes are recognised separately. */
const SYMBOLS: ReadonlyMap<string, string> = new Map([
  ["rm", "MYR"], ["us$", "USD"], ["s$", "SGD"], ["sg$", "SGD"], ["a$", "AUD"], ["au$", "AUD"],
  ["hk$", "HKD"], ["nz$", "NZD"], ["c$", "CAD"], ["ca$", "CAD"], ["€", "EUR"], ["£", "GBP"],
  ["¥", "JPY"], ["₹", "INR"], ["rp", "IDR"], ["฿", "THB"], ["₱", "PHP"], ["₩", "KRW"], ["₫", "VND"],
  ["$", "USD"],
]);

/** Currencies a bare "$" can mean when the tenant uses one of them. */
const DOLLARS: ReadonlySet<string> = new Set(["USD", "SGD", "AUD", "NZD", "CAD", "HKD", "TWD", "BND", "FJD"]);

let isoCodes: ReadonlySet<string> | undefined;
function isIsoCurrency(code: string): boolean {
  isoCodes ??= new Set(Intl.supportedValuesOf("currency"));
  return isoCodes.has(code.toUpperCase());
}

/** Tokens of an amount: a currency marker, a sign, a number, a multiplier word, or junk. */
type Token =
  | { type: "currency"; code: string; symbol: string; dollar: boolean }
  | { type: "sign" }
  | { type: "number"; text: string }
  | { type: "multiplier"; exponent: number }
  | { type: "word"; text: string; attached: boolean }
  | { type: "junk" };

const TOKEN = /([a-z]{1,3}\$)|(\p{Sc})|([+\-\u2212])|(\d[\d,]*(?:\.\d*)?|\.\d+)|(\p{L}+)|(\S)/giu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousWasNumber = false;
  let previousEnd = -1;
  for (const match of text.matchAll(TOKEN)) {
    const [whole, prefixedDollar, symbol, sign, number, word] = match;
    const start = match.index;
    const adjacent = start === previousEnd;
    if (prefixedDollar !== undefined || symbol !== undefined) {
      const raw = whole.toLowerCase();
      const code = SYMBOLS.get(raw);
      tokens.push(code === undefined ? { type: "junk" } : { type: "currency", code, symbol: whole, dollar: raw === "$" });
    } else if (sign !== undefined) {
      tokens.push({ type: "sign" });
    } else if (number !== undefined) {
      tokens.push({ type: "number", text: number });
    } else if (word !== undefined) {
      const lower = word.toLowerCase();
      const exponent = MULTIPLIERS.get(lower);
      const code = SYMBOLS.get(lower) ?? (lower.length === 3 && isIsoCurrency(lower) ? lower.toUpperCase() : undefined);
      if (exponent !== undefined) tokens.push({ type: "multiplier", exponent });
      else if (code !== undefined) tokens.push({ type: "currency", code, symbol: word, dollar: false });
      else tokens.push({ type: "word", text: word, attached: previousWasNumber && adjacent });
    } else {
      tokens.push({ type: "junk" });
    }
    previousWasNumber = number !== undefined;
    previousEnd = start + whole.length;
  }
  return tokens;
}

/**
 * True when the text is shaped like an amount — digits, perhaps a currency and a multiplier,
 * with no free-standing words — even if it is not a valid one ("50kk", "-5k"). Question
 * grammars use it to tell "what if 50k" from "what if I close 3M renewal".
 */
export function looksLikeAmount(text: string): boolean {
  if (text.length > MAX_TEXT) return false;
  const tokens = tokenize(text.normalize("NFKC"));
  if (!tokens.some((token) => token.type === "number")) return false;
  return tokens.every((token) => token.type !== "word" || token.attached);
}

const NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/** Reads an amount without knowing the tenant's currency. Never throws. */
export function readAmount(input: string): AmountReading {
  const text = typeof input === "string" ? input.normalize("NFKC").trim() : "";
  if (text === "") return { ok: false, text, reason: "empty" };
  if (text.length > MAX_TEXT) return { ok: false, text, reason: "malformed" };

  let currency: { code: string; symbol: string } | undefined;
  let negative = false;
  let numberText: string | undefined;
  let exponent = 0;
  let malformed = false;
  // Expected order: [sign] [currency] [sign] number [multiplier] [currency]
  for (const token of tokenize(text)) {
    switch (token.type) {
      case "currency":
        if (currency !== undefined) malformed = true;
        currency = { code: token.code, symbol: token.symbol };
        break;
      case "sign":
        if (numberText !== undefined || negative) malformed = true;
        // "+50k" is fine; only a minus makes it negative.
        negative = true;
        break;
      case "number":
        if (numberText !== undefined) malformed = true;
        numberText = token.text;
        break;
      case "multiplier":
        if (numberText === undefined || exponent !== 0) malformed = true;
        exponent = token.exponent;
        break;
      default:
        malformed = true;
    }
  }
  // A "+" was counted as a sign above; look again so only a minus means negative.
  if (negative && !/[-\u2212]/u.test(text)) negative = false;
  const withCurrency = currency === undefined ? {} : { currency: currency.code, currencySymbol: currency.symbol };
  if (malformed || numberText === undefined) return { ok: false, text, reason: "malformed", ...withCurrency };
  const shape = NUMBER.exec(numberText);
  if (shape === null || numberText === "." || numberText.endsWith(".")) {
    return { ok: false, text, reason: "malformed", ...withCurrency };
  }
  const [integerPart = "", fractionPart = ""] = numberText.replaceAll(",", "").split(".");
  const digits = BigInt((integerPart || "0") + fractionPart);
  const scale = fractionPart.length - exponent;
  const major = decimalString(digits, scale);
  if (digits === 0n) return { ok: false, text, reason: "zero", ...withCurrency };
  if (negative) return { ok: false, text, reason: "negative", ...withCurrency };
  if (compareDecimal(digits, scale, MAX_AMOUNT_MAJOR, 0) > 0) {
    return { ok: false, text, reason: "too_large", ...withCurrency };
  }
  return { ok: true, text, major, ...withCurrency };
}

/**
 * Turns a reading into integer minor units of the tenant's currency. An amount naming another
 * currency is refused (`currency_mismatch`), never converted; "$" counts as the tenant's own
 * currency when that is a dollar (SGD, AUD…).
 */
export function amountToMinor(reading: AmountReading, tenant: TenantCurrency): AmountParse {
  const currency = tenant.currency.toUpperCase();
  const exponent = minorUnitDigits(currency);
  const mentioned = reading.currency;
  const dollar = reading.currencySymbol === "$";
  const mismatch = mentioned !== undefined && mentioned !== currency && !(dollar && DOLLARS.has(currency));
  const symbol = reading.currencySymbol === undefined ? {} : { currencySymbol: reading.currencySymbol };
  if (!reading.ok) {
    return { ok: false, text: reading.text, reason: reading.reason, currency, ...symbol, ...(mentioned ? { mentionedCurrency: mentioned } : {}) };
  }
  if (mismatch) {
    return { ok: false, text: reading.text, reason: "currency_mismatch", currency, mentionedCurrency: mentioned, ...symbol };
  }
  const [integerPart = "0", fractionPart = ""] = reading.major.split(".");
  if (fractionPart.length > exponent) {
    return { ok: false, text: reading.text, reason: "too_many_decimals", currency };
  }
  const minor = BigInt(integerPart + fractionPart.padEnd(exponent, "0"));
  // A four-digit minor unit (CLF) can pass 2^53 below MAX_AMOUNT_MAJOR; such an amount is not exact.
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, text: reading.text, reason: "too_large", currency };
  return { ok: true, text: reading.text, minor: Number(minor), currency };
}

/** Reads an amount and converts it to integer minor units of the tenant's currency. Never throws. */
export function parseAmount(text: string, tenant: TenantCurrency): AmountParse {
  return amountToMinor(readAmount(text), tenant);
}

/** Compares two readings' values (ok readings only); negative when `a` is smaller. */
export function compareAmounts(a: Extract<AmountReading, { ok: true }>, b: Extract<AmountReading, { ok: true }>): number {
  const [ad, as] = decimalParts(a.major);
  const [bd, bs] = decimalParts(b.major);
  return compareDecimal(ad, as, bd, bs);
}

function decimalParts(major: string): [bigint, number] {
  const [integerPart = "0", fractionPart = ""] = major.split(".");
  return [BigInt(integerPart + fractionPart), fractionPart.length];
}

/** digits × 10^-scale as a plain decimal string without trailing zeros. */
function decimalString(digits: bigint, scale: number): string {
  if (scale <= 0) return (digits * 10n ** BigInt(-scale)).toString();
  const raw = digits.toString().padStart(scale + 1, "0");
  const integerPart = raw.slice(0, raw.length - scale);
  const fractionPart = raw.slice(raw.length - scale).replace(/0+$/, "");
  return fractionPart === "" ? integerPart : `${integerPart}.${fractionPart}`;
}

function compareDecimal(a: bigint, aScale: number, b: bigint, bScale: number): number {
  const scale = Math.max(aScale, bScale);
  const left = a * 10n ** BigInt(scale - aScale);
  const right = b * 10n ** BigInt(scale - bScale);
  return left < right ? -1 : left > right ? 1 : 0;
}
