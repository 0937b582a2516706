// The Lark stand-in in a process of its own for the benchmarks: like Lark, it never shares the sender's event loop.
import { fork, type ChildProcess } from 'node:child_process';
import { startLarkStandin } from '../src/sandbox/lark-standin/index.ts';

type Options = Parameters<typeof startLarkStandin>[0];
interface Dump {
  /** arrival instants as epoch milliseconds */
  requests: { at: number; method: string; path: string; status: number }[];
  messages: { receiveId: string | undefined }[];
}

/** The parent's handle on a stand-in running in a child process. */
export class StandinProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(options: Options): Promise<StandinProcess> {
    const child = fork(new URL(import.meta.url).pathname, [JSON.stringify(options)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { url: string }).url));
      child.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
    });
    return new StandinProcess(child, url);
  }

  private ask<T>(message: object): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (m) => resolve(m as T));
      this.child.send(message);
    });
  }

  addUsers(users: { openId: string; name: string }[]): Promise<void> {
    return this.ask({ type: 'users', users });
  }

  dump(): Promise<Dump> {
    return this.ask({ type: 'dump' });
  }

  async close(): Promise<void> {
    await this.ask({ type: 'close' });
  }
}

// in the child: run the stand-in and answer the parent
if (process.send && process.argv[2]?.startsWith('{')) {
  const standin = await startLarkStandin(JSON.parse(process.argv[2]) as Options);
  process.on('message', (m: { type: string; users?: { openId: string; name: string }[] }) => {
    if (m.type === 'users') {
      for (const u of m.users!) standin.addUser(u);
      process.send!({ ok: true });
    } else if (m.type === 'dump') {
      const origin = performance.timeOrigin;
      process.send!({
        requests: standin.requests().map((r) => ({ at: origin + r.at, method: r.method, path: r.path, status: r.status })),
        messages: standin.messages().map((x) => ({ receiveId: x.receiveId })),
      } satisfies Dump);
    } else if (m.type === 'close') {
      void standin.close().then(() => {
        process.send!({ ok: true });
        process.exit(0);
      });
    }
  });
  process.send({ url: standin.url });
}
