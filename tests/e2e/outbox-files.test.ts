// Files through the outbox against the stand-in: uploaded once, sent once as a file message, across retries and crashes.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.ts';
import type { LarkClient } from '../../src/lark/lark-client.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { enqueue, fileToChat, type OutboxFileContent } from '../../src/outbox/enqueue.ts';
import { OutboxSender } from '../../src/outbox/sender.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const GROUP = 'oc_announce000000000000000000000001';
/** Bytes that a text round-trip would spoil: every byte value, a CRLF, Chinese. */
const BYTES = Buffer.concat([Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256)), Buffer.from('\r\n考核公示\r\n')]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DRIVERS)('files through the outbox on %s', (driver) => {
  const w = useLarkWorld(driver);
  const now = () => new Date();
  const uploads = () => w.standin.requests().filter((r) => r.method === 'POST' && r.path === '/open-apis/im/v1/files');
  const row = async (key: string) => (await w.db.select().from(outbox).where(eq(outbox.key, key)))[0]!;

  beforeEach(() => {
    w.standin.addChat({ chatId: GROUP, name: '考核公示群', members: ['ou_m1', 'ou_l1', 'ou_a1'] });
  });

  it('a file enqueued for a group arrives once, as a file message with the same bytes, name and type', async () => {
    const message = fileToChat('announce-file:2026-11', GROUP, '考核公示-2026-11.xlsx', 'stream', BYTES, 'test:file');
    expect(await enqueue(w.db, now(), message)).toBe(true);
    expect(await enqueue(w.db, now(), message)).toBe(false); // the key absorbs a repeat
    expect((await w.service.sender!.drain()).sent).toBe(1);

    const sent = w.standin.messages({ chatId: GROUP });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.msgType).toBe('file');
    const file = w.standin.file(sent[0]!.content.file_key)!;
    expect(file.name).toBe('考核公示-2026-11.xlsx');
    expect(file.type).toBe('stream'); // 上传文件: xls is for .xls only; an .xlsx workbook is a stream
    expect(file.bytes.equals(BYTES)).toBe(true);
    expect(uploads()).toHaveLength(1);

    const stored = await row('announce-file:2026-11');
    expect(stored.status).toBe('sent');
    expect(stored.messageId).toBe(sent[0]!.messageId);
    expect((stored.content as OutboxFileContent).fileKey).toBe(sent[0]!.content.file_key);
  });

  it('a send refused after the upload is retried later without uploading again', async () => {
    const clock = new FixedClock(now());
    // Lark asks for 30 s of patience on the send: too long to wait inline, so the row goes back to the queue
    w.standin.injectFault({ path: '/open-apis/im/v1/messages', method: 'POST', times: 1, status: 429, code: 99991400, resetSeconds: 30 });
    await enqueue(w.db, clock.now(), fileToChat('file:retry', GROUP, '成绩.csv', 'stream', BYTES, 'test:file'));
    const first = new OutboxSender({ db: w.db, clock, client: w.service.ctx.lark!, log: silentLogger });
    expect(await first.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await row('file:retry');
    expect(waiting.status).toBe('pending');
    expect((waiting.content as OutboxFileContent).fileKey).toMatch(/^file_v3_/);
    expect(w.standin.messages()).toHaveLength(0);

    clock.advance(31_000);
    const restarted = new OutboxSender({ db: w.db, clock, client: w.service.ctx.lark!, log: silentLogger });
    expect((await restarted.drain()).sent).toBe(1);
    expect(uploads()).toHaveLength(1);
    const sent = w.standin.messages({ chatId: GROUP });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.content.file_key).toBe((waiting.content as OutboxFileContent).fileKey);
    expect(w.standin.file(sent[0]!.content.file_key)!.bytes.equals(BYTES)).toBe(true);
  });

  it('a sender that dies after the upload but before the send: after its lease another sends once, uploading nothing more', async () => {
    const clock = new FixedClock(now());
    await enqueue(w.db, clock.now(), fileToChat('file:crash', GROUP, '考核公示.pdf', 'pdf', BYTES, 'test:file'));
    const real = w.service.ctx.lark!;
    // the same client, but the process freezes for good when it comes to sending the message
    const dying = Object.assign(Object.create(real) as LarkClient, { send: () => new Promise<never>(() => {}) });
    void new OutboxSender({ db: w.db, clock, client: dying, log: silentLogger, leaseMs: 60_000 }).runOnce();
    for (let i = 0; i < 200 && !((await row('file:crash')).content as OutboxFileContent).fileKey; i++) await sleep(10);
    const uploaded = (await row('file:crash')).content as OutboxFileContent;
    expect(uploaded.fileKey).toMatch(/^file_v3_/);
    expect(uploads()).toHaveLength(1);
    expect(w.standin.messages()).toHaveLength(0);

    const restarted = new OutboxSender({ db: w.db, clock, client: real, log: silentLogger, leaseMs: 60_000 });
    expect((await restarted.drain()).sent).toBe(0); // still leased by the dead sender
    clock.advance(61_000);
    expect((await restarted.drain()).sent).toBe(1);
    expect(uploads()).toHaveLength(1);
    const sent = w.standin.messages({ chatId: GROUP });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.content).toEqual({ file_key: uploaded.fileKey });
  });

  it('cards and texts still go out as before beside files', async () => {
    await enqueue(w.db, now(), fileToChat('file:beside', GROUP, 'a.pdf', 'pdf', BYTES, 'test:file'));
    await enqueue(w.db, now(), {
      key: 'text:beside',
      kind: 'send',
      receiveIdType: 'chat_id',
      target: GROUP,
      msgType: 'text',
      content: { text: '公示见附件' },
      source: 'test',
    });
    await w.flush();
    expect(
      w.standin
        .messages({ chatId: GROUP })
        .map((m) => m.msgType)
        .sort(),
    ).toEqual(['file', 'text']);
    expect(uploads()).toHaveLength(1);
  });

  it('an empty or oversized file is refused when enqueued, before anything reaches the outbox', () => {
    expect(() => fileToChat('file:empty', GROUP, 'e.pdf', 'pdf', Buffer.alloc(0), 'test')).toThrow(RangeError);
    expect(() => fileToChat('file:huge', GROUP, 'h.pdf', 'pdf', Buffer.alloc(30 * 1024 * 1024 + 1), 'test')).toThrow(RangeError);
  });
});
