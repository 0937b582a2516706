import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_HELP, EnvSchema } from '../src/config.ts';

const root = new URL('../', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, root), 'utf8');

describe('deployment files', () => {
  it("docker-compose gives the bot a DATABASE_URL that points at the compose database service, started healthy first", () => {
    const compose = parse(read('docker-compose.yml'));
    const bot = compose.services.bot;
    const dbName = Object.keys(compose.services).find((name) => String(compose.services[name].image ?? '').startsWith('postgres:'));
    expect(dbName).toBeDefined();
    const major = Number(String(compose.services[dbName!].image).split(':')[1]);
    expect(major).toBeGreaterThanOrEqual(15);

    const url = new URL(bot.environment.DATABASE_URL.replace(/\$\{POSTGRES_PASSWORD:-([^}]*)\}/, '$1'));
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe(dbName);
    expect(url.pathname.slice(1)).toBe(compose.services[dbName!].environment.POSTGRES_DB);
    expect(url.username).toBe(compose.services[dbName!].environment.POSTGRES_USER);
    expect(bot.depends_on[dbName!].condition).toBe('service_healthy');
    expect(compose.services[dbName!].healthcheck.test.join(' ')).toContain('pg_isready');
    // data survives a restart: a named volume declared at the top level
    const [volume] = compose.services[dbName!].volumes[0].split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    // the bot's own environment passes the service's config schema
    expect(EnvSchema.safeParse({ ...bot.environment, DATABASE_URL: url.toString() }).success).toBe(true);
  });

  it('.env.example documents every configuration variable', () => {
    const example = read('.env.example');
    for (const name of Object.keys(CONFIG_HELP)) expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});
