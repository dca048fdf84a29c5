import { createHmac } from "node:crypto";
// Deep import: the package entry also loads Socket Mode, whose peer dependency undici is not installed here.
import { isValidSlackRequest } from "@slack/bolt/dist/receivers/verify-request.js";
import { describe, expect, it } from "vitest";
import { buildSlashCommandBody, signSlackRequest } from "../../src/slack-stand-in/sign.js";

describe("signSlackRequest", () => {
  it("reproduces the signature of Slack's documented example request", () => {
    // From Slack's "Verifying requests from Slack" guide; cross-checked with `openssl dgst -sha256 -hmac`.
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
      "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
      "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    expect(signSlackRequest("8f742231b10e8888abcd99yyyzzz85a5", body, 1531420618)).toEqual({
      "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
      "X-Slack-Request-Timestamp": "1531420618",
    });
  });

  it("is an HMAC-SHA256 of v0:{timestamp}:{body}", () => {
    const expected = createHmac("sha256", "s3cret").update("v0:1741000000:command=%2Fquota").digest("hex");
    expect(signSlackRequest("s3cret", "command=%2Fquota", 1741000000)["X-Slack-Signature"]).toBe(`v0=${expected}`);
  });

  it("signs a slash command so that Bolt's own verifier accepts it", () => {
    const now = Date.UTC(2025, 2, 3, 9, 0, 0);
    const body = buildSlashCommandBody({
      command: "/quota",
      text: "",
      userId: "U1",
      userName: "ana",
      channelId: "C1",
      teamId: "T1",
      responseUrl: "http://127.0.0.1:1/commands/T1/1/x",
      triggerId: "1.1.a",
    });
    const headers = signSlackRequest("bolt-secret", body, now / 1000);
    const verify = (secret: string, sentBody: string) =>
      isValidSlackRequest({
        signingSecret: secret,
        body: sentBody,
        headers: { "x-slack-signature": headers["X-Slack-Signature"], "x-slack-request-timestamp": Number(headers["X-Slack-Request-Timestamp"]) },
        nowMilliseconds: now,
      });
    expect(verify("bolt-secret", body)).toBe(true);
    expect(verify("other-secret", body)).toBe(false);
    expect(verify("bolt-secret", `${body}&x=1`)).toBe(false);
  });

  it("refuses a timestamp in milliseconds or fractions", () => {
    expect(() => signSlackRequest("s", "", 1741000000.5)).toThrow(TypeError);
  });
});

describe("buildSlashCommandBody", () => {
  it("encodes the fields Slack sends for a slash command", () => {
    const body = buildSlashCommandBody({
      command: "/quota",
      text: "my attainment & team",
      userId: "U0ANA",
      userName: "ana.ruiz",
      channelId: "D0ANA",
      teamId: "T0SALES",
      responseUrl: "http://127.0.0.1:4000/commands/T0SALES/1/abc",
      triggerId: "1741000000.1.abcdef",
    });
    const fields = Object.fromEntries(new URLSearchParams(body));
    expect(fields).toMatchObject({
      command: "/quota",
      text: "my attainment & team",
      user_id: "U0ANA",
      user_name: "ana.ruiz",
      channel_id: "D0ANA",
      channel_name: "directmessage",
      team_id: "T0SALES",
      response_url: "http://127.0.0.1:4000/commands/T0SALES/1/abc",
      trigger_id: "1741000000.1.abcdef",
      is_enterprise_install: "false",
    });
    expect(body).toContain("command=%2Fquota");
  });
});
