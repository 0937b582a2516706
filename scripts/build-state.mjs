// Whether dist/ holds a build of the current sources: its stamp is newer than every file under src/ and the tsconfigs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DIST = path.join(ROOT, 'dist');
/** Written last by scripts/build.mjs, so a build that stopped half-way never counts as current. */
const STAMP = path.join(DIST, '.built');

function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when dist/ can be run as is: built after the last change to src/ (or there is no src/, as in the image). */
export function buildIsCurrent() {
  if (!existsSync(STAMP)) return false;
  const src = path.join(ROOT, 'src');
  if (!existsSync(src)) return true;
  const inputs = Math.max(newestUnder(src), ...['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  return statSync(STAMP).mtimeMs >= inputs;
}
