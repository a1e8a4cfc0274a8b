import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * A directory shipped with the project (fonts, the official lists), given relative to the
 * project's root, found by walking up from `from`: it works alike from the sources (tests), the
 * compiled files in `dist/` and the single-file server `dist/api.js`, whatever the working
 * directory. Falls back to the working directory.
 */
export function shippedDir(relative: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(relative);
  }
}
