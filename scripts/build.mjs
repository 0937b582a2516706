// npm run build: compiles src/ to dist/ with tsc (tsconfig.build.json), copies the playground's static files, stamps it.
// Builds into a fresh folder and swaps it in, so a process running from dist/ or a second build at once never sees half a build.
// `node scripts/build.mjs --if-stale` (npm's prestart) builds only when dist/ is missing or older than src/.
import { spawnSync } from 'node:child_process';
import { cpSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildIsCurrent, DIST, ROOT } from './build-state.mjs';

if (process.argv.includes('--if-stale') && buildIsCurrent()) process.exit(0);

const started = Date.now();
const out = `${DIST}.${process.pid}.tmp`;
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(out, { recursive: true, force: true });
  process.stderr.write('steward: the build failed (see the lines above)\n');
  process.exit(1);
}
cpSync(path.join(ROOT, 'src/sandbox/playground/public'), path.join(out, 'sandbox/playground/public'), { recursive: true });
writeFileSync(path.join(out, '.built'), `${new Date().toISOString()}\n`);

// swap: the old build moves aside and is removed; if another build swapped in meanwhile, keep that one
const old = `${DIST}.${process.pid}.old`;
try {
  renameSync(DIST, old);
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
try {
  renameSync(out, DIST);
} catch (e) {
  if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
  rmSync(out, { recursive: true, force: true });
}
rmSync(old, { recursive: true, force: true });
process.stderr.write(`steward: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
