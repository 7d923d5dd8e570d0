/** Messages between the benchmark (parent) and a server child over the IPC channel of `fork`. */
import type { StatementTally } from './diagnostics.ts';

/** What the app child found in its database after the load (figures cross-check the responses). */
export interface IntakeStats {
  cases: number;
  events: number;
  jobs: number;
  /** Distinct grids the cases landed in. */
  grids: number;
  /** `verifyLedger` over the whole chain after the load. */
  ledgerOk: boolean;
  /** Messages of the errors behind 500 responses, with how often each occurred. */
  serverErrors: Record<string, number>;
  /** The CPU profile of the load phase, when one was asked for. */
  profile?: string;
  /** SQL statements prepared and run during the load, when asked for (SQLite only). */
  statements?: StatementTally[];
}

/** child → parent: listening on 127.0.0.1:port. */
export interface ReadyMessage {
  type: 'ready';
  port: number;
}

/** parent → child: close and report. */
export interface StopMessage {
  type: 'stop';
}

/** child → parent: closed; the app child adds its stats. */
export interface StoppedMessage {
  type: 'stopped';
  stats?: IntakeStats;
}

export type ChildMessage = ReadyMessage | StoppedMessage;

/** Sends a message to the parent; resolves once it is handed to the channel. */
export function sendToParent(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('this server runs as a child of the benchmark (bench/run.ts), not on its own'));
      return;
    }
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/** Calls `stop` once the parent asks (or goes away), then reports and exits. */
export function onStopRequest(stop: () => Promise<StoppedMessage>): void {
  let stopping = false;
  const handle = async () => {
    if (stopping) return;
    stopping = true;
    const stopped = await stop();
    if (process.connected) await sendToParent(stopped);
    process.exit(0);
  };
  process.on('message', (message: StopMessage) => {
    if (message.type === 'stop') void handle();
  });
  process.on('disconnect', () => void handle());
}
