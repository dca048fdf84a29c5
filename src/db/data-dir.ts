// DATA_DIR: where the embedded database and local mode's files live. It holds every answer,
// message and secret of a local install, so it is created owner-only (0700) and its files 0600,
// and a directory the process cannot write is reported naming DATA_DIR, not as a raw EACCES.
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import path from "node:path";

export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataDirError";
  }
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  ENOTDIR: "a part of the path is a file, not a directory",
  EEXIST: "a file of that name is in the way",
  EDQUOT: "disk quota exceeded",
  EIO: "input/output error",
  ENOENT: "no such file or directory",
};

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

export interface PrivateDirectory {
  /** Absolute path. */
  path: string;
  /** It existed already with group or other permission bits (left as they are; worth a warning). */
  openToOthers: boolean;
}

/**
 * Creates `directory` (and missing parents) owner-only, and checks this process can write it.
 * `label` names the setting in messages ("DATA_DIR").
 */
export function preparePrivateDirectory(directory: string, label = "DATA_DIR"): PrivateDirectory {
  const absolute = path.resolve(directory);
  const fix = `Set ${label} to a directory this user can write, or give this user write access to it.`;
  try {
    mkdirSync(absolute, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DataDirError(`${label} (${absolute}) cannot be created: ${describeFsError(error)}. ${fix}`);
  }
  try {
    accessSync(absolute, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DataDirError(`${label} (${absolute}) is not writable: ${describeFsError(error)}. ${fix}`);
  }
  const mode = statSync(absolute).mode;
  return { path: absolute, openToOthers: (mode & 0o077) !== 0 };
}

/** WASI errno numbers, as the embedded database's file system reports them (Emscripten's ErrnoError). */
const WASI_ERRNO: Record<number, string> = {
  2: "EACCES",
  19: "EDQUOT",
  29: "EIO",
  44: "ENOENT",
  51: "ENOSPC",
  63: "EPERM",
  69: "EROFS",
};

/**
 * Words for an error that may not be an Error at all: PGlite's file system throws
 * `{ name: "ErrnoError", errno: 51 }`, which prints as "[object Object]".
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && REASONS[code] && !error.message.includes(code)) return `${error.message} (${REASONS[code]}, ${code})`;
    return error.message;
  }
  if (typeof error === "object" && error !== null) {
    const record = error as Record<string, unknown>;
    if (typeof record["errno"] === "number" && record["name"] === "ErrnoError") {
      const code = WASI_ERRNO[record["errno"]];
      const reason = code ? (REASONS[code] ?? code) : undefined;
      return reason ? `file system error: ${reason} (${code}, errno ${record["errno"]})` : `file system error (errno ${record["errno"]})`;
    }
    if (typeof record["message"] === "string" && record["message"] !== "") return record["message"];
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}
