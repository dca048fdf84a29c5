// Bolt wants @slack/logger's interface; route it into our structured logger. Bolt and its Web API
// client log request and response bodies at debug level (`http request body: {...}`, the whole
// incoming payload as JSON, `views.open` and `chat.update` arguments): a survey's DM channel,
// answer token, answers and comments. Only the words before any body reach our log; objects are
// never logged (issue 10, defect 4).
import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../logger.js";

const OMITTED = "[body omitted]";

/** The words of a Bolt log line without any body: everything from the first `{`, `[`, `"` or `=` on is dropped. */
export function withoutBodies(part: unknown): string {
  if (typeof part === "string") {
    const cut = part.search(/[{["=<]/);
    return cut === -1 ? part : `${part.slice(0, cut).trimEnd()} ${OMITTED}`.trim();
  }
  // An error says its kind and Slack's error code; its message may quote a payload, so it is cut the same way.
  if (part instanceof Error) return withoutBodies(`${part.name}: ${part.message}`);
  return OMITTED;
}

export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: "bolt" });
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map(withoutBodies).join(" ");
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
