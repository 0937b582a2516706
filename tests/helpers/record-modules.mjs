// Test instrument, preloaded with --import: writes every module the process loads (ESM by a resolve hook, CommonJS from
// require.cache at exit) to the file named by RECORD_MODULES_FILE, one path or URL a line.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.RECORD_MODULES_FILE;
if (file) {
  register('./record-modules-hooks.mjs', import.meta.url, { data: { file } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () =>
    appendFileSync(
      file,
      Object.keys(cache)
        .map((p) => `${p}\n`)
        .join(''),
    ),
  );
}
