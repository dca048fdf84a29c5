// What a log line keeps of an error and of the fields around it (issue 10, defects 4 and 7).
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

function capture(): { lines: () => Array<Record<string, unknown>>; destination: Writable } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { destination, lines: () => chunks.join("").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("createLogger", () => {
  it("keeps an error's own message readable, and none of the request it carries", () => {
    const { destination, lines } = capture();
    const logger = createLogger("info", {}, { destination });
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
      request: { headers: { authorization: "Bearer xoxb-secret", cookie: "session=abc" } },
    });
    logger.error({ err: error }, "query failed");
    const [line] = lines();
    expect(line!["err"]).toMatchObject({ message: "connect ECONNREFUSED 127.0.0.1:5432", code: "ECONNREFUSED" });
    expect(JSON.stringify(line)).not.toMatch(/xoxb-secret|session=abc/);
  });

  it("redacts answers, comments, tokens and bodies at the top level and nested", () => {
    const { destination, lines } = capture();
    const logger = createLogger("trace", {}, { destination });
    logger.debug({ token: "t-1", body: "payload=…", action: { value: "9", comment: "my manager…" }, deep: { x: { answers: [9] } } }, "click");
    const text = JSON.stringify(lines()[0]);
    for (const secret of ["t-1", "payload=…", "\"9\"", "my manager", "[9]"]) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });
});
