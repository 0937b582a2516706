import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_HELP, EnvSchema } from '../src/config.ts';
import { startLarkStandin } from '../src/sandbox/lark-standin/index.ts';
import { tempDir } from './helpers/cli.ts';
import { ensureBuilt, freePort, ROOT, start, waitFor } from './helpers/spawn.ts';

const root = new URL('../', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, root), 'utf8');

describe('deployment files', () => {
  it('docker-compose gives the bot a DATABASE_URL that points at the compose database service, started healthy first', () => {
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

/** The Dockerfile's stages: each FROM line and the instructions under it (continuation lines joined). */
function dockerStages(text: string): { from: string; lines: string[] }[] {
  const stages: { from: string; lines: string[] }[] = [];
  for (const line of text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    if (/^FROM\s/i.test(line)) stages.push({ from: line, lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

describe('the compiled service', () => {
  beforeAll(ensureBuilt);

  it('the Dockerfile compiles in a build stage and runs `node dist/main.js` from production dependencies only, tsx being a dev dependency', () => {
    const stages = dockerStages(read('Dockerfile'));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const [build, runtime] = [stages[0]!, stages.at(-1)!];
    const buildName = /\sAS\s+(\S+)/i.exec(build.from)?.[1];
    expect(buildName).toBeDefined();
    expect(build.lines.some((l) => /^RUN .*npm run build/.test(l))).toBe(true);
    expect(runtime.lines.some((l) => /^RUN npm ci .*--omit=dev/.test(l))).toBe(true);
    expect(runtime.lines).toContain(`COPY --from=${buildName} /app/dist ./dist`);
    // the runtime stage copies no TypeScript sources and mentions no TypeScript runtime
    expect(runtime.lines.filter((l) => /^COPY .*\bsrc\b/.test(l))).toEqual([]);
    expect(runtime.lines.join('\n')).not.toMatch(/tsx|ts-node|\.ts\b/);
    expect(runtime.lines.filter((l) => /^ENTRYPOINT/.test(l))).toEqual([]);
    const cmd = runtime.lines.filter((l) => l.startsWith('CMD ')).at(-1)!;
    expect(JSON.parse(cmd.slice(4))).toEqual(['node', 'dist/main.js']);

    const pkg = JSON.parse(read('package.json'));
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
    expect(pkg.scripts.start).toBe('node dist/main.js');
    expect(pkg.scripts.prestart).toContain('scripts/build.mjs');
    expect(existsSync(path.join(ROOT, 'dist/main.js'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist/sandbox/playground/public/index.html'))).toBe(true);
  });

  it("the image's command runs on plain node: /healthz answers, and no tsx, no .ts file, no stand-in, playground or Excel writer is loaded", async () => {
    const cmd = dockerStages(read('Dockerfile'))
      .at(-1)!
      .lines.filter((l) => l.startsWith('CMD '))
      .at(-1)!;
    const [command, ...args] = JSON.parse(cmd.slice(4)) as string[];
    const creds = {
      appId: 'cli_a1b2c3d4e5f60718',
      appSecret: 'secret-for-the-compiled-test',
      verificationToken: 'vt-compiled',
      encryptKey: 'ek-compiled',
    };
    const standin = await startLarkStandin(creds);
    const dir = tempDir();
    const recorded = path.join(dir, 'modules.txt');
    const port = await freePort();
    // every module the process loads is written down by a preloaded recorder (ES modules through a resolve hook,
    // CommonJS from require.cache at exit)
    const proc = start(command === 'node' ? process.execPath : command!, args, {
      NODE_OPTIONS: `--import ${path.join(ROOT, 'tests/helpers/record-modules.mjs')}`,
      RECORD_MODULES_FILE: recorded,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: '',
      TEST_DATABASE_URL: '',
      LARK_APP_ID: creds.appId,
      LARK_APP_SECRET: creds.appSecret,
      LARK_VERIFICATION_TOKEN: creds.verificationToken,
      LARK_ENCRYPT_KEY: creds.encryptKey,
      LARK_DOMAIN: standin.url,
    });
    try {
      const body = await waitFor(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return res.ok ? res.json() : undefined;
      }, '/healthz of the compiled service');
      expect(body).toMatchObject({ status: 'ok' });
    } finally {
      process.kill(-proc.child.pid!, 'SIGTERM');
      await proc.exited;
      await standin.close();
    }
    const modules = [...new Set(readFileSync(recorded, 'utf8').split('\n').filter(Boolean))].map((m) => m.replace(/^file:\/\//, ''));
    expect(modules).toContain(path.join(ROOT, 'dist/main.js'));
    expect(modules.some((m) => m.includes('/node_modules/@larksuiteoapi/'))).toBe(true); // the recorder saw CommonJS too
    expect(modules.filter((m) => /\/node_modules\/(tsx|typescript|esbuild)\//.test(m))).toEqual([]);
    expect(modules.filter((m) => /\.[cm]?tsx?$/.test(m))).toEqual([]);
    expect(modules.filter((m) => m.includes('/dist/sandbox/') || m.includes('/node_modules/exceljs/'))).toEqual([]);
  });
});
