// Pulse-survey answer tokens: the only thing that ties a Slack survey message to its anonymous
// response. A token is `<128 random bits>.<MAC>` (both base64url), the MAC being
// HMAC-SHA256(secret, roundId + "." + random + "." + recipient) cut to 128 bits, the recipient
// being the platform user id (Slack's) the invitation was sent to: a token cannot be forged,
// replayed on another round, nor used by anyone but its recipient (checked against the clicking
// user, issue 10 defect 2) — and the link between token and person is in the MAC only, never
// stored. The database keeps only the hex SHA-256 of secret + token, and the response's answers
// sealed (AES-256-GCM) with a key derived from the token alone (HKDF-SHA256), so that without
// the token — which lives only in the person's own Slack message — nobody, the holder of the
// secret included, can read or change them.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

const RANDOM_BYTES = 16;
const MAC_BYTES = 16;
/** 22 base64url characters each side of the dot. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/;

/** A token checked for its round and recipient: its hash, and the seal of its response. */
export interface VerifiedPulseToken {
  /** What the database keeps to find the response. */
  tokenHash: string;
  /** AES-256-GCM with the token's own key: `iv (12) ‖ tag (16) ‖ ciphertext`. */
  seal(plaintext: string): Uint8Array;
  /** The plaintext, or null when `sealed` was not sealed with this token's key (or was altered). */
  open(sealed: Uint8Array): string | null;
}

export interface PulseTokens {
  /** A fresh token for `roundId`, usable only by `recipientId` (the platform user id it is sent to). */
  issue(roundId: string, recipientId: string): string;
  /**
   * The token checked: well formed, issued for `roundId` and for `recipientId` (the user who
   * clicked). Null otherwise — a token copied from someone else's message fails here.
   */
  verify(roundId: string, token: string, recipientId: string): VerifiedPulseToken | null;
}

function mac(secret: string, roundId: string, random: string, recipientId: string): Buffer {
  return createHmac("sha256", secret).update(`${roundId}.${random}.${recipientId}`).digest().subarray(0, MAC_BYTES);
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The response key: HKDF-SHA256 of the token alone (salted with the round), never of the server's secret. */
function responseKey(roundId: string, token: string): Buffer {
  return Buffer.from(hkdfSync("sha256", token, roundId, "salesops pulse response v1", 32));
}

/** Seal and open with the token's key. */
export function responseSeal(roundId: string, token: string): Pick<VerifiedPulseToken, "seal" | "open"> {
  const key = responseKey(roundId, token);
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const bytes = Buffer.from(sealed);
      if (bytes.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}

/** Hex SHA-256 of secret + token: stable per token, useless without the secret. */
export function pulseTokenHash(secret: string, token: string): string {
  return createHash("sha256").update(secret + token).digest("hex");
}

/** `randomSource` exists for tests that need repeatable tokens; production uses crypto randomness. */
export function createPulseTokens(secret: string, randomSource: (bytes: number) => Buffer = randomBytes): PulseTokens {
  if (secret.length < 32) throw new Error("the pulse token secret must have at least 32 characters");
  return {
    issue(roundId, recipientId) {
      const random = randomSource(RANDOM_BYTES).toString("base64url");
      return `${random}.${mac(secret, roundId, random, recipientId).toString("base64url")}`;
    },
    verify(roundId, token, recipientId) {
      if (!TOKEN_PATTERN.test(token)) return null;
      const [random, given] = token.split(".") as [string, string];
      // Compared as text: base64url's last character carries spare bits, and a variant spelling
      // of the same bytes is a different token (another hash), so it must not pass.
      const expected = Buffer.from(mac(secret, roundId, random, recipientId).toString("base64url"));
      const actual = Buffer.from(given);
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
      return { tokenHash: pulseTokenHash(secret, token), ...responseSeal(roundId, token) };
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
