// The `pretest` step: passes when the browser is there, and stops with one line naming what to install when it cannot install it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = new URL('./ensure-chromium.mjs', import.meta.url).pathname;

function run(env: NodeJS.ProcessEnv) {
  const res = spawnSync(process.execPath, [SCRIPT], {
    env: { ...process.env, CHROMIUM_PATH: '', STEWARD_NO_INSTALL: '', ...env },
    encoding: 'utf8',
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('npm test obtains the browser it needs', () => {
  it('with Chromium and a CJK font present it says nothing and exits 0', () => {
    expect(run({})).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a CHROMIUM_PATH that is not a program stops at once with one line naming the setting', () => {
    const res = run({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'npm test: CHROMIUM_PATH=/nonexistent/chromium is not an executable file: point it at a Chromium binary, or unset it and run "sudo apt-get install -y chromium fonts-wqy-microhei"\n',
    );
  });

  it('where packages cannot be installed (no apt-get) it stops with one line saying what to install', () => {
    // a PATH with fc-list but no apt-get, and a font configuration without any fonts
    const dir = mkdtempSync(path.join(tmpdir(), 'steward-nopkg-'));
    symlinkSync('/usr/bin/fc-list', path.join(dir, 'fc-list'));
    const fonts = path.join(dir, 'fonts.conf');
    writeFileSync(fonts, '<?xml version="1.0"?><fontconfig></fontconfig>');
    const res = run({ PATH: dir, FONTCONFIG_FILE: fonts });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(
      /^npm test: the playground's browser test needs fonts-wqy-microhei, and packages cannot be installed here .*: run "sudo apt-get install -y chromium fonts-wqy-microhei"/,
    );
  });

  it('STEWARD_NO_INSTALL=1 forbids installing and says what to install instead', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'steward-nopkg-'));
    const fonts = path.join(dir, 'fonts.conf');
    writeFileSync(fonts, '<?xml version="1.0"?><fontconfig></fontconfig>');
    const res = run({ FONTCONFIG_FILE: fonts, STEWARD_NO_INSTALL: '1' });
    expect(res).toMatchObject({ code: 1, stdout: '' });
    expect(res.stderr).toMatch(
      /^npm test: the playground's browser test needs fonts-wqy-microhei: run "sudo apt-get install -y chromium fonts-wqy-microhei" \(STEWARD_NO_INSTALL=1 forbids installing it here\)\n$/,
    );
  });
});
