// steward lark check against the Lark stand-in over HTTP: every step's result, Lark's codes with what to change, no database.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLarkStandin, type LarkStandin } from '../../src/sandbox/lark-standin/index.ts';
import { cliRunner, tempDir, type CliResult } from '../helpers/cli.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';

const DIRECTORY = '/open-apis/contact/v3/users/batch_get_id';
const TEST_TEXT = '物服管家连接测试：收到这张卡片说明机器人可以给您发消息。';

const ORG = `company: 测试物业
departments:
  admin: [a1]
people:
  - { id: m1, name: 张伟, open_id: ou_m1, roles: [manager] }
  - { id: l1, name: 李强, email: li@example.com, roles: [leader] }
  - { id: a1, name: 孙丽, email: sun@example.com, roles: [admin] }
  - { id: q1, name: 赵敏, mobile: '13800000001', roles: [quality] }
centers:
  - { code: C001, name: 阳光花园物业服务中心, headcount: 35, households: 820, posts: [大门岗], manager: m1, leader: l1 }
`;

/** The step lines of the text output, by step name: "✓ directory  …" → { directory: "✓ …" }. */
function stepLines(res: CliResult): Record<string, string> {
  const lines: Record<string, string> = {};
  for (const line of res.stdout.split('\n')) {
    const m = /^([✓✗!-]) (settings|token|bot|directory|send)\s+(.*)$/.exec(line);
    if (m) lines[m[2]!] = `${m[1]} ${m[3]}`;
  }
  return lines;
}

function expectNoStackNorSecret(res: CliResult, secret = APP_SECRET) {
  expect(res.stdout + res.stderr).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(res.stdout + res.stderr).not.toContain(secret);
}

describe('steward lark check', () => {
  let standin: LarkStandin;
  const dir = tempDir('steward-lark-check-');
  const orgFile = path.join(dir, 'org.yaml');
  /** The embedded database's folder: a check that opened a database would create it. */
  const dataDir = path.join(dir, 'data');

  beforeAll(async () => {
    standin = await startLarkStandin({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      encryptKey: ENCRYPT_KEY,
    });
    writeFileSync(orgFile, ORG);
  });
  afterAll(() => standin.close());
  beforeEach(() => {
    standin.reset();
    standin.addUser({ openId: 'ou_m1', name: '张伟' });
    standin.addUser({ openId: 'ou_l1', name: '李强', email: 'li@example.com' });
    standin.addUser({ openId: 'ou_a1', name: '孙丽', email: 'sun@example.com' });
    standin.addUser({ openId: 'ou_q1', name: '赵敏', mobile: '13800000001' });
  });

  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: APP_SECRET,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: standin.url,
    LARK_TIMEOUT_MS: '2000',
    // a database that cannot be reached and a folder that must stay absent: the check needs neither
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    DATA_DIR: dataDir,
    ...extra,
  });
  const check = (extra: NodeJS.ProcessEnv, ...args: string[]) => cliRunner(env(extra))('lark', 'check', ...args);

  it("passes every step on a working app: token, bot, the org file resolved, the test card in the first admin's chat; exit 0 and no database", async () => {
    const res = await check({}, '--org', orgFile);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = stepLines(res);
    expect(lines.settings).toMatch(/^✓ webhook mode: LARK_VERIFICATION_TOKEN and LARK_ENCRYPT_KEY are set/);
    expect(lines.token).toBe(`✓ tenant access token received for app ${APP_ID} (valid 7200 s)`);
    expect(lines.bot).toBe(`✓ bot "Steward" (open_id ${standin.botOpenId}) is enabled`);
    expect(lines.directory).toBe(`✓ ${orgFile}: 4 people: 1 with an open_id in the file, 3 found in the directory`);
    const sent = standin.messages({ receiveId: 'ou_a1' });
    expect(sent).toHaveLength(1);
    expect(lines.send).toBe(
      `✓ test card sent to a1 孙丽 (open_id ou_a1): message ${sent[0]!.messageId}; ask them whether 物服管家连接测试 arrived`,
    );
    expect(sent[0]!.msgType).toBe('interactive');
    expect(sent[0]!.chatId).toBe(standin.p2pChatId('ou_a1'));
    expect(sent[0]!.rawContent).toContain(TEST_TEXT);
    expect(sent[0]!.content.header.title.content).toBe('物服管家连接测试');
    expect(res.stdout.trimEnd().split('\n').at(-1)).toBe('every step passed');
    expect(standin.messages()).toHaveLength(1);
    expect(existsSync(dataDir)).toBe(false);
    expectNoStackNorSecret(res);
  });

  it("a wrong secret: the token step names LARK_APP_ID / LARK_APP_SECRET with Lark's code, later steps are skipped, nothing is sent, exit 1", async () => {
    const res = await check({ LARK_APP_SECRET: 'not-the-secret' }, '--org', orgFile);
    expect(res.code).toBe(1);
    const lines = stepLines(res);
    expect(lines.token).toBe('✗ Lark answered code 10014 (HTTP 400): app secret invalid: LARK_APP_ID or LARK_APP_SECRET is wrong');
    expect(res.stdout).toContain('→ copy the App ID and App Secret again from the developer console (Credentials & Basic Info)');
    expect(lines.bot).toBe('- skipped: needs a tenant access token (see token)');
    expect(lines.directory).toBe('- skipped: needs a tenant access token (see token)');
    expect(lines.send).toBe('- skipped: needs a tenant access token (see token)');
    expect(res.stdout.trimEnd().split('\n').at(-1)).toBe('1 step failed');
    expect(standin.messages()).toHaveLength(0);
    expectNoStackNorSecret(res, 'not-the-secret');
  });

  it('a person the directory does not know is named with their contact and what to change; the others still resolve and the card is sent', async () => {
    writeFileSync(
      path.join(dir, 'org-unknown.yaml'),
      ORG.replace('centers:', '  - { id: x1, name: 钱多, email: qian@example.com, roles: [quality] }\ncenters:'),
    );
    const res = await check({}, '--org', path.join(dir, 'org-unknown.yaml'));
    expect(res.code).toBe(1);
    const lines = stepLines(res);
    expect(lines.directory).toMatch(
      /^✗ .*org-unknown\.yaml: 5 people: 1 with an open_id in the file, 3 found in the directory, 1 not found$/,
    );
    expect(res.stdout).toContain('x1 钱多 (qian@example.com): not found in the directory');
    expect(res.stdout).toContain("the app's contact range (通讯录权限范围) includes them");
    expect(lines.send).toMatch(/^✓ test card sent to a1 孙丽/);
    expect(standin.messages({ receiveId: 'ou_a1' })).toHaveLength(1);
  });

  it("a directory permission missing (99991672): Lark's code and msg, the scope to add, and who could not be resolved", async () => {
    standin.injectFault({
      path: DIRECTORY,
      times: 1,
      status: 400,
      code: 99991672,
      msg: 'Access denied. One of the following scopes is required: [contact:user.id:readonly]',
    });
    const res = await check({}, '--org', orgFile, '--to', 'm1');
    expect(res.code).toBe(1);
    const lines = stepLines(res);
    expect(lines.directory).toContain(
      'Lark answered code 99991672 (HTTP 400): Access denied. One of the following scopes is required: [contact:user.id:readonly]',
    );
    expect(res.stdout).toContain(
      '→ add the scope contact:user.id:readonly (通过手机号或邮箱获取用户 ID) in the developer console (Permissions & Scopes), then publish a version',
    );
    expect(res.stdout).toContain('a1 孙丽 (sun@example.com): not resolved');
    // a person with an open_id in the file is still reachable
    expect(lines.send).toMatch(/^✓ test card sent to m1 张伟 \(open_id ou_m1\)/);
  });

  it('the default admin cannot be resolved when the directory refuses: the send step says why instead of sending', async () => {
    standin.injectFault({ path: DIRECTORY, times: 1, status: 400, code: 99991672, msg: 'Access denied' });
    const res = await check({}, '--org', orgFile);
    expect(stepLines(res).send).toBe('✗ a1 孙丽 has no open_id: sun@example.com could not be looked up in the directory');
    expect(standin.messages()).toHaveLength(0);
  });

  it("a person outside the app's availability (230013): Lark's answer and what to change in the console", async () => {
    standin.reset();
    standin.addUser({ openId: 'ou_a1', name: '孙丽', email: 'sun@example.com', reachable: false });
    const res = await check({}, '--to', 'ou_a1');
    expect(res.code).toBe(1);
    expect(stepLines(res).send).toBe(
      '✗ sending the test card to open_id ou_a1: Lark answered code 230013 (HTTP 400): Bot has NO availability to this user.',
    );
    expect(res.stdout).toContain("→ the person is outside the app's availability (可用范围)");
  });

  it('--to takes an email or an open_id; --no-send skips the card and still passes', async () => {
    const byEmail = await check({}, '--to', 'li@example.com');
    expect(stepLines(byEmail).send).toMatch(/^✓ test card sent to email li@example\.com: message om_/);
    expect(standin.messages({ chatId: standin.p2pChatId('ou_l1') })).toHaveLength(1);
    // without an org file the directory step is skipped, not failed
    expect(stepLines(byEmail).directory).toBe('- skipped: no org file (give --org FILE or set ORG_FILE)');
    expect(byEmail.code).toBe(0);

    const quiet = await check({ ORG_FILE: orgFile }, '--no-send');
    expect(quiet.code).toBe(0);
    expect(stepLines(quiet).send).toBe('- skipped: --no-send');
    expect(stepLines(quiet).directory).toMatch(/^✓ /);
    expect(standin.messages()).toHaveLength(1);
  });

  it("--json gives every step with its status, Lark's answer and findings", async () => {
    standin.injectFault({ path: DIRECTORY, times: 1, status: 400, code: 99991672, msg: 'Access denied' });
    const failed = await check({}, '--org', orgFile, '--no-send', '--json');
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout);
    expect(report).toMatchObject({ ok: false, appId: APP_ID, domain: standin.url });
    expect(report.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual([
      'settings:ok',
      'token:ok',
      'bot:ok',
      'directory:failed',
      'send:skipped',
    ]);
    expect(report.steps[3]).toMatchObject({
      lark: { code: 99991672, msg: 'Access denied', httpStatus: 400 },
      fix: expect.stringContaining('contact:user.id:readonly'),
    });

    const passed = await check({}, '--org', orgFile, '--json');
    expect(passed.code).toBe(0);
    const ok = JSON.parse(passed.stdout);
    expect(ok.ok).toBe(true);
    const byStep = Object.fromEntries(ok.steps.map((s: { step: string }) => [s.step, s]));
    expect(byStep.bot.data).toEqual({ appName: 'Steward', openId: standin.botOpenId, activateStatus: 2 });
    expect(byStep.directory.data.people).toEqual([
      { id: 'm1', name: '张伟', contact: null, status: 'in_file', openId: 'ou_m1' },
      { id: 'l1', name: '李强', contact: 'li@example.com', status: 'found', openId: 'ou_l1' },
      { id: 'a1', name: '孙丽', contact: 'sun@example.com', status: 'found', openId: 'ou_a1' },
      { id: 'q1', name: '赵敏', contact: '13800000001', status: 'found', openId: 'ou_q1' },
    ]);
    expect(byStep.send.data).toEqual({
      to: { receiveIdType: 'open_id', receiveId: 'ou_a1', personId: 'a1', name: '孙丽' },
      messageId: standin.messages({ receiveId: 'ou_a1' })[0]!.messageId,
    });
    expect(passed.stdout).not.toContain(APP_SECRET);
  });

  it('missing credentials: one line saying which to set, exit 1, nothing asked of Lark', async () => {
    const res = await cliRunner({ LARK_APP_ID: APP_ID, LARK_DOMAIN: standin.url })('lark', 'check');
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      "steward: set LARK_APP_SECRET to the app's App Secret from the Feishu/Lark developer console (Credentials & Basic Info), then run steward lark check again\n",
    );
    expect(standin.requests()).toHaveLength(0);
    const none = await cliRunner({})('lark', 'check');
    expect(none.stderr).toMatch(/^steward: set LARK_APP_ID and LARK_APP_SECRET to the app's App ID and App Secret/);
  });

  it('webhook settings: a missing verification token fails the settings step (the service would not start) while Lark is still checked; so does a missing encrypt key, a warning only with LARK_ALLOW_UNSIGNED=1', async () => {
    const noToken = await check({ LARK_VERIFICATION_TOKEN: undefined }, '--no-send');
    expect(noToken.code).toBe(1);
    expect(stepLines(noToken).settings).toBe('✗ a setting is wrong or missing: the service would not start');
    expect(noToken.stdout).toMatch(/^ +LARK_VERIFICATION_TOKEN \(unset\) is required when LARK_APP_ID is set/m);
    expect(stepLines(noToken).token).toMatch(/^✓ /);

    const noKey = await check({ LARK_ENCRYPT_KEY: undefined }, '--no-send');
    expect(noKey.code).toBe(1);
    expect(stepLines(noKey).settings).toBe('✗ a setting is wrong or missing: the service would not start');
    expect(noKey.stdout).toMatch(
      /^ +LARK_ENCRYPT_KEY \(unset\) is required for LARK_CONNECTION=webhook .*LARK_ALLOW_UNSIGNED=1 to accept the risk/m,
    );

    const unsigned = await check({ LARK_ENCRYPT_KEY: undefined, LARK_ALLOW_UNSIGNED: '1' }, '--no-send');
    expect(unsigned.code).toBe(0);
    expect(stepLines(unsigned).settings).toBe(
      '! webhook mode: LARK_VERIFICATION_TOKEN is set, LARK_ENCRYPT_KEY is not: Lark will push unencrypted, unsigned requests',
    );
    expect(unsigned.stdout).toContain('→ set an Encrypt Key in the developer console (Events & Callbacks > Encryption strategy)');
  });

  it('long-connection mode (LARK_CONNECTION=socket) needs neither the verification token nor the encrypt key, and says so', async () => {
    const res = await check(
      { LARK_CONNECTION: 'socket', LARK_VERIFICATION_TOKEN: undefined, LARK_ENCRYPT_KEY: undefined },
      '--no-send',
      '--json',
    );
    expect(res.code).toBe(0);
    const settings = JSON.parse(res.stdout).steps[0];
    expect(settings).toMatchObject({ step: 'settings', status: 'ok', data: { mode: 'socket' } });
    expect(settings.summary).toMatch(/^long-connection mode \(LARK_CONNECTION=socket\): no public URL and no encrypt key needed/);
  });

  it('Lark not answering: the token step names LARK_DOMAIN, no stack trace', async () => {
    const res = await check({ LARK_DOMAIN: 'http://127.0.0.1:1' }, '--no-send');
    expect(res.code).toBe(1);
    expect(stepLines(res).token).toMatch(
      /^✗ Lark did not answer at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\): check LARK_DOMAIN and the network/,
    );
    expectNoStackNorSecret(res);
  });

  it('an app without a bot: the bot step says to enable the bot capability, and no card is attempted', async () => {
    standin.injectFault({ path: '/open-apis/bot/v3/info', times: 1, status: 400, code: 11205, msg: 'app has no bot' });
    const res = await check({}, '--org', orgFile);
    expect(res.code).toBe(1);
    expect(stepLines(res).bot).toBe('✗ Lark answered code 11205 (HTTP 400): app has no bot');
    expect(res.stdout).toContain('→ enable the Bot capability in the developer console');
    expect(stepLines(res).send).toBe('- skipped: needs the bot (see bot)');
    expect(standin.messages()).toHaveLength(0);
  });

  it('an org file with mistakes: the directory step lists them with their lines', async () => {
    writeFileSync(path.join(dir, 'bad.yaml'), ORG.replace('manager: m1', 'manager: m9'));
    const res = await check({}, '--org', path.join(dir, 'bad.yaml'), '--to', 'ou_m1');
    expect(res.code).toBe(1);
    expect(stepLines(res).directory).toMatch(/bad\.yaml is not a valid org file$/);
    expect(res.stdout).toMatch(/bad\.yaml:\d+: centers\[0\]\.manager: unknown person "m9"/);
    expect(stepLines(res).send).toMatch(/^✓ /);
  });
});
