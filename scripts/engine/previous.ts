// Reads the previous period's folder from disk (the checks live in lib/publication/previous.ts, shared with
// the auditor); errors name the file's full path.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { previousFromFiles, type PreviousPublication } from "../../lib/publication/index.ts";
import { InputError } from "./errors.ts";

export const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

export function readPrevious(dir: string): PreviousPublication {
  return previousFromFiles(
    (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : undefined),
    sha256,
    (file, detail, field) => {
      throw new InputError(join(dir, file), detail, field ? { column: field } : {});
    },
  );
}
