// File uploads (POST /im/v1/files, multipart as the real SDK sends it) and file messages, through the real SDK.
import { afterEach, describe, expect, it } from 'vitest';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { LarkStandin } from '../../../src/sandbox/lark-standin/index.ts';
import { ALICE, GROUP, larkError, sdkClient, startStandin } from './helpers.ts';

let s: LarkStandin;
afterEach(() => s?.close());

type FileType = 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream';
const upload = (client: lark.Client, file_name: string, file_type: FileType, file: Buffer) =>
  client.im.file.create({ data: { file_type, file_name, file } });
const sendFile = (client: lark.Client, receive_id: string, file_key: string, receive_id_type: 'chat_id' | 'open_id' = 'chat_id') =>
  client.im.message.create({ params: { receive_id_type }, data: { receive_id, msg_type: 'file', content: JSON.stringify({ file_key }) } });

/** Every byte value, twice, plus a CRLF and something that looks like a boundary: binary must survive the form. */
const binary = Buffer.concat([
  Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)),
  Buffer.from('\r\n--boundary\r\n'),
  Buffer.from('成绩'),
]);

async function token(s: LarkStandin): Promise<string> {
  const res = await fetch(`${s.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: 'cli_a1b2c3d4e5f60718', app_secret: 'standin-app-secret' }),
  });
  return ((await res.json()) as { tenant_access_token: string }).tenant_access_token;
}

describe('uploading files', () => {
  it('the SDK uploads a file and gets a file_v3 key; the stand-in keeps the exact bytes, name and type', async () => {
    s = await startStandin();
    const client = sdkClient(s);
    const res = await upload(client, '2026年11月成绩.xlsx', 'stream', binary);
    expect(res).toEqual({ file_key: expect.stringMatching(/^file_v3_[0-9a-f]{32}$/) });
    const stored = s.file(res!.file_key!)!;
    expect(stored.name).toBe('2026年11月成绩.xlsx');
    expect(stored.type).toBe('stream');
    expect(stored.bytes.equals(binary)).toBe(true);
    expect(s.requests().at(-1)).toMatchObject({ method: 'POST', path: '/open-apis/im/v1/files', status: 200, code: 0, appWide: true });
  });

  it("answers Lark's body: code 0, msg success, data.file_key", async () => {
    s = await startStandin();
    const form = new FormData();
    form.append('file_type', 'stream');
    form.append('file_name', 'a.csv');
    form.append('file', new Blob([Buffer.from('a,b\n1,2\n')]), 'a.csv');
    const res = await fetch(`${s.url}/open-apis/im/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(s)}` },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ code: 0, msg: 'success', data: { file_key: expect.stringMatching(/^file_v3_/) } });
  });

  it('no file, an unknown file_type or no file_name is HTTP 400 code 234001; an empty file 234010', async () => {
    s = await startStandin();
    const client = sdkClient(s);
    const noFile = client.im.file.create({ data: { file_type: 'pdf', file_name: 'x.pdf' } as never });
    expect(await larkError(noFile)).toMatchObject({ status: 400, code: 234001 });
    expect(await larkError(upload(client, 'x.bin', 'exe' as FileType, binary))).toMatchObject({ status: 400, code: 234001 });
    expect(await larkError(upload(client, '', 'pdf', binary))).toMatchObject({ status: 400, code: 234001 });
    expect(await larkError(upload(client, 'empty.pdf', 'pdf', Buffer.alloc(0)))).toMatchObject({ status: 400, code: 234010 });
  });

  it('上传文件 lists xls for XLS only: an .xlsx named xls is HTTP 400 code 234001, as stream or a real .xls it is stored', async () => {
    s = await startStandin();
    const client = sdkClient(s);
    expect(await larkError(upload(client, '成绩.xlsx', 'xls', binary))).toMatchObject({ status: 400, code: 234001 });
    expect(await larkError(upload(client, '成绩.csv', 'pdf', binary))).toMatchObject({ status: 400, code: 234001 });
    expect(s.file((await upload(client, '成绩.xls', 'xls', binary))!.file_key!)!.type).toBe('xls');
    expect(s.file((await upload(client, '成绩.xlsx', 'stream', binary))!.file_key!)!.type).toBe('stream');
  });

  it('a JSON body instead of a form is HTTP 400 code 234001', async () => {
    s = await startStandin();
    const res = await fetch(`${s.url}/open-apis/im/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(s)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ file_type: 'pdf', file_name: 'x.pdf' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: number }).code).toBe(234001);
  });

  it('30 MB is accepted; one byte more is HTTP 400 code 234006 and nothing is stored', async () => {
    s = await startStandin();
    const client = sdkClient(s);
    const limit = 30 * 1024 * 1024;
    const ok = await upload(client, 'big.pdf', 'pdf', Buffer.alloc(limit, 7));
    expect(s.file(ok!.file_key!)!.bytes.length).toBe(limit);
    expect(await larkError(upload(client, 'huge.pdf', 'pdf', Buffer.alloc(limit + 1, 7)))).toMatchObject({ status: 400, code: 234006 });
    expect(
      s
        .requests()
        .filter((r) => r.path === '/open-apis/im/v1/files')
        .map((r) => r.code),
    ).toEqual([0, 234006]);
  });

  it('needs a valid tenant token like every OpenAPI call', async () => {
    s = await startStandin();
    const form = new FormData();
    form.append('file_type', 'pdf');
    form.append('file_name', 'x.pdf');
    form.append('file', new Blob([binary]), 'x.pdf');
    const res = await fetch(`${s.url}/open-apis/im/v1/files`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: number }).code).toBe(99991661);
    s.expireTokens();
    const expired = await fetch(`${s.url}/open-apis/im/v1/files`, {
      method: 'POST',
      headers: { authorization: 'Bearer t-old' },
      body: form,
    });
    expect(((await expired.json()) as { code: number }).code).toBe(99991663);
  });

  it('uploads count towards the app-wide rate limit (429 / 99991400)', async () => {
    s = await startStandin({ rateLimit: { appPerSecond: 2 } });
    const client = sdkClient(s);
    const results = await Promise.allSettled([1, 2, 3].map((i) => upload(client, `${i}.pdf`, 'pdf', binary)));
    const limited = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(limited).toHaveLength(1);
    expect(limited[0]!.reason.response.status).toBe(429);
    expect(limited[0]!.reason.response.data.code).toBe(99991400);
  });
});

describe('file messages', () => {
  it('a file message with an uploaded key lands in the group, stored like any message', async () => {
    s = await startStandin();
    const client = sdkClient(s);
    const up = await upload(client, 'scores.xlsx', 'stream', binary);
    const res = await sendFile(client, GROUP, up!.file_key!);
    expect(res.data).toMatchObject({ msg_type: 'file', chat_id: GROUP, body: { content: JSON.stringify({ file_key: up!.file_key }) } });
    const [m] = s.messages({ chatId: GROUP });
    expect(m).toMatchObject({ msgType: 'file', content: { file_key: up!.file_key }, receiveIdType: 'chat_id' });
    expect(s.file(m!.content.file_key)!.name).toBe('scores.xlsx');
  });

  it('a reply may carry a file too', async () => {
    s = await startStandin();
    const client = sdkClient(s);
    const up = await upload(client, 'r.pdf', 'pdf', binary);
    const root = await sendFile(client, ALICE.openId, up!.file_key!, 'open_id');
    const r = await client.im.message.reply({
      path: { message_id: root.data!.message_id! },
      data: { msg_type: 'file', content: JSON.stringify({ file_key: up!.file_key }) },
    });
    expect(r.data).toMatchObject({ msg_type: 'file', parent_id: root.data!.message_id });
  });

  it('an unknown or missing file_key is HTTP 400 code 230001 and sends nothing', async () => {
    s = await startStandin();
    const client = sdkClient(s);
    expect(await larkError(sendFile(client, GROUP, 'file_v3_nope'))).toMatchObject({ status: 400, code: 230001 });
    const noKey = client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: GROUP, msg_type: 'file', content: '{}' },
    });
    expect(await larkError(noKey)).toMatchObject({ status: 400, code: 230001 });
    expect(s.messages()).toEqual([]);
  });

  it('reset forgets uploaded files', async () => {
    s = await startStandin();
    const up = await upload(sdkClient(s), 'a.pdf', 'pdf', binary);
    s.reset();
    expect(s.file(up!.file_key!)).toBeUndefined();
  });
});
