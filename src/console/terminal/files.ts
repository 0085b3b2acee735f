/** The terminal's way to hand the owner a file (an export): written under DATA_DIR/exports. */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ReplyFile } from '../../../commands/command.js';

/** Writes the files (owner-only permissions) and returns their absolute paths. */
export async function writeReplyFiles(dir: string, files: readonly ReplyFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const paths: string[] = [];
  for (const file of files) {
    const path = resolve(join(dir, basename(file.filename)));
    await writeFile(path, file.data, { mode: 0o600 });
    paths.push(path);
  }
  return paths;
}
