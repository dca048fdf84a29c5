// The process's last lines of defence (issue 10, defects 6, 7 and 10): what it does with an error
// nobody caught, how refusals are counted into the log, what an error and a header map look like
// there, and how an error that is not an Error is put into words at start-up.
import { EventEmitter } from "node:events";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/db/data-dir.js";
import { createRejectionLog } from "../../src/http/rejection-log.js";
import { createLogger } from "../../src/logger.js";
import { installCrashHandlers } from "../../src/process-handlers.js";

function capture(level = "info") {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(level, {}, { destination }), lines };
}

describe("describeError (start-up on a full disk printed `Start-up failed: [object Object]`)", () => {
  it("puts PGlite's file-system error, a plain object, into words", () => {
    // What PGlite's waitReady rejects with when its files cannot be written (seen on a 2 MB tmpfs).
    expect(describeError({ name: "ErrnoError", errno: 51 })).toBe("file system error: no space left on device (ENOSPC, errno 51)");
    expect(describeError({ name: "ErrnoError", errno: 2 })).toBe("file system error: permission denied (EACCES, errno 2)");
    expect(describeError({ name: "ErrnoError", errno: 999 })).toBe("file system error (errno 999)");
    expect(describeError({ message: "from somewhere" })).toBe("from somewhere");
    expect(describeError({ weird: true })).toBe('{"weird":true}');
    expect(describeError("plain words")).toBe("plain words");
    expect(describeError(new Error("an Error says what it says"))).toBe("an Error says what it says");
    const enospc = Object.assign(new Error("write failed"), { code: "ENOSPC" });
    expect(describeError(enospc)).toBe("write failed (no space left on device, ENOSPC)");
  });
});

describe("installCrashHandlers", () => {
  it("logs an unhandled rejection and keeps serving, a line a minute per message at most", () => {
    const { logger, lines } = capture();
    const events = new EventEmitter();
    let now = 0;
    const exits: number[] = [];
    installCrashHandlers(events, { logger, stop: async () => {}, exit: (code) => exits.push(code), now: () => now });
    for (let i = 0; i < 100; i += 1) events.emit("unhandledRejection", new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    expect(exits).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: "unhandled promise rejection; still serving", err: { type: "TypeError" } });
    now = 61_000;
    events.emit("unhandledRejection", new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ suppressedBefore: 99 });
  });

  it("stops the app and exits 1 after an uncaught exception, for the supervisor to restart it", async () => {
    const { logger, lines } = capture();
    const events = new EventEmitter();
    const exits: number[] = [];
    let stopped = 0;
    installCrashHandlers(events, { logger, stop: async () => void (stopped += 1), exit: (code) => exits.push(code) });
    events.emit("uncaughtException", new Error("thrown from a callback"));
    events.emit("uncaughtException", new Error("and another while stopping"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect({ stopped, exits }).toEqual({ stopped: 1, exits: [1] });
    expect(lines.filter((line) => line.level === 60)).toHaveLength(2);
  });

  it("exits even when stopping hangs", async () => {
    const { logger } = capture();
    const events = new EventEmitter();
    const exits: number[] = [];
    installCrashHandlers(events, { logger, stop: () => new Promise(() => {}), exit: (code) => exits.push(code), stopTimeoutMs: 20 });
    events.emit("uncaughtException", new Error("thrown"));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(exits).toEqual([1]);
  });
});

describe("createRejectionLog (50 refused GETs wrote 660 kB of logs)", () => {
  it("writes the first refusal of a reason at once and the rest as one counted line per window", async () => {
    const { logger, lines } = capture();
    const log = createRejectionLog({ logger, windowMs: 40 });
    for (let i = 0; i < 1_000; i += 1) log.note("method_not_allowed", { method: "GET" });
    log.note("bad_signature");
    expect(lines.map((line) => [line.reason, line.count])).toEqual([
      ["method_not_allowed", 1],
      ["bad_signature", 1],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(lines.map((line) => [line.reason, line.count])).toEqual([
      ["method_not_allowed", 1],
      ["bad_signature", 1],
      ["method_not_allowed", 999],
    ]);
    // Still arriving: counted into the next window's line rather than logged at once.
    log.note("method_not_allowed");
    expect(lines).toHaveLength(3);
    log.close();
    expect(lines.at(-1)).toMatchObject({ reason: "method_not_allowed", count: 1 });
  });
});

describe("the logger", () => {
  it("never writes a header map or what an HTTP client's error carries of its request", () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error("An API error occurred: invalid_auth"), {
      code: "slack_webapi_platform_error",
      data: { ok: false, error: "invalid_auth" },
      req: { method: "GET", headers: { authorization: "Bearer xoxb-leaked-1", cookie: "sid=leaked-2" } },
      config: { headers: { Authorization: "Bearer xoxb-leaked-3" } },
      original: { response: { headers: { "set-cookie": "leaked-4" } } },
    });
    logger.error({ err: error }, "request failed");
    logger.warn({ headers: { authorization: "Bearer leaked-5", cookie: "leaked-6" } }, "a header map");
    logger.info({ request: { headers: { cookie: "leaked-7" } } }, "a request");
    const text = JSON.stringify(lines);
    for (let i = 1; i <= 7; i += 1) expect(text).not.toContain(`leaked-${i}`);
    expect(lines[0]).toMatchObject({ err: { type: "Error", code: "slack_webapi_platform_error", slackError: "invalid_auth" } });
    expect(Object.keys(lines[0]!.err as object)).not.toContain("req");
    expect(lines[1]).toMatchObject({ headers: "[redacted]" });
  });
});
