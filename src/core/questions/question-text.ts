/**
 * What every question grammar does first: bound the input, normalise look-alike characters,
 * take out the people it mentions (Slack escapes and plain @handles), drop emoji, and tidy
 * spaces and trailing punctuation. Shared by `/quota` and `/forecast`.
 */
import type { Locale } from "../i18n/locale.js";

/** Questions longer than this are refused unread (`too_long`). */
export const MAX_QUESTION_LENGTH = 1000;

/** Someone a question is about: a Slack user id (from `<@U123|maria>`) or a typed handle (`@maria.tan`). */
export type Subject =
  | { slackUserId: string; handle?: string }
  | { slackUserId?: undefined; handle: string };

export interface QuestionText {
  /** Normalised text without mentions, emoji or trailing punctuation; original letter case kept. */
  text: string;
  /** The people mentioned, in order, without repeats. */
  subjects: Subject[];
  /** True when the text was nothing but question marks ("?"). */
  onlyQuestionMarks: boolean;
}

const SLACK_ESCAPE = /<([@#!])?([^<>|]*)(?:\|([^<>]*))?>/g;
const PLAIN_HANDLE = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}._-]{0,79})/gu;
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const EMOJI = /[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}\ufe0e\ufe0f\u20e3]/gu;
const SHORTCODE = /(^|\s):[a-z0-9_+-]{1,40}:(?=\s|$)/gi;
const DASHES = /[\u2010-\u2015\u2212]/g;
const TRAILING = /[\s.!?,;:…]+$/u;

/** Bounds and cleans a question. Returns `undefined` when it is too long to read. */
export function readQuestionText(input: unknown): QuestionText | undefined {
  const raw = typeof input === "string" ? input : "";
  if (raw.trim().length > MAX_QUESTION_LENGTH) return undefined;

  const subjects: Subject[] = [];
  const addSubject = (subject: Subject): void => {
    const same = subjects.some((known) =>
      subject.slackUserId !== undefined ? known.slackUserId === subject.slackUserId : known.slackUserId === undefined && known.handle === subject.handle,
    );
    if (!same) subjects.push(subject);
  };

  let text = raw.normalize("NFKC").replace(INVISIBLE, "");
  text = text.replace(SLACK_ESCAPE, (_whole, sigil: string | undefined, target: string, label: string | undefined) => {
    if (sigil === "@" && /^[UW][A-Z0-9]{2,}$/.test(target)) {
      const handle = label?.trim().replace(/^@/, "");
      addSubject(handle ? { slackUserId: target, handle } : { slackUserId: target });
      return " ";
    }
    // Channels, links and special mentions: keep their visible text so the grammar sees them.
    return ` ${label ?? target} `;
  });
  text = text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  text = text.replace(PLAIN_HANDLE, (_whole, handle: string) => {
    const cleaned = handle.replace(/[._-]+$/, "").toLowerCase();
    addSubject({ handle: cleaned });
    return " ";
  });
  text = text.replace(EMOJI, " ").replace(SHORTCODE, "$1 ").replace(DASHES, "-");
  text = text.replace(/\s+/gu, " ").trim();
  const onlyQuestionMarks = /^\?+$/.test(text);
  text = text.replace(TRAILING, "");
  return { text, subjects, onlyQuestionMarks };
}

/** Strips quotes and brackets wrapped around a phrase: “Acme renewal” -> Acme renewal. */
export function unquote(text: string): string {
  return text.replace(/^["'“”‘’«»`(\[]+|["'“”‘’«»`)\]]+$/gu, "").trim();
}

const MALAY_WORDS = new Set([
  "berapa", "berapakah", "lagi", "untuk", "capai", "mencapai", "kuota", "sasaran", "kalau", "jika", "sekiranya",
  "saya", "aku", "kami", "kita", "tutup", "menutup", "pasukan", "papan", "pendahulu", "kedudukan", "bantuan",
  "seterusnya", "berikutnya", "peringkat", "tahap", "suku", "depan", "hadapan", "lepas", "lalu", "ini", "semasa",
  "bulan", "tahun", "kewangan", "hantar", "terbaik", "kaedah", "ketepatan", "tepat", "ringkasan", "mingguan",
  "unjuran", "ramalan", "ke", "ketiga", "kedua", "pertama", "keempat", "apa", "bagaimana", "macam", "mana",
  "dikira", "kira", "tunjuk", "tunjukkan", "komisen", "pencapaian", "baki", "jurang", "dapat", "menang", "dan",
  "kes", "komit", "tolong", "boleh", "ada", "dah", "sudah", "belum", "separuh", "mac", "mei", "julai", "ogos",
  "oktober", "disember", "januari", "februari", "peratus", "perlu", "anda", "kau", "pula",
  "senarai", "terbuka", "urus", "niaga", "urusniaga", "peluang", "ditutup", "yang", "akan",
  "mula", "jeda", "sambung", "keputusan", "baru", "ubah",
]);
const ENGLISH_WORDS = new Set([
  "what", "if", "how", "much", "more", "to", "hit", "reach", "quota", "team", "next", "leaderboard", "help",
  "close", "closes", "win", "this", "last", "previous", "quarter", "month", "year", "my", "me", "i", "the", "for",
  "is", "left", "show", "submit", "best", "case", "method", "accuracy", "accurate", "digest", "weekly",
  "percent", "half", "current", "far", "need", "do", "you", "calculate", "calculated", "projection", "rank",
  "ranking", "rankings", "level", "and", "our", "my", "gap", "target", "attainment", "commission", "summary",
  "march", "january", "february", "june", "july", "august", "october", "december", "fiscal", "we", "land",
  "get", "am", "doing", "of", "in", "please", "can", "where", "who",
  "open", "closing", "opportunities", "opps", "start", "pause", "resume", "results",
]);

/**
 * Guesses whether words are English or Malay by counting words typical of each. Returns
 * undefined when neither wins ("Q3", "?", "@maria", "tier"), so the reply can use the
 * person's own locale.
 */
export function detectLanguage(text: string): Locale | undefined {
  let english = 0;
  let malay = 0;
  for (const word of text.toLowerCase().split(/[^\p{L}'-]+/u)) {
    if (word === "") continue;
    if (MALAY_WORDS.has(word)) malay += 1;
    if (ENGLISH_WORDS.has(word)) english += 1;
  }
  if (malay > english) return "ms";
  if (english > malay) return "en";
  return undefined;
}

/**
 * Words Malaysian colleagues use in both languages ("pipeline pasukan", "deal saya", "team
 * kita"): they say nothing about which language a question is in.
 */
const SHARED_WORDS = new Set([
  "team", "pipeline", "deal", "deals", "forecast", "commit", "best", "case", "status", "tier", "digest", "ok", "okay",
  // The words of `/salesops` and `/pulse` administration, which has no Malay grammar of its own.
  "schedule", "list", "settings",
]);

/**
 * The language a whole question is clearly written in, or undefined: it has a word found only in
 * that language's list, and those words outnumber the other language's at least two to one.
 * "kedudukan", "pasukan" and "berapa lagi untuk capai quota" are Malay; "leaderboard" and "how
 * much to hit quota" English; "what if saya tutup 50k" (2 to 2), "team", "Q3" and "@maria"
 * neither. Mentions (`<@U123|maria>`, `@maria.tan`) are left out before counting.
 */
export function clearLanguageOf(text: string): Locale | undefined {
  const cleaned = (typeof text === "string" ? text : "").replace(/<[^>]*>|@[\p{L}\p{N}._-]+/gu, " ").toLowerCase();
  let english = 0;
  let malay = 0;
  for (const word of cleaned.split(/[^\p{L}'-]+/u)) {
    if (word === "" || SHARED_WORDS.has(word)) continue;
    if (MALAY_WORDS.has(word)) malay += 1;
    if (ENGLISH_WORDS.has(word)) english += 1;
  }
  if (malay > 0 && malay >= 2 * english) return "ms";
  if (english > 0 && english >= 2 * malay) return "en";
  return undefined;
}
