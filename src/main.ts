// The process: config → database → migrations → org file → app → listen; stops gracefully on SIGTERM/SIGINT.
import { ConfigError, readConfig } from './config.ts';
import { DatabaseUnreachableError, openDatabase } from './db/client.ts';
import { DatabaseBusyError } from './db/pglite-lock.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { createLogger } from './lib/logger.ts';
import { shanghaiDay } from './lib/shanghai.ts';
import { importOrgFile } from './org/import-org-file.ts';
import { YamlFileError } from './lib/yaml-file.ts';
import { resolveContacts } from './org/resolve-contacts.ts';
import { loadRulesContext } from './rules/rules-context.ts';
import { createService } from './service.ts';

/** Known start-up failures become one clear line and exit code 1; anything else is a bug and is thrown. */
function fail(e: unknown): never {
  if (e instanceof ConfigError || e instanceof DatabaseUnreachableError || e instanceof DatabaseBusyError || e instanceof YamlFileError) {
    process.stderr.write(`steward: ${e.message}\n`);
    process.exit(1);
  }
  throw e;
}

async function main(): Promise<void> {
  let config = (() => {
    try {
      return readConfig();
    } catch (e) {
      fail(e);
    }
  })();
  const log = createLogger({ level: config.LOG_LEVEL });
  let clock: Clock = systemClock;

  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }).catch(fail);
  log.info({ driver: database.driver, location: database.location }, 'database open');
  await database.migrate();

  if (config.ORG_FILE) {
    const summary = await importOrgFile(database.db, config.ORG_FILE, shanghaiDay(clock.now())).catch(async (e) => {
      await database.close();
      fail(e);
    });
    log.info({ file: config.ORG_FILE, ...summary }, 'org file imported');
  }

  // no Lark app configured: the playground — the Lark stand-in in-process, a demo org, a page at /
  // (loaded only then: the stand-in and the playground are not part of a real bot's process)
  const playground = config.LARK_APP_ID
    ? null
    : await (await import('./sandbox/playground/start-playground.ts')).startPlayground(config, database, log);
  const playgroundRoutes = playground ? (await import('./sandbox/playground/routes.ts')).playgroundRoutes : null;
  if (playground) {
    config = playground.config;
    clock = playground.clock;
  }

  const rules = await loadRulesContext(config).catch(async (e) => {
    await database.close();
    fail(e);
  });
  let service: Awaited<ReturnType<typeof createService>> | undefined;
  service = await createService({
    config,
    database,
    clock,
    log,
    rules,
    routes: playground && playgroundRoutes ? playgroundRoutes(playground, () => service?.sender ?? null) : undefined,
  });
  const { app } = service;
  if (service.ctx.lark) {
    // people given by email/mobile get their open_id from the directory; a failure here must not stop the bot
    await resolveContacts(database.db, service.ctx.lark).then(
      ({ resolved, unresolved }) => {
        if (resolved.length) log.info({ resolved }, 'resolved people through the Lark directory');
        for (const u of unresolved) log.warn(u, 'person not found in the Lark directory; they will get no messages');
      },
      (e) => log.error({ err: e }, 'could not resolve people through the Lark directory'),
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      log.error('graceful stop took too long; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await service!.close();
    await playground?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  playground?.connect(config.PORT);
  service.start();
  const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  log.info(`Steward is listening on ${base}`);
  if (service.socket) log.info('events and card callbacks arrive over the Lark long connection (LARK_CONNECTION=socket)');
  if (playground) {
    process.stdout.write(`\n  Steward playground (no Lark app configured): open ${base}/\n\n`);
  }
}

await main();
