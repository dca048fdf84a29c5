// Argument parsers for both encodings @slack/web-api uses: form fields arrive as strings
// (objects JSON-encoded inside them), JSON bodies arrive typed.
import { z } from "zod";

function parseJsonString(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** A field that holds JSON: parsed when it arrived as a string, then checked by `schema`. */
export function json<S extends z.ZodType>(schema: S) {
  return z.preprocess(parseJsonString, schema);
}

/** Slack's booleans: true, "true", "1", 1. */
export const flag = z.preprocess((value) => value === true || value === "true" || value === "1" || value === 1, z.boolean());

export const integer = z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value), z.number().int());

export const text = z.string();

/** Blocks as Block Kit sends them: an array of objects each with a `type`. */
export const blockList = z.array(z.looseObject({ type: z.string() }));

export const messageMetadata = z.object({
  event_type: z.string().regex(/^[a-zA-Z0-9_]+$/, "event_type takes letters, digits and underscores"),
  event_payload: z.record(z.string(), z.unknown()),
});

/** Parses an optional JSON field, telling "absent" from "present but malformed". */
export function parseOptionalJson<S extends z.ZodType>(
  value: unknown,
  schema: S,
): { present: false } | { present: true; ok: true; value: z.output<S> } | { present: true; ok: false } {
  if (value === undefined || value === null || value === "") return { present: false };
  const parsed = schema.safeParse(parseJsonString(value));
  return parsed.success ? { present: true, ok: true, value: parsed.data } : { present: true, ok: false };
}
