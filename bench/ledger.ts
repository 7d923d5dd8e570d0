/**
 * Figure 3 — ledger verify speed (区块链 history, SPEC §9): 50,000 case events appended with
 * `appendCaseEvents` in transactions of 100 to a fresh SQLite file, sealed by a signed RFC 9162 checkpoint
 * every 10,000 entries as the hourly job does, then the whole chain checked by `verifyLedger`.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openMigrated } from '../src/server/database.ts';
import { writeCheckpoint } from '../src/server/modules/ledger/checkpoints.ts';
import { appendCaseEvents, type NewCaseEvent } from '../src/server/modules/ledger/ledger.ts';
import { createSigner } from '../src/server/modules/ledger/signing.ts';
import { verifyLedger } from '../src/server/modules/ledger/verify.ts';
import { uuidv7 } from '../src/server/platform/ids.ts';
import { timed, whole } from './format.ts';

export interface LedgerOptions {
  entries?: number;
  /** Events per transaction. */
  batch?: number;
  /** A checkpoint after every this many entries. */
  checkpointEvery?: number;
}

export interface LedgerFigure {
  entries: number;
  checkpoints: number;
  appendPerSecond: number;
  verifyMs: number;
  verifyPerSecond: number;
  line: string;
}

/** The steps of a case's life, in the order its history records them. */
const STEPS = [
  'reported',
  'registered',
  'dispatched',
  'accepted',
  'progress',
  'mediated',
  'feedback',
  'verified',
  'visited',
  'closed',
];
const ROLES = [
  'resident',
  'centre_operator',
  'grid_chief',
  'grid_worker',
  'grid_worker',
  'grid_worker',
  'grid_worker',
  'grid_guide',
  'centre_operator',
  'grid_guide',
];

/** The n-th event: cases advance one step per round, so their histories interleave in the chain. */
function eventAt(
  n: number,
  caseIds: readonly string[],
  users: readonly string[],
  start: number,
): NewCaseEvent {
  const caseIndex = n % caseIds.length;
  const step = Math.floor(n / caseIds.length) % STEPS.length;
  return {
    caseId: caseIds[caseIndex] as string,
    type: STEPS[step] as string,
    actorId: users[(caseIndex + step) % users.length] as string,
    actorRole: ROLES[step] as string,
    at: new Date(start + n * 60_000).toISOString(),
    payload: {
      fromStatus: STEPS[Math.max(0, step - 1)],
      toStatus: STEPS[step],
      level: 1 + (caseIndex % 3),
      note: `巴音敖包嘎查一社 第${caseIndex + 1}号案件：${STEPS[step]}，处置情况已记录`,
      ...(step === 0
        ? { caseNo: `20261123-${caseIndex.toString(16).padStart(6, '0')}`, source: 'resident_app' }
        : {}),
    },
  };
}

export async function runLedgerBench(options: LedgerOptions = {}): Promise<LedgerFigure> {
  const entries = options.entries ?? 50_000;
  const batch = options.batch ?? 100;
  const checkpointEvery = options.checkpointEvery ?? 10_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhizhi-bench-ledger-'));
  const database = await openMigrated({ url: path.join(dir, 'ledger.db') });
  try {
    const { db, dialect } = database;
    const caseIds = Array.from({ length: Math.ceil(entries / STEPS.length) }, () => uuidv7());
    const users = Array.from({ length: 40 }, () => uuidv7());
    const start = Date.parse('2026-01-05T01:00:00.000Z');
    let appendMs = 0;
    let checkpoints = 0;
    const signer = createSigner(randomBytes(32));
    for (let from = 0; from < entries; from += batch) {
      const events: NewCaseEvent[] = [];
      for (let n = from; n < Math.min(entries, from + batch); n++)
        events.push(eventAt(n, caseIds, users, start));
      appendMs += (await timed(() => db.transaction().execute((tx) => appendCaseEvents(tx, dialect, events))))
        .ms;
      const appended = from + events.length;
      if (appended % checkpointEvery === 0 || appended === entries) {
        if (await writeCheckpoint(db, dialect, new Date(start + appended * 60_000), signer)) checkpoints++;
      }
    }

    const verified = await timed(() => verifyLedger(db, { publicKey: signer.publicKey }));
    const report = verified.value;
    if (!report.ok || report.entries !== entries || report.checkpoints !== checkpoints) {
      throw new Error(`verifyLedger disagrees with what was appended: ${JSON.stringify(report)}`);
    }
    const verifyPerSecond = entries / (verified.ms / 1000);
    const appendPerSecond = entries / (appendMs / 1000);
    return {
      entries,
      checkpoints,
      appendPerSecond,
      verifyMs: verified.ms,
      verifyPerSecond,
      line: `ledger verify: ${whole(verifyPerSecond)} entries/s (${whole(entries)} entries and ${checkpoints} checkpoints in ${whole(verified.ms)} ms, SQLite file; appended at ${whole(appendPerSecond)} entries/s in transactions of ${batch})`,
    };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
