/**
 * The one error type of the application. `code` is stable (adapters map it to an ephemeral
 * Slack reply, a Teams reply, an HTTP status or a CLI exit code in exactly one place each);
 * `message` is fit to show a user. `params` fill localised messages.
 */
export type AppErrorCode =
  | "invalid_input"
  | "not_found"
  | "forbidden"
  | "not_in_organisation"
  | "conflict"
  | "unavailable"
  | "internal";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(code: AppErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.params = params;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
