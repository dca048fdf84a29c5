// Structured JSON logs (pino) on stdout. One root logger per process; modules take children.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { service: "salesops-assistant", ...bindings } });
}
