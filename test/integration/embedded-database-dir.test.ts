// DATA_DIR and the embedded database's lock (issue 10, defect 10): created owner-only, an
// unwritable one named as DATA_DIR instead of a raw EACCES, and a lock left by a dead process
// taken over even when its pid now belongs to another process.
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DataDirError } from "../../src/db/data-dir.js";
import { DatabaseInUseError, openDatabase, processStartTime } from "../../src/db/database.js";
import { projectRoot } from "../support/processes.js";

const dirs: string[] = [];
let other: ChildProcess;

function newDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "salesops-dir-"));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  // Another live process, standing for one that was given a dead bot's pid.
  other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"], { stdio: "ignore" });
  await new Promise((resolve) => other.once("spawn", resolve));
});

afterAll(() => {
  other.kill("SIGKILL");
});

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("the embedded database's lock", () => {
  it("records the owner's pid with its start time and the boot, owner-only, and removes it on close", async () => {
    const dataDir = path.join(newDir(), "data");
    const db = await openDatabase({ dataDir });
    const lockFile = path.join(dataDir, "pglite.lock");
    try {
      const lock = JSON.parse(readFileSync(lockFile, "utf8")) as { pid: number; startTime?: string; bootId?: string };
      expect(lock.pid).toBe(process.pid);
      expect(lock.startTime).toBe(processStartTime(process.pid));
      expect(statSync(lockFile).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dataDir, "pglite")).mode & 0o777).toBe(0o700);
    } finally {
      await db.close();
    }
    expect(() => statSync(lockFile)).toThrow();
  });

  it.runIf(processStartTime(process.pid) !== undefined)("takes over a lock whose pid is alive but another process's now", async () => {
    const dataDir = path.join(newDir(), "data");
    mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
    const lockFile = path.join(dataDir, "pglite.lock");
    const othersStart = processStartTime(other.pid!)!;
    // The dead bot's pid, now the other process's; the dead bot had started at another time.
    writeFileSync(lockFile, JSON.stringify({ pid: other.pid, startTime: String(Number(othersStart) - 1000) }));
    // Before: "in use by another process (pid …)" until someone deleted the file by hand.
    const db = await openDatabase({ dataDir });
    try {
      expect(await db.prisma.$queryRawUnsafe<Array<{ one: number }>>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
      expect((JSON.parse(readFileSync(lockFile, "utf8")) as { pid: number }).pid).toBe(process.pid);
    } finally {
      await db.close();
    }
  });

  it("refuses while the recorded process is the one still running, and for a lock of the old format", async () => {
    const dataDir = path.join(newDir(), "data");
    mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
    const lockFile = path.join(dataDir, "pglite.lock");
    const startTime = processStartTime(other.pid!);
    writeFileSync(lockFile, JSON.stringify({ pid: other.pid, ...(startTime ? { startTime } : {}) }));
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DatabaseInUseError);
    await expect(openDatabase({ dataDir })).rejects.toThrow(`in use by another process (pid ${other.pid})`);
    // The pid alone, as earlier versions wrote it: nothing tells a reused pid from its owner, so it holds.
    writeFileSync(lockFile, String(other.pid));
    await expect(openDatabase({ dataDir })).rejects.toThrow(`If no such process is running, delete ${lockFile}.`);
  });
});

describe("an unusable DATA_DIR", () => {
  it("is named as DATA_DIR with the reason, not a raw error", async () => {
    const base = newDir();
    writeFileSync(path.join(base, "a-file"), "");
    const under = path.join(base, "a-file", "data");
    await expect(openDatabase({ dataDir: under })).rejects.toBeInstanceOf(DataDirError);
    await expect(openDatabase({ dataDir: under })).rejects.toThrow(`DATA_DIR (${under}) cannot be created: a part of the path is a file, not a directory (ENOTDIR).`);
  });

  it("that this user may not write makes `npm start` say so in one line naming DATA_DIR", async () => {
    const base = newDir();
    const locked = path.join(base, "locked");
    mkdirSync(locked, { mode: 0o700 });
    // As root, permissions do not apply: run the bot as nobody, for whom root's 0700 is closed.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chmodSync(base, 0o755);
    else chmodSync(locked, 0o500);
    const dataDir = path.join(locked, "data");
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), TZ: "UTC", DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    // Before: "Start-up failed: EACCES: permission denied, mkdir '…'".
    expect(stderr.trim()).toBe(
      `DATA_DIR (${dataDir}) cannot be created: permission denied (EACCES). Set DATA_DIR to a directory this user can write, or give this user write access to it.`,
    );
  }, 60_000);
});
