import { AppError } from "../errors.js";

const known = new Set<string>();

/**
 * Throws `invalid_input` naming the zone unless `timeZone` is an IANA zone name this runtime
 * knows ("Asia/Kuala_Lumpur", "UTC"). Offsets ("+08:00") and abbreviations ("MYT") are refused:
 * they carry no DST rules.
 */
export function assertTimeZone(timeZone: string): void {
  if (known.has(timeZone)) return;
  const fault = new AppError(
    "invalid_input",
    `"${timeZone}" is not a known IANA time zone; use a name such as "Asia/Kuala_Lumpur" or "Europe/London".`,
    { field: "timeZone", value: timeZone },
  );
  if (!/^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+)$/.test(timeZone)) throw fault;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw fault;
  }
  known.add(timeZone);
}

/** Whether `timeZone` passes `assertTimeZone`. */
export function isTimeZone(timeZone: string): boolean {
  try {
    assertTimeZone(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone as the runtime spells it ("asia/kuala_lumpur" -> "Asia/Kuala_Lumpur"), or null when it is not one. */
export function canonicalTimeZone(timeZone: string): string | null {
  return isTimeZone(timeZone) ? new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone : null;
}
