// Bolt wants @slack/logger's interface; route it into our structured logger.
import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../logger.js";

export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: "bolt" });
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ");
  return {
    debug: (...parts) => child.debug(text(parts)),
    info: (...parts) => child.info(text(parts)),
    warn: (...parts) => child.warn(text(parts)),
    error: (...parts) => child.error(text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
