// The playground in headless Chromium, started as `npm start` would with no Lark app: it opens as the manager 张伟 (on a
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
// phone, 390×844: 待办 a screenful, the rest behind 查看本周); a manager gets the 15:30 card, files it, sees the receipt; the
// admin sees who is late; the month ends and the scores are announced in the group, the shortfalls in one card.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODO_SCREEN } from '../../src/lark/cards/record-cards.ts';
import { tempDir } from '../helpers/cli.ts';
import { ensureBuilt, freePort, ROOT, start, WAIT_MS, waitFor, type Running } from '../helpers/spawn.ts';

const SHOTS = path.join(ROOT, 'test-output', 'playground');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the playground in a browser', () => {
  let proc: Running;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    await ensureBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    proc = start('npm', ['start'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(tempDir(), 'data'),
      LARK_APP_ID: '',
      LARK_APP_SECRET: '',
      DATABASE_URL: '',
      TEST_DATABASE_URL: '',
    });
    await waitFor(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 'the service');
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
  });

  afterAll(async () => {
    await browser?.close();
    if (proc?.child.pid) process.kill(-proc.child.pid, 'SIGTERM');
  });

  const card = (title: string) => page.locator(`[data-card-title="${title}"]`).last();

  it('on a phone (390×844) it opens as the manager 张伟 with whom to pick for each role; 待办 is a screenful, the rest behind 查看本周', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(base);
    await expect.poll(async () => phone.locator('#person-select').inputValue(), { timeout: WAIT_MS }).toBe('ou_demo_m1');
    expect(await phone.locator('#whoami').textContent()).toBe('当前身份：张伟');
    await expect
      .poll(async () => phone.locator('#role-hint').innerText())
      .toMatch(/经理 张伟 · 主管 王芳 · 领导 李强 · 品质 赵敏 · 行政 孙丽 · 客服 周杰/);
    await phone.screenshot({ path: path.join(SHOTS, '0-phone-opens-as-manager.png') });

    // 15:30: the day's report is open; 待办 shows today's items first, a screenful with a button each, and 查看本周
    await phone.locator('[data-clock="to-1530"]').click();
    await expect.poll(async () => phone.locator('[data-card-title="待提交：日报"]').count(), { timeout: WAIT_MS }).toBeGreaterThan(0);
    // submitted empty: the page sends nothing and names the field
    await phone.locator('[data-card-title="待提交：日报"]').last().locator('[data-button="submit_daily_report"]').click();
    await expect.poll(async () => phone.locator('.toast').allInnerTexts(), { timeout: WAIT_MS }).toContain('有必填项未填写：今日完成工作');
    await phone.locator('[data-suggest="待办"]').click();
    const todo = phone.locator('[data-card-title="张伟 的待办"]').last();
    await expect.poll(async () => todo.count(), { timeout: WAIT_MS }).toBe(1);
    const fill = await todo.locator('[data-button^="today_"]').count();
    expect(fill).toBeGreaterThan(0);
    expect(fill).toBeLessThanOrEqual(TODO_SCREEN);
    expect(await todo.locator('[data-button="todo_week"]').count()).toBe(1);
    await todo.scrollIntoViewIfNeeded();
    const visible = await phone.locator('#messages').evaluate((e) => e.clientHeight);
    expect((await todo.boundingBox())!.height).toBeLessThanOrEqual(visible); // the whole card on one screen
    await phone.screenshot({ path: path.join(SHOTS, '0-phone-todo.png') });
    await todo.locator('[data-button="todo_week"]').click();
    await expect.poll(async () => phone.locator('[data-card-title="张伟 的本周待办"]').count(), { timeout: WAIT_MS }).toBe(1);
    await phone.screenshot({ path: path.join(SHOTS, '0-phone-todo-week.png') });
    await phone.close();
  });

  it('a manager files the daily report from the 15:30 card; the admin sees the digest; the month ends with the announcement', async () => {
    await page.goto(base);
    await expect.poll(async () => page.locator('[data-person="ou_demo_m1"].active').count(), { timeout: WAIT_MS }).toBe(1); // opens as 张伟
    await page.locator(`[data-chat]`).first().click();

    // the next workday's card (the phone test above left the day before's, never filed)
    const before = await page.locator('[data-card-title="待提交：日报"]').count();
    await page.locator('[data-clock="to-1530"]').click();
    await expect.poll(async () => page.locator('[data-card-title="待提交：日报"]').count(), { timeout: WAIT_MS }).toBeGreaterThan(before);
    await page.screenshot({ path: path.join(SHOTS, '1-daily-report-card.png') });

    const reminder = card('待提交：日报');
    await reminder.locator('[data-field="done"]').fill('巡查3个岗位，处理2件报修，完成消防通道清理');
    await reminder.locator('[data-button="submit_daily_report"]').click();
    await expect.poll(async () => page.locator('.toast').allInnerTexts(), { timeout: WAIT_MS }).toContain('已提交');
    await expect.poll(async () => card('已提交：日报').count(), { timeout: WAIT_MS }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, '2-receipt.png') });

    // the deadline passes: 陈静 did not file; the admin department gets the digest
    await page.locator('[data-clock="next-deadline"]').click();
    await page.locator('[data-person="ou_demo_a1"]').first().click();
    await page.locator(`[data-chat]`).first().click();
    await expect.poll(async () => card('逾期汇总：日报').count(), { timeout: WAIT_MS }).toBeGreaterThan(0);
    expect(await card('逾期汇总：日报').innerText()).toContain('陈静');
    await page.screenshot({ path: path.join(SHOTS, '3-admin-digest.png') });

    // the month ends: the month's scores in the announcements group
    const month = Number(/(\d+)月/.exec(await page.locator('#clock').innerText())![1]);
    await page.locator('[data-clock="end-month"]').click();
    await page.locator('[data-chat="oc_demo_announce"]').first().click();
    await expect
      .poll(async () => page.locator(`[data-card-title$="年${month}月 考核公示"]`).count(), { timeout: WAIT_MS })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => page.locator('[data-card-title$="考核公示"] >> text=张伟').count(), { timeout: WAIT_MS })
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, '4-announcement.png') });

    // a phone-sized window still shows the chat and the composer
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => page.locator('#composer').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, '5-phone.png') });

    // the month end in 张伟's chat: the quotas that fell short in one card listing them, not a card each
    await page.locator('#person-select').selectOption('ou_demo_m1');
    await page.locator(`[data-chat]`).first().click();
    const shortfalls = page.locator('[data-card-title^="未完成："][data-card-title$="项指标"]');
    await expect.poll(async () => shortfalls.count(), { timeout: WAIT_MS }).toBe(1);
    const n = Number(/(\d+) 项指标/.exec((await shortfalls.getAttribute('data-card-title'))!)![1]);
    expect(n).toBeGreaterThan(1);
    expect(await shortfalls.locator('.md-li').count()).toBe(n);
    await shortfalls.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, '6-phone-month-end.png') });
  });
});

describe('the playground over the long connection', () => {
  let proc: Running;
  afterAll(() => {
    if (proc?.child.pid) process.kill(-proc.child.pid, 'SIGTERM');
  });

  it('LARK_CONNECTION=socket npm start: the bot connects to the in-process stand-in and answers 帮助 over the socket', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    proc = start('npm', ['start'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(tempDir(), 'data'),
      LARK_APP_ID: '',
      LARK_APP_SECRET: '',
      DATABASE_URL: '',
      TEST_DATABASE_URL: '',
      LARK_CONNECTION: 'socket',
    });
    await waitFor(async () => {
      const health = (await (await fetch(`${base}/healthz`)).json()) as { socket?: string };
      return health.socket === 'connected' ? true : undefined;
    }, 'the long connection');

    const state = (await (await fetch(`${base}/playground/api/state`)).json()) as {
      chats: { chatId: string; kind: string; members: string[] }[];
    };
    const chat = state.chats.find((c) => c.kind === 'p2p' && c.members[0] === 'ou_demo_m1')!;
    const sent = await fetch(`${base}/playground/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'ou_demo_m1', chatId: chat.chatId, text: '帮助' }),
    });
    expect(await sent.json()).toEqual({ ok: true });
    const help = await waitFor(async () => {
      const { messages } = (await (await fetch(`${base}/playground/api/chat?chatId=${chat.chatId}`)).json()) as {
        messages: { from: string; card?: Json }[];
      };
      return messages.find((m) => m.from === 'bot' && m.card?.header?.title?.content === '物服管家 · 使用说明');
    }, 'the help card');
    expect(JSON.stringify(help.card)).toContain('您好');
  });
});
