// Stable identifiers for generated rows: the same key always gives the same id, so a demo
// tenant seeded twice (or on two machines) has the same primary keys and chat ids.
import { createHash } from "node:crypto";

/** A valid RFC 4122 UUID (version 5 layout, variant 10) derived from sha256 of `key`. */
export function uuidFromKey(key: string): string {
  const bytes = createHash("sha256").update(key).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const SLACK_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * A Slack-shaped id: `prefix` ("U" user, "C" channel, "T" workspace) and 10 upper-case
 * alphanumerics derived from `key`.
 */
export function slackIdFromKey(prefix: "U" | "C" | "T", key: string): string {
  const bytes = createHash("sha256").update(`slack:${key}`).digest();
  let id = prefix;
  for (let index = 0; index < 10; index++) id += SLACK_ALPHABET[bytes[index]! % SLACK_ALPHABET.length];
  return id;
}
