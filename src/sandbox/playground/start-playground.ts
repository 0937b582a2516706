// Playground mode (no Lark credentials): the Lark stand-in in-process, a demo org, and the settings that point the bot at it.
// With LARK_CONNECTION=socket the stand-in pushes over the long connection the bot opens, instead of to its webhook.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { listCenterRoles, listCenters, listPeople, getCompany } from '../../db/queries/org.ts';
import type { Logger } from '../../lib/logger.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { importOrgFile } from '../../org/import-org-file.ts';
import { startLarkStandin, type LarkStandin } from '../lark-standin/index.ts';
import { ShiftedClock } from './shifted-clock.ts';

const DEMO_ORG = path.resolve(import.meta.dirname, '../../../examples/demo-org.yaml');
export const BOT_NAME = '物服管家';

export interface Playground {
  standin: LarkStandin;
  clock: ShiftedClock;
  /** the bot's config, pointed at the stand-in */
  config: Config;
  /** tells the stand-in where the bot listens, once it does */
  connect(port: number): void;
  close(): Promise<void>;
}

export async function startPlayground(config: Config, database: Database, log: Logger): Promise<Playground> {
  const clock = new ShiftedClock();
  const lark = {
    LARK_APP_ID: 'cli_0000000000000001',
    LARK_APP_SECRET: randomBytes(12).toString('hex'),
    LARK_VERIFICATION_TOKEN: randomBytes(12).toString('hex'),
    LARK_ENCRYPT_KEY: randomBytes(12).toString('hex'),
  };
  const standin = await startLarkStandin({
    appId: lark.LARK_APP_ID,
    appSecret: lark.LARK_APP_SECRET,
    verificationToken: lark.LARK_VERIFICATION_TOKEN,
    encryptKey: lark.LARK_ENCRYPT_KEY,
    now: () => clock.now().getTime(),
    connection: config.LARK_CONNECTION,
    // a local demo: reconnect within a few seconds rather than Lark's two minutes
    socket: { reconnectInterval: 3, reconnectNonce: 1 },
  });

  if (!(await getCompany(database.db))) {
    const summary = await importOrgFile(database.db, DEMO_ORG, shanghaiDay(clock.now()));
    log.info(summary, 'playground: demo org imported');
  }
  // the stand-in's directory and groups, from the org as stored
  const people = await listPeople(database.db, { activeOnly: true });
  for (const p of people) if (p.openId) standin.addUser({ openId: p.openId, name: p.name, email: p.email ?? undefined });
  const company = await getCompany(database.db);
  const everyone = people.filter((p) => p.openId).map((p) => p.openId!);
  if (company?.announcementsChat) standin.addChat({ chatId: company.announcementsChat, name: '考核公示群', members: everyone });
  const roles = (await listCenterRoles(database.db)).filter((r) => r.validTo === null);
  for (const c of await listCenters(database.db, { activeOnly: true })) {
    if (!c.chat) continue;
    const members = people
      .filter((p) => p.openId && roles.some((r) => r.centerCode === c.code && r.personId === p.id))
      .map((p) => p.openId!);
    standin.addChat({ chatId: c.chat, name: c.name, members });
  }

  return {
    standin,
    clock,
    config: { ...config, ...lark, LARK_DOMAIN: standin.url },
    connect(port: number) {
      standin.setBotWebhookUrl(`http://127.0.0.1:${port}/lark/webhook`);
    },
    close: () => standin.close(),
  };
}
