/**
 * The grammar of `/pulse …` in Slack, in English and Malay (quotes, straight or typographic,
 * group words; a survey name may also be given without them):
 *
 *   (nothing) | help | bantuan                       help
 *   results [<survey>]   | keputusan [<survey>]      results of the latest round
 *   list                 | senarai                   surveys (admins)
 *   start <survey|template> | mula <…>               open a round now (admins)
 *   pause <survey>       | jeda <survey>             (admins)
 *   resume <survey>      | sambung <survey>          (admins)
 *   close <survey>       | tutup <survey>            end its open round now; results are posted (admins)
 *   new                  | baru                      the admin modal to create a survey
 *   edit <survey>        | ubah <survey>             the admin modal to edit one
 *   optout               | tarik diri                stop receiving pulse surveys
 *   optin                | sertai semula             receive them again
 *
 * Problems come back as data, for the caller to say in the reader's language.
 */
import { tokenizeArguments, type UsageProblem } from "../schedules/parse-schedule-command.js";

export type PulseVerb = "results" | "list" | "start" | "pause" | "resume" | "close" | "new" | "edit" | "optout" | "optin";

export type PulseCommand =
  | { readonly verb: "help" }
  | { readonly verb: "results"; readonly name?: string }
  | { readonly verb: "list" | "new" | "optout" | "optin" }
  | { readonly verb: "start" | "pause" | "resume" | "close" | "edit"; readonly name: string };

export type PulseUsageProblem =
  | Extract<UsageProblem, { kind: "unclosedQuote" }>
  | { readonly kind: "unknownVerb"; readonly word: string }
  | { readonly kind: "missingName"; readonly verb: PulseVerb }
  | { readonly kind: "extraWords"; readonly verb: PulseVerb; readonly words: string };

export type ParsedPulseCommand = { ok: true; command: PulseCommand } | { ok: false; problem: PulseUsageProblem };

/** Verb phrases, one or two words, in both languages. */
const VERBS: ReadonlyArray<readonly [string, PulseVerb | "help"]> = [
  ["help", "help"], ["-h", "help"], ["--help", "help"], ["bantuan", "help"], ["panduan", "help"],
  ["results", "results"], ["result", "results"], ["keputusan", "results"], ["hasil", "results"],
  ["list", "list"], ["senarai", "list"], ["surveys", "list"], ["tinjauan", "list"],
  ["start", "start"], ["open", "start"], ["mula", "start"], ["mulakan", "start"], ["buka", "start"],
  ["pause", "pause"], ["jeda", "pause"], ["hentikan", "pause"],
  ["resume", "resume"], ["sambung", "resume"], ["teruskan", "resume"],
  ["close", "close"], ["end", "close"], ["tutup", "close"], ["tamatkan", "close"],
  ["new", "new"], ["create", "new"], ["baru", "new"], ["cipta", "new"],
  ["edit", "edit"], ["change", "edit"], ["ubah", "edit"], ["tukar", "edit"],
  ["optout", "optout"], ["opt-out", "optout"], ["opt out", "optout"], ["unsubscribe", "optout"], ["tarik diri", "optout"], ["berhenti", "optout"],
  ["optin", "optin"], ["opt-in", "optin"], ["opt in", "optin"], ["subscribe", "optin"], ["sertai semula", "optin"], ["sertai", "optin"],
];

const TAKES_NAME: ReadonlySet<PulseVerb> = new Set(["start", "pause", "resume", "close", "edit"]);
const TAKES_NOTHING: ReadonlySet<PulseVerb> = new Set(["list", "new", "optout", "optin"]);

function verbAt(tokens: readonly string[]): { verb: PulseVerb | "help"; length: number } | undefined {
  const one = tokens[0]?.toLowerCase();
  const two = tokens.length > 1 ? `${one} ${tokens[1]!.toLowerCase()}` : undefined;
  for (const [phrase, verb] of VERBS) if (two !== undefined && phrase === two) return { verb, length: 2 };
  for (const [phrase, verb] of VERBS) if (phrase === one) return { verb, length: 1 };
  return undefined;
}

/** Parses what follows `/pulse`. */
export function parsePulseCommand(text: string): ParsedPulseCommand {
  const tokenized = tokenizeArguments(text);
  if (!tokenized.ok) return { ok: false, problem: tokenized.problem as Extract<UsageProblem, { kind: "unclosedQuote" }> };
  const { tokens } = tokenized;
  if (tokens.length === 0) return { ok: true, command: { verb: "help" } };
  const found = verbAt(tokens);
  if (found === undefined) return { ok: false, problem: { kind: "unknownVerb", word: tokens[0]! } };
  const rest = tokens.slice(found.length);
  const name = rest.join(" ").replace(/\s+/g, " ").trim();
  const { verb } = found;
  if (verb === "help") return { ok: true, command: { verb: "help" } };
  if (verb === "results") return { ok: true, command: name === "" ? { verb } : { verb, name } };
  if (TAKES_NOTHING.has(verb)) {
    if (name !== "") return { ok: false, problem: { kind: "extraWords", verb, words: name } };
    return { ok: true, command: { verb: verb as "list" | "new" | "optout" | "optin" } };
  }
  if (TAKES_NAME.has(verb) && name === "") return { ok: false, problem: { kind: "missingName", verb } };
  return { ok: true, command: { verb: verb as "start" | "pause" | "resume" | "close" | "edit", name } };
}
