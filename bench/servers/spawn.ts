/**
 * Starts a server child (`bare.ts`, `app.ts`) under tsx with an IPC channel, waits until it listens,
 * and stops it again — so the server has a core of its own and the load generator the other.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, IntakeStats, StopMessage } from './protocol.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUN_TS = path.join(ROOT, 'bin/run-ts.js');
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;

export interface ServerChild {
  /** http://127.0.0.1:port */
  url: string;
  pid: number;
  /** Asks the child to close; resolves with what it reports (the app child's stats). */
  stop(): Promise<IntakeStats | undefined>;
}

function withoutBenchSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('ZHIZHI_BENCH_')));
}

function nextMessage(child: ChildProcess, what: string, timeoutMs: number): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`server child ${child.pid}: no ${what} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: ChildMessage) => done(undefined, message);
    const onExit = (code: number | null, signal: string | null) =>
      done(new Error(`server child ${child.pid} exited (${signal ?? `code ${code}`}) before ${what}`));
    function done(error: Error | undefined, message?: ChildMessage) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as ChildMessage);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Forks `bench/servers/<name>.ts` and resolves once it listens on 127.0.0.1. */
export async function startServer(
  name: 'bare' | 'app',
  env: Record<string, string> = {},
): Promise<ServerChild> {
  const child = fork(RUN_TS, [path.join(ROOT, 'bench/servers', `${name}.ts`)], {
    cwd: ROOT,
    // The benchmark's own knobs reach a child only when passed on purpose.
    env: { ...withoutBenchSettings(process.env), ...env },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start the ${name} server`);
  let ready: ChildMessage;
  try {
    ready = await nextMessage(child, 'ready message', READY_TIMEOUT_MS);
  } catch (error) {
    child.kill();
    throw error;
  }
  if (ready.type !== 'ready') throw new Error(`server child ${pid} sent ${ready.type} before ready`);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${ready.port}`,
    pid,
    async stop() {
      const stopped = nextMessage(child, 'stopped message', STOP_TIMEOUT_MS);
      child.send({ type: 'stop' } satisfies StopMessage);
      try {
        const message = await stopped;
        await exited;
        return message.type === 'stopped' ? message.stats : undefined;
      } catch (error) {
        child.kill();
        throw error;
      }
    },
  };
}
