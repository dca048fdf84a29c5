// `npm run cli -- deliveries`: the report's text, and the runner's usage errors.
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/cli.js";
import { formatAge, formatDeliveryReport } from "../../src/cli/commands/deliveries.js";

describe("formatAge", () => {
  it("shows the two largest units", () => {
    expect(formatAge(0)).toBe("0 s");
    expect(formatAge(59_999)).toBe("59 s");
    // 245 s = 4 min 5 s
    expect(formatAge(245_000)).toBe("4 min 5 s");
    // 7,380 s = 2 h 3 min
    expect(formatAge(7_380_000)).toBe("2 h 3 min");
    // 100,800 s = 1 d 4 h
    expect(formatAge(100_800_000)).toBe("1 d 4 h");
  });
});

describe("formatDeliveryReport", () => {
  const stats = {
    pending: 12,
    due: 3,
    sending: 2,
    oldestPendingAgeMs: 245_000,
    sentLastHour: 1_204,
    failed: 3,
    failedByReason: { channel_not_found: 1, account_inactive: 2 },
  };

  it("prints the queue and the failures by reason, most frequent first", () => {
    expect(formatDeliveryReport(stats)).toEqual([
      "Delivery queue",
      "  pending         12 (3 due now)",
      "  sending         2",
      "  oldest pending  4 min 5 s",
      "  sent last hour  1204",
      "  failed          3",
      "",
      "Failures by reason",
      "  account_inactive   2",
      "  channel_not_found  1",
    ]);
  });

  it("lists failed deliveries when asked, and says so when the queue is empty", () => {
    const failed = [
      { id: "d1", tenantId: "t", kind: "forecast_digest", recipient: "C0SALES", reason: "not_in_channel", lastError: "chat.postMessage: not_in_channel", attempts: 1, createdAt: new Date("2025-03-03T07:59:00Z"), failedAt: new Date("2025-03-03T08:00:00Z") },
    ];
    const empty = { pending: 0, due: 0, sending: 0, oldestPendingAgeMs: null, failed: 1, failedByReason: { not_in_channel: 1 } };
    expect(formatDeliveryReport(empty, failed)).toEqual([
      "Delivery queue",
      "  pending         0 (0 due now)",
      "  sending         0",
      "  oldest pending  -",
      "  failed          1",
      "",
      "Failures by reason",
      "  not_in_channel  1",
      "",
      "Latest failed deliveries (newest first, at most 50)",
      "  failed (UTC)          kind             recipient  reason          attempts  error",
      "  2025-03-03 08:00:00Z  forecast_digest  C0SALES    not_in_channel  1         chat.postMessage: not_in_channel",
    ]);
  });
});

describe("runCli", () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
  }
  const noDatabase = async (): Promise<never> => {
    throw new Error("a usage error must not open the database");
  };

  it("refuses an unknown command with exit code 2 and the command list", async () => {
    const { io, err } = capture();
    expect(await runCli(["delivery"], io, noDatabase)).toBe(2);
    expect(err.join("\n")).toContain('unknown command "delivery"');
    expect(err.join("\n")).toContain("deliveries");
  });

  it("refuses an unknown flag with exit code 2 and the usage line", async () => {
    const { io, err } = capture();
    expect(await runCli(["deliveries", "--faild"], io, noDatabase)).toBe(2);
    expect(err.join("\n")).toContain("usage: npm run cli -- deliveries [--failed]");
  });

  it("lists the commands for help", async () => {
    const { io, out } = capture();
    expect(await runCli(["--help"], io, noDatabase)).toBe(0);
    expect(out.join("\n")).toMatch(/^usage: npm run cli -- <command> \[flags\]/);
  });
});
