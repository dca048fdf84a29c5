// Pulse-survey answer tokens: the only thing that ties a Slack survey message to its anonymous
// response. A token is `<128 random bits>.<MAC>` (both base64url), the MAC being
// HMAC-SHA256(secret, roundId + "." + random) cut to 128 bits, so a token cannot be forged nor
// replayed on another round. The database keeps only the hex SHA-256 of secret + token; the
// token itself lives only in the person's own Slack message.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const RANDOM_BYTES = 16;
const MAC_BYTES = 16;
/** 22 base64url characters each side of the dot. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/;

export interface PulseTokens {
  /** A fresh token for `roundId`. */
  issue(roundId: string): string;
  /** The token's hash (what the database keeps) when it is well formed and was issued for `roundId`; else null. */
  verify(roundId: string, token: string): string | null;
}

function mac(secret: string, roundId: string, random: string): Buffer {
  return createHmac("sha256", secret).update(`${roundId}.${random}`).digest().subarray(0, MAC_BYTES);
}

/** Hex SHA-256 of secret + token: stable per token, useless without the secret. */
export function pulseTokenHash(secret: string, token: string): string {
  return createHash("sha256").update(secret + token).digest("hex");
}

/** `randomSource` exists for tests that need repeatable tokens; production uses crypto randomness. */
export function createPulseTokens(secret: string, randomSource: (bytes: number) => Buffer = randomBytes): PulseTokens {
  if (secret.length < 32) throw new Error("the pulse token secret must have at least 32 characters");
  return {
    issue(roundId) {
      const random = randomSource(RANDOM_BYTES).toString("base64url");
      return `${random}.${mac(secret, roundId, random).toString("base64url")}`;
    },
    verify(roundId, token) {
      if (!TOKEN_PATTERN.test(token)) return null;
      const [random, given] = token.split(".") as [string, string];
      // Compared as text: base64url's last character carries spare bits, and a variant spelling
      // of the same bytes is a different token (another hash), so it must not pass.
      const expected = Buffer.from(mac(secret, roundId, random).toString("base64url"));
      const actual = Buffer.from(given);
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
      return pulseTokenHash(secret, token);
    },
  };
}

/** The name of the generated secret in the `app_secret` table. */
export const PULSE_TOKEN_SECRET_NAME = "pulse_token";

/**
 * The app's tokens, made on first use: from `secret` (PULSE_TOKEN_SECRET) when given, else from
 * the one `loadGenerated` reads — the database's, generated once and shared by every replica, so
 * that a token issued by one replica verifies on another and after a restart.
 */
export function pulseTokenSource(options: { secret: string | undefined; loadGenerated: () => Promise<string> }): () => Promise<PulseTokens> {
  let tokens: Promise<PulseTokens> | undefined;
  return () => {
    tokens ??= (options.secret !== undefined ? Promise.resolve(options.secret) : options.loadGenerated()).then((secret) => createPulseTokens(secret));
    // A failed read (the database briefly away) is tried again next time.
    tokens.catch(() => {
      tokens = undefined;
    });
    return tokens;
  };
}
