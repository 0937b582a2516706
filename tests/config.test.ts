import { describe, expect, it } from 'vitest';
import { ConfigError, maskUrl, readConfig } from '../src/config.ts';

describe('configuration', () => {
  it('an empty environment gives the defaults: port 3000, embedded database under ./data, Feishu', () => {
    const c = readConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', DATA_DIR: './data', LARK_DOMAIN: 'feishu', LOG_LEVEL: 'info' });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('an empty DATABASE_URL counts as unset (embedded database)', () => {
    expect(readConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('a wrong port stops with a message naming PORT and what to put there', () => {
    expect(() => readConfig({ PORT: 'abc' })).toThrow(ConfigError);
    try {
      readConfig({ PORT: 'abc' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT \("abc"\).*put the HTTP port, a number from 1 to 65535/);
    }
  });

  it('a database URL that is not postgres:// is refused, naming DATABASE_URL', () => {
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL .*must start with postgres:\/\//);
  });

  it('LARK_DOMAIN takes feishu, lark or a base URL, and refuses a trailing slash', () => {
    expect(readConfig({ LARK_DOMAIN: 'lark' }).LARK_DOMAIN).toBe('lark');
    expect(readConfig({ LARK_DOMAIN: 'http://127.0.0.1:9999' }).LARK_DOMAIN).toBe('http://127.0.0.1:9999');
    expect(() => readConfig({ LARK_DOMAIN: 'http://127.0.0.1:9999/' })).toThrow(/LARK_DOMAIN/);
  });

  it('an app id without its secret names the missing LARK_APP_SECRET, and never prints secrets', () => {
    expect(() => readConfig({ LARK_APP_ID: 'cli_a1b2c3d4e5f60718' })).toThrow(
      /LARK_APP_SECRET \(unset\) is required when LARK_APP_ID is set/,
    );
    try {
      readConfig({ LARK_APP_SECRET: 'very-secret', PORT: '0' });
    } catch (e) {
      expect((e as Error).message).not.toContain('very-secret');
      expect((e as Error).message).toMatch(/LARK_APP_ID/);
    }
  });

  it('masks the password of a database URL', () => {
    expect(maskUrl('postgres://steward:s3cret@db:5432/steward')).toBe('postgres://steward:***@db:5432/steward');
    expect(maskUrl('postgres://db:5432/steward')).toBe('postgres://db:5432/steward');
  });
});
