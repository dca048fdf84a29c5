// Which code a run measured: a hash over src/**/*.ts and the newest files, so figures taken while
// the use cases and the repository were still changing can be told apart.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../../../src", import.meta.url));

export interface SourceFingerprint {
  sha256: string;
  files: number;
  /** The five most recently modified files, newest first, with their modification times. */
  newest: Array<{ file: string; modified: string }>;
}

export function sourceFingerprint(): SourceFingerprint {
  const files: Array<{ file: string; mtime: number }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
      } else if (entry.name.endsWith(".ts")) {
        files.push({ file: path.relative(path.dirname(SRC), full), mtime: statSync(full).mtimeMs });
      }
    }
  };
  walk(SRC);
  files.sort((a, b) => a.file.localeCompare(b.file));
  const hash = createHash("sha256");
  for (const { file } of files) hash.update(file).update("\0").update(readFileSync(path.join(path.dirname(SRC), file))).update("\0");
  return {
    sha256: hash.digest("hex"),
    files: files.length,
    newest: [...files]
      .sort((a, b) => b.mtime - a.mtime)
      .slice(0, 5)
      .map(({ file, mtime }) => ({ file, modified: new Date(mtime).toISOString() })),
  };
}
