import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createPulseTokens, pulseTokenHash, pulseTokenSource } from "../../src/security/pulse-tokens.js";

const SECRET = "unit-test-pulse-secret-0123456789abcdef";
const ROUND = "3f0c1a52-8f0e-4a57-9b7e-6d1d2c3b4a59";
const OTHER_ROUND = "3f0c1a52-8f0e-4a57-9b7e-6d1d2c3b4a5a";
/** The Slack user each token is issued to, and someone else. */
const USER = "U0AAAAAAA1";
const OTHER_USER = "U0AAAAAAA2";

/** 16 bytes 0x00, 0x01, … : a repeatable "random" part. */
const counting = (bytes: number) => Buffer.from(Array.from({ length: bytes }, (_, index) => index));

describe("pulse answer tokens", () => {
  const tokens = createPulseTokens(SECRET, counting);

  it("is <128 random bits>.<128-bit MAC of round and random>, both base64url", () => {
    const token = tokens.issue(ROUND, USER);
    const [random, mac] = token.split(".");
    expect(random).toBe(counting(16).toString("base64url"));
    expect(random).toBe("AAECAwQFBgcICQoLDA0ODw");
    expect(mac).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(createPulseTokens(SECRET).issue(ROUND, USER)).not.toBe(createPulseTokens(SECRET).issue(ROUND, USER));
  });

  it("verifies a token of its round and gives the hex SHA-256 of secret + token as its hash", () => {
    const token = tokens.issue(ROUND, USER);
    const hash = tokens.verify(ROUND, token, USER)?.tokenHash ?? null;
    expect(hash).toBe(createHash("sha256").update(SECRET + token).digest("hex"));
    expect(hash).toBe(pulseTokenHash(SECRET, token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a token for another round, with another secret, or tampered with anywhere", () => {
    const token = tokens.issue(ROUND, USER);
    expect(tokens.verify(OTHER_ROUND, token, USER)?.tokenHash ?? null).toBeNull();
    expect(createPulseTokens(`${SECRET}x`).verify(ROUND, token, USER)?.tokenHash ?? null).toBeNull();
    for (let index = 0; index < token.length; index++) {
      if (token[index] === ".") continue;
      const replaced = token[index] === "A" ? "B" : "A";
      const tampered = `${token.slice(0, index)}${replaced}${token.slice(index + 1)}`;
      expect(tokens.verify(ROUND, tampered, USER)?.tokenHash ?? null, `character ${index}`).toBeNull();
    }
  });

  it("refuses a variant spelling of the same MAC bytes (base64url's spare bits) and malformed tokens", () => {
    const token = tokens.issue(ROUND, USER);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = token.at(-1)!;
    const variant = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`;
    expect(Buffer.from(variant.split(".")[1]!, "base64url")).toEqual(Buffer.from(token.split(".")[1]!, "base64url"));
    expect(tokens.verify(ROUND, variant, USER)?.tokenHash ?? null).toBeNull();
    for (const malformed of ["", ".", token.replace(".", ""), `${token}.x`, `${token}=`, token.slice(1), token.replace(/.$/, "+")]) {
      expect(tokens.verify(ROUND, malformed, USER)?.tokenHash ?? null).toBeNull();
    }
  });

  it("refuses a token used by anyone but the user it was issued to (issue 10, defect 2)", () => {
    const token = tokens.issue(ROUND, USER);
    expect(tokens.verify(ROUND, token, USER)).not.toBeNull();
    expect(tokens.verify(ROUND, token, OTHER_USER)).toBeNull();
    expect(tokens.verify(ROUND, token, "")).toBeNull();
  });

  it("seals a response with a key of the token alone: its own token opens it, no other does, and an altered seal opens to nothing", () => {
    const token = tokens.issue(ROUND, USER);
    const verified = tokens.verify(ROUND, token, USER)!;
    const sealed = verified.seal('{"enps":9}');
    expect(Buffer.from(sealed).toString("utf8")).not.toContain("enps");
    expect(verified.open(sealed)).toBe('{"enps":9}');
    // The same token verified again (another click, another replica): the same key.
    expect(createPulseTokens(SECRET).verify(ROUND, token, USER)!.open(sealed)).toBe('{"enps":9}');
    const other = createPulseTokens(SECRET).issue(ROUND, USER);
    expect(tokens.verify(ROUND, other, USER)!.open(sealed)).toBeNull();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1]! ^= 1;
    expect(verified.open(altered)).toBeNull();
  });

  it("wants a secret of at least 32 characters", () => {
    expect(() => createPulseTokens("short")).toThrow("at least 32 characters");
  });
});

describe("the token secret", () => {
  it("comes from PULSE_TOKEN_SECRET, which must be at least 32 characters and is never echoed", () => {
    expect(loadConfig({ PULSE_TOKEN_SECRET: SECRET }).pulseTokenSecret).toBe(SECRET);
    expect(loadConfig({}).pulseTokenSecret).toBeUndefined();
    expect(() => loadConfig({ PULSE_TOKEN_SECRET: "too-short" })).toThrow(
      "Configuration error: PULSE_TOKEN_SECRET: expected at least 32 characters (e.g. the output of `openssl rand -hex 32`)",
    );
    try {
      loadConfig({ PULSE_TOKEN_SECRET: "too-short" });
    } catch (error) {
      expect((error as Error).message).not.toContain("too-short");
    }
  });

  it("is used as given, without reading the generated one", async () => {
    let loads = 0;
    const tokens = await pulseTokenSource({ secret: SECRET, loadGenerated: async () => (loads++, "x".repeat(64)) })();
    const token = tokens.issue(ROUND, USER);
    expect(createPulseTokens(SECRET).verify(ROUND, token, USER)?.tokenHash ?? null).toBe(pulseTokenHash(SECRET, token));
    expect(loads).toBe(0);
  });

  it("is otherwise the generated one, read once, and read again after a failed read", async () => {
    const generated = "g".repeat(64);
    let loads = 0;
    let failNext = true;
    const source = pulseTokenSource({
      secret: undefined,
      loadGenerated: async () => {
        loads++;
        if (failNext) {
          failNext = false;
          throw new Error("database away");
        }
        return generated;
      },
    });
    await expect(source()).rejects.toThrow("database away");
    const first = await source();
    expect(await source()).toBe(first);
    expect(loads).toBe(2);
    const token = first.issue(ROUND, USER);
    expect(createPulseTokens(generated).verify(ROUND, token, USER)?.tokenHash ?? null).toBe(pulseTokenHash(generated, token));
  });
});
