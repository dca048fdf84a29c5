/**
 * The admin grammar for schedules, shared by `/salesops schedule …` in Slack and
 * `npm run cli -- schedule …` (where the shell has already split the words):
 *
 *   list
 *   add <kind> "<name>" <when…> [--tz <Zone>] [--team "<Team name>" | --all-teams]
 *   change "<name>" [<when…>] [--tz <Zone>] [--team "<Team name>" | --all-teams]
 *   pause "<name>"
 *   resume "<name>"
 *   delete "<name>"
 *   help
 *
 * `<when…>` is every word left after the name (a preset such as `weekly Mon 08:00`, or a cron
 * expression); flags may come anywhere after the verb, as `--tz Zone` or `--tz=Zone`. Problems
 * come back as data, for the caller to say in the reader's language.
 *
 * `/salesops settings …` (parseSalesopsCommand) has its own few words:
 *
 *   settings
 *   settings digest-detail full|totals [--team "<Team name>"]
 *   settings digest-detail inherit --team "<Team name>"
 *   settings help
 */

export type TargetChoice = { team: string } | { allTeams: true };

export type ScheduleCommand =
  | { verb: "help" }
  | { verb: "list" }
  | { verb: "add"; kind: string; name: string; when: string; timeZone?: string; target?: TargetChoice }
  | { verb: "change"; name: string; when?: string; timeZone?: string; target?: TargetChoice }
  | { verb: "pause" | "resume" | "delete"; name: string };

/** `/salesops settings …`: show them, or set the digest detail (values as typed; the use case checks them). */
export type SettingsCommand =
  | { verb: "settingsHelp" }
  | { verb: "showSettings" }
  | { verb: "setDigestDetail"; value: string; team?: string };

export type ScheduleVerb = Exclude<ScheduleCommand["verb"], "help">;

export type UsageProblem =
  | { kind: "unclosedQuote"; quote: string }
  | { kind: "unknownVerb"; word: string }
  | { kind: "unknownTopic"; word: string }
  | { kind: "missingKind" }
  | { kind: "missingName"; verb: ScheduleVerb }
  | { kind: "missingWhen" }
  | { kind: "unknownFlag"; flag: string }
  | { kind: "flagNeedsValue"; flag: string }
  | { kind: "flagRepeated"; flag: string }
  | { kind: "flagNotAllowed"; verb: ScheduleVerb; flag: string }
  | { kind: "teamAndAllTeams" }
  | { kind: "extraWords"; verb: ScheduleVerb | "settings"; words: string }
  | { kind: "unknownSetting"; word: string }
  | { kind: "missingSettingValue"; setting: string };

export type ParsedScheduleCommand = { ok: true; command: ScheduleCommand } | { ok: false; problem: UsageProblem };
export type ParsedSettingsCommand = { ok: true; command: SettingsCommand } | { ok: false; problem: UsageProblem };
export type ParsedSalesopsCommand = { ok: true; command: ScheduleCommand | SettingsCommand } | { ok: false; problem: UsageProblem };

/** Straight and typographic quotes (chat clients turn `"` into `“ ”` as people type). */
const CLOSING_QUOTES: Readonly<Record<string, string>> = {
  '"': '"“”',
  "“": '"“”',
  "”": '"“”',
  "'": "'‘’",
  "‘": "'‘’",
  "’": "'‘’",
};

/**
 * Splits text into words at whitespace. A word that starts with a quote runs to the matching
 * quote that ends a word (followed by whitespace or the end), so `"Kevin's team"` and
 * `'O'Brien weekly'` are one word each; quotes inside a word are kept as typed.
 */
export function tokenizeArguments(text: string): { ok: true; tokens: string[] } | { ok: false; problem: UsageProblem } {
  const tokens: string[] = [];
  let index = 0;
  while (index < text.length) {
    while (index < text.length && /\s/.test(text[index]!)) index += 1;
    if (index >= text.length) break;
    const opening = text[index]!;
    const closing = CLOSING_QUOTES[opening];
    if (closing === undefined) {
      const start = index;
      while (index < text.length && !/\s/.test(text[index]!)) index += 1;
      tokens.push(text.slice(start, index));
      continue;
    }
    let end = index + 1;
    while (end < text.length && !(closing.includes(text[end]!) && (end + 1 === text.length || /\s/.test(text[end + 1]!)))) end += 1;
    if (end >= text.length) return { ok: false, problem: { kind: "unclosedQuote", quote: opening } };
    tokens.push(text.slice(index + 1, end));
    index = end + 1;
  }
  return { ok: true, tokens };
}

/** `—tz` and `–tz`: what a phone or a Mac makes of a typed `--`. */
function normaliseFlag(token: string): string | null {
  const match = /^(?:--|—|–)([a-z][a-z-]*)(?:=(.*))?$/is.exec(token);
  if (!match) return null;
  return match[2] === undefined ? `--${match[1]!.toLowerCase()}` : `--${match[1]!.toLowerCase()}=${match[2]}`;
}

const VERBS: ReadonlySet<string> = new Set(["list", "add", "change", "pause", "resume", "delete"]);
const VALUE_FLAGS: ReadonlySet<string> = new Set(["--tz", "--team"]);
const SWITCH_FLAGS: ReadonlySet<string> = new Set(["--all-teams"]);
const FLAGS_OF: Readonly<Record<ScheduleVerb, ReadonlySet<string>>> = {
  list: new Set(),
  add: new Set(["--tz", "--team", "--all-teams"]),
  change: new Set(["--tz", "--team", "--all-teams"]),
  pause: new Set(),
  resume: new Set(),
  delete: new Set(),
};

/** Parses the words after `schedule` (see the grammar above). No words, or `help`, is help. */
export function parseScheduleCommand(tokens: readonly string[]): ParsedScheduleCommand {
  const [first, ...rest] = tokens;
  if (first === undefined || /^(?:help|-h|--help)$/i.test(first)) return { ok: true, command: { verb: "help" } };
  const verb = first.toLowerCase();
  if (!VERBS.has(verb)) return { ok: false, problem: { kind: "unknownVerb", word: first } };
  const scheduleVerb = verb as ScheduleVerb;

  const positional: string[] = [];
  const values = new Map<string, string>();
  let allTeams = false;
  for (let index = 0; index < rest.length; index += 1) {
    const token = rest[index]!;
    const flag = normaliseFlag(token);
    if (flag === null) {
      positional.push(token);
      continue;
    }
    const [name, inline] = flag.includes("=") ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)] : [flag, undefined];
    if (!VALUE_FLAGS.has(name) && !SWITCH_FLAGS.has(name)) return { ok: false, problem: { kind: "unknownFlag", flag: token } };
    if (!FLAGS_OF[scheduleVerb].has(name)) return { ok: false, problem: { kind: "flagNotAllowed", verb: scheduleVerb, flag: name } };
    if (SWITCH_FLAGS.has(name)) {
      if (inline !== undefined) return { ok: false, problem: { kind: "unknownFlag", flag: token } };
      if (allTeams) return { ok: false, problem: { kind: "flagRepeated", flag: name } };
      allTeams = true;
      continue;
    }
    if (values.has(name)) return { ok: false, problem: { kind: "flagRepeated", flag: name } };
    const value = inline ?? rest[index + 1];
    if (value === undefined || value.trim() === "" || (inline === undefined && normaliseFlag(value) !== null)) {
      return { ok: false, problem: { kind: "flagNeedsValue", flag: name } };
    }
    if (inline === undefined) index += 1;
    values.set(name, value.trim());
  }
  const team = values.get("--team");
  if (team !== undefined && allTeams) return { ok: false, problem: { kind: "teamAndAllTeams" } };
  const target: TargetChoice | undefined = team !== undefined ? { team } : allTeams ? { allTeams: true } : undefined;
  const timeZone = values.get("--tz");
  const options = { ...(timeZone === undefined ? {} : { timeZone }), ...(target === undefined ? {} : { target }) };
  const joined = (words: readonly string[]): string => words.join(" ").replace(/\s+/g, " ").trim();

  switch (scheduleVerb) {
    case "list":
      if (positional.length > 0) return { ok: false, problem: { kind: "extraWords", verb: scheduleVerb, words: joined(positional) } };
      return { ok: true, command: { verb: "list" } };
    case "add": {
      const [kind, name, ...when] = positional;
      if (kind === undefined) return { ok: false, problem: { kind: "missingKind" } };
      if (name === undefined || name.trim() === "") return { ok: false, problem: { kind: "missingName", verb: scheduleVerb } };
      if (joined(when) === "") return { ok: false, problem: { kind: "missingWhen" } };
      return { ok: true, command: { verb: "add", kind, name: name.trim(), when: joined(when), ...options } };
    }
    case "change": {
      const [name, ...when] = positional;
      if (name === undefined || name.trim() === "") return { ok: false, problem: { kind: "missingName", verb: scheduleVerb } };
      const spec = joined(when);
      return { ok: true, command: { verb: "change", name: name.trim(), ...(spec === "" ? {} : { when: spec }), ...options } };
    }
    case "pause":
    case "resume":
    case "delete": {
      const [name, ...extra] = positional;
      if (name === undefined || name.trim() === "") return { ok: false, problem: { kind: "missingName", verb: scheduleVerb } };
      if (extra.length > 0) return { ok: false, problem: { kind: "extraWords", verb: scheduleVerb, words: joined(extra) } };
      return { ok: true, command: { verb: scheduleVerb, name: name.trim() } };
    }
  }
}

/**
 * Parses what follows `/salesops`: `schedule …` (or `schedules …`); empty text or `help` is
 * help. Other admin topics (deliveries, surveys) will be further words here.
 */
export function parseSalesopsCommand(text: string): ParsedSalesopsCommand {
  const tokenized = tokenizeArguments(text);
  if (!tokenized.ok) return tokenized;
  const [topic, ...rest] = tokenized.tokens;
  if (topic === undefined || /^(?:help|-h|--help)$/i.test(topic)) return { ok: true, command: { verb: "help" } };
  if (/^settings?$/i.test(topic)) return parseSettingsCommand(rest);
  if (!/^schedules?$/i.test(topic)) return { ok: false, problem: { kind: "unknownTopic", word: topic } };
  return parseScheduleCommand(rest);
}

/** The words after `settings` (see the grammar at the top). No words is "show them". */
export function parseSettingsCommand(tokens: readonly string[]): ParsedSettingsCommand {
  const [setting, ...rest] = tokens;
  if (setting === undefined) return { ok: true, command: { verb: "showSettings" } };
  if (/^(?:help|-h|--help)$/i.test(setting)) return { ok: true, command: { verb: "settingsHelp" } };
  if (!/^digest[-_]?detail$/i.test(setting)) return { ok: false, problem: { kind: "unknownSetting", word: setting } };
  const positional: string[] = [];
  let team: string | undefined;
  for (let index = 0; index < rest.length; index += 1) {
    const token = rest[index]!;
    const flag = normaliseFlag(token);
    if (flag === null) {
      positional.push(token);
      continue;
    }
    const [name, inline] = flag.includes("=") ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)] : [flag, undefined];
    if (name !== "--team") return { ok: false, problem: { kind: "unknownFlag", flag: token } };
    if (team !== undefined) return { ok: false, problem: { kind: "flagRepeated", flag: name } };
    const value = inline ?? rest[index + 1];
    if (value === undefined || value.trim() === "" || (inline === undefined && normaliseFlag(value) !== null)) {
      return { ok: false, problem: { kind: "flagNeedsValue", flag: name } };
    }
    if (inline === undefined) index += 1;
    team = value.trim();
  }
  const [value, ...extra] = positional;
  if (value === undefined) return { ok: false, problem: { kind: "missingSettingValue", setting: "digest-detail" } };
  if (extra.length > 0) return { ok: false, problem: { kind: "extraWords", verb: "settings", words: extra.join(" ") } };
  return { ok: true, command: { verb: "setDigestDetail", value, ...(team === undefined ? {} : { team }) } };
}
