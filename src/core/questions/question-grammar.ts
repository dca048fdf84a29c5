/**
 * Small pieces the `/quota` and `/forecast` grammars share: phrase canonicalisation, filler
 * words, "what if" openings and percentages.
 */
import type { Locale } from "../i18n/locale.js";
import { extractPeriod, type PeriodExtraction } from "./parse-period.js";

/** Lower-case, single-spaced, without quotes and punctuation that carries no meaning here. */
export function canonicalPhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[“”"!?,;:()[\]{}]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const FILLER = new Set([
  "the", "a", "an", "my", "me", "mine", "our", "us", "please", "pls", "plz", "show", "see", "view", "give",
  "what", "what's", "whats", "is", "are", "i", "am", "tell", "about", "check", "current", "now",
  "saya", "aku", "kami", "kita", "tunjuk", "tunjukkan", "lihat", "sila", "nak", "mahu", "apa", "punya",
  "tengok", "semak", "tolong", "sekarang", "untuk",
]);

/** The phrase with filler words ("show me my…", "tolong tunjuk…") removed. */
export function withoutFiller(phrase: string): string {
  return phrase
    .split(" ")
    .filter((word) => word !== "" && !FILLER.has(word))
    .join(" ");
}

const HELP = new Set([
  "help", "bantuan", "tolong", "commands", "command", "menu", "usage", "what can you do", "what can i ask",
  "how does this work", "how do i use this", "apa boleh tanya", "apa yang boleh saya tanya", "boleh tanya apa",
  "macam mana nak guna", "cara guna", "panduan",
]);

export function isHelp(phrase: string): boolean {
  return HELP.has(phrase) || HELP.has(withoutFiller(phrase));
}

/**
 * "Which deals do I have closing?" — `/quota deals`, `/forecast deals`, in English and Malay
 * (after `withoutFiller`: "show me my open deals" -> "open deals", "tunjuk deal saya" -> "deal").
 */
const DEALS = new Set([
  "deals", "deal", "open deals", "my deals", "deal list", "deals list", "list deals", "list of deals", "open opps",
  "opps", "opportunities", "open opportunities", "deals closing", "open deals closing", "deals this quarter",
  "deal terbuka", "senarai deal", "senarai deal terbuka", "urus niaga", "urusniaga", "urus niaga terbuka",
  "deal-deal", "deal yang terbuka", "deal yang akan ditutup", "peluang", "peluang terbuka", "senarai urus niaga",
]);

export function isDealsList(phrase: string): boolean {
  return DEALS.has(phrase) || DEALS.has(withoutFiller(phrase));
}

/** How a "what if" question opens, in each language, and how a deal's closing can trail it. */
export const WHAT_IF: readonly { language: Locale; opening: RegExp; trailing: RegExp }[] = [
  {
    language: "en",
    opening:
      /^(?:so\s+)?(?:what\s+(?:happens\s+)?if|what\s+about\s+if|if|suppose|assuming)\s+(?:(?:i|we)\s+)?(?:(?:close|closed|closes|win|won|wins|land|lands|landed|book|books|booked|sign|signs|signed|get|bring\s+in)\s+)?(.+)$/iu,
    trailing: /\s+(?:closes|closed|lands|landed|is\s+won|comes\s+in|signs|goes\s+through)$/iu,
  },
  {
    language: "ms",
    opening:
      /^(?:kalau|jika|sekiranya|andaikata|andai|katakan)\s+(?:(?:saya|aku|kami|kita)\s+)?(?:(?:berjaya\s+)?(?:tutup|menutup|close|closed|dapat|mendapat|menang|memenangi|sign)\s+)?(.+)$/iu,
    trailing: /\s+(?:ditutup|berjaya|masuk|menang|close|closed)$/iu,
  },
];

/** Strips words around a deal's name: "the Acme renewal deal" -> "Acme renewal". */
export function dealName(text: string): string {
  return text
    .replace(/^(?:the|deal|urus\s*niaga|deal\s+untuk)\s+/iu, "")
    .replace(/\s+(?:deal|opportunity|opp)$/iu, "")
    .trim();
}

/** Words that cannot be a deal's name on their own ("what if I close" with nothing after). */
export const NOT_A_DEAL = /^(?:i|we|close|closed|win|land|book|sign|get|it|this|that|tutup|saya|kami|kita|dapat|menang)$/iu;

const PERCENT = /(\d{1,4}(?:\.\d{1,2})?)\s*(?:%|percent\b|per\s+cent\b|peratus\b|pct\b)/u;

/** A percentage in the phrase as a fraction (120% -> 1.2); undefined when none or absurd. */
export function percentFraction(phrase: string): number | undefined | null {
  const m = PERCENT.exec(phrase);
  if (m === null) return undefined;
  const percent = Number(m[1]);
  if (!(percent > 0 && percent <= 1000)) return null;
  return Math.round(percent * 100) / 10_000;
}

export function isOnlyPercent(phrase: string): boolean {
  return /^(?:to\s+|untuk\s+|ke\s+)?\d{1,4}(?:\.\d{1,2})?\s*(?:%|percent|per cent|peratus|pct)$/u.test(phrase);
}

export function truncate(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The period of a question, a lone month name included when what is left is one of the
 * grammar's command words ("team October", "pasukan Oktober", "deals March"): a command word
 * cannot be a deal's name, so the month cannot be part of one. `isCommandWord` gets the
 * canonical phrase and the phrase without filler.
 */
export function periodBesideCommandWord(body: string, isCommandWord: (phrase: string, essential: string) => boolean): PeriodExtraction {
  const strict = extractPeriod(body);
  if (strict.match !== undefined) return strict;
  const lenient = extractPeriod(body, { bareMonth: true });
  if (lenient.match === undefined) return strict;
  const phrase = canonicalPhrase(lenient.rest);
  return isCommandWord(phrase, withoutFiller(phrase)) ? lenient : strict;
}
