// Starts the load generator in its own process (so it never shares the service's event loop) and runs jobs in it.
import { fork, type ChildProcess } from 'node:child_process';
import type { LoadJob, LoadResult } from './loadgen.ts';

export class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<LoadGenerator> {
    const child = fork(new URL('./loadgen.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
    });
    return new LoadGenerator(child);
  }

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve) => {
      this.child.once('message', (r) => resolve(r as LoadResult));
      this.child.send(job);
    });
  }

  stop(): void {
    this.child.kill();
  }
}
