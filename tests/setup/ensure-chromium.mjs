// Before `npm test`: makes sure the playground's browser test has Chromium and a CJK font, installing Debian's packages when it may.
// Where it cannot install, it stops at once with one line saying what to install. It never skips the test.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const PACKAGES = ['chromium', 'fonts-wqy-microhei'];
const INSTALL_HINT = `sudo apt-get install -y ${PACKAGES.join(' ')}`;

/** The browser the tests launch: CHROMIUM_PATH, or Debian's /usr/bin/chromium. */
function chromiumPath(env) {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCjkFont() {
  const res = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.trim().length > 0;
}

function missing(env) {
  const wanted = [];
  if (!executable(chromiumPath(env))) wanted.push('chromium');
  if (!hasCjkFont()) wanted.push('fonts-wqy-microhei');
  return wanted;
}

function fail(line) {
  process.stderr.write(`npm test: ${line}\n`);
  process.exit(1);
}

/** How this process may run apt-get: directly as root, through password-less sudo, or not at all. */
function aptRunner() {
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  if (process.getuid?.() === 0) return (args) => execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) {
    return (args) => execFileSync('sudo', ['-n', 'apt-get', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return null;
}

function main() {
  const env = process.env;
  let wanted = missing(env);
  if (wanted.length === 0) return;
  const custom = Boolean(env.CHROMIUM_PATH);
  if (custom && wanted.includes('chromium'))
    fail(
      `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file: point it at a Chromium binary, or unset it and run "${INSTALL_HINT}"`,
    );
  if (env.STEWARD_NO_INSTALL === '1')
    fail(
      `the playground's browser test needs ${wanted.join(' and ')}: run "${INSTALL_HINT}" (STEWARD_NO_INSTALL=1 forbids installing it here)`,
    );
  const apt = aptRunner();
  if (!apt)
    fail(
      `the playground's browser test needs ${wanted.join(' and ')}, and packages cannot be installed here (needs apt-get as root or with password-less sudo): run "${INSTALL_HINT}" (or set CHROMIUM_PATH to a Chromium binary)`,
    );
  process.stdout.write(`npm test: installing ${wanted.join(', ')} from Debian's packages for the playground's browser test…\n`);
  try {
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', ...wanted]);
  } catch (e) {
    fail(
      `installing ${wanted.join(' and ')} failed (${e.status !== undefined ? `apt-get exit ${e.status}` : e.message}): run "${INSTALL_HINT}" by hand`,
    );
  }
  wanted = missing(env);
  if (wanted.length) fail(`${wanted.join(' and ')} still missing after apt-get: run "${INSTALL_HINT}" by hand`);
  process.stdout.write('npm test: browser ready\n');
}

main();
