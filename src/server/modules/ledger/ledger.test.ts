import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../database.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestDatabase, type TestDatabase, testPostgresUrl } from '../../testing/database.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { listCheckpoints, writeCheckpoint as writeSigned } from './checkpoints.ts';
import { type AppendedEvent, appendCaseEvents, caseHistory, type NewCaseEvent } from './ledger.ts';
import { entryLeafHash, MerkleTree } from './merkle.ts';
import { formatLedgerReport } from './report.ts';
import { checkpointSignedBy, createSigner } from './signing.ts';
import { verifyLedger } from './verify.ts';

const signer = createSigner(Buffer.alloc(32, 7));
const writeCheckpoint = (db: TestDatabase['db'], dialect: TestDatabase['dialect'], now: Date) =>
  writeSigned(db, dialect, now, signer);
const rootOf = (entries: { hash: string }[]) =>
  new MerkleTree(entries.map((e) => entryLeafHash(e.hash))).root();

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const AT = '2026-11-23T01:30:00.000Z';

function event(caseId: string, type: string, payload: Record<string, unknown> = {}): NewCaseEvent {
  return { caseId, type, actorId: 'u-worker', actorRole: 'grid_worker', at: AT, payload };
}

/** Appends in one transaction, as a case command does. */
function append(
  events: NewCaseEvent[],
  database: Pick<TestDatabase, 'db' | 'dialect'> = t,
): Promise<AppendedEvent[]> {
  return database.db.transaction().execute((tx) => appendCaseEvents(tx, database.dialect, events));
}

/** Three cases, four commands: 12 entries, the cases interleaved in the global chain. */
async function seedThreeCases(): Promise<AppendedEvent[]> {
  const all: AppendedEvent[] = [];
  for (const step of ['reported', 'registered', 'dispatched', 'handling']) {
    for (const caseId of ['case-a', 'case-b', 'case-c']) {
      all.push(...(await append([event(caseId, step, { note: `${caseId} ${step}`, level: 1 })])));
    }
  }
  return all;
}

async function entry(seq: number) {
  return t.db.selectFrom('case_event').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}

/** What an attacker with write access does to hide an edit: recompute every later hash and the head. */
async function rewriteAndRehash(seq: number, payload: Record<string, unknown>): Promise<void> {
  const rows = await t.db
    .selectFrom('case_event')
    .selectAll()
    .where('seq', '>=', seq)
    .orderBy('seq')
    .execute();
  let prevHash = (await entry(seq)).prev_hash;
  for (const row of rows) {
    const value = row.seq === seq ? payload : JSON.parse(row.payload);
    const text = canonicalJson(value);
    const hash = entryHash(prevHash, {
      seq: Number(row.seq),
      id: row.id,
      caseId: row.case_id,
      type: row.type,
      actorId: row.actor_id,
      actorRole: row.actor_role,
      at: row.at,
      payload: value,
    });
    await sql`update case_event set payload = ${text}, prev_hash = ${prevHash}, hash = ${hash} where seq = ${row.seq}`.execute(
      t.db,
    );
    prevHash = hash;
  }
  await sql`update ledger_head set hash = ${prevHash} where id = 1`.execute(t.db);
}

async function expectAppError(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect((error as AppError).details).toMatchObject({ field });
}

describe('appending case events', () => {
  it('chains every event of the system with consecutive seqs and an up-to-date head', async () => {
    const appended = await seedThreeCases();
    expect(appended.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(appended[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < appended.length; i++) {
      expect(appended[i]?.prevHash).toBe(appended[i - 1]?.hash);
    }
    const head = await t.db.selectFrom('ledger_head').selectAll().executeTakeFirstOrThrow();
    expect({ seq: Number(head.seq), hash: head.hash }).toEqual({ seq: 12, hash: appended[11]?.hash });

    const stored = await entry(1);
    expect(stored.payload).toBe('{"level":1,"note":"case-a reported"}');
    expect(stored.id).toBe(appended[0]?.id);

    const report = await verifyLedger(t.db);
    expect(report).toEqual({ ok: true, entries: 12, checkpoints: 0, headSeq: 12 });
  });

  it('appends several events of one command in order, and stores time as UTC milliseconds', async () => {
    const [first, second] = await append([
      { ...event('case-a', 'reported', { b: [1, 2], a: '网格' }), at: '2026-11-23T09:30:00+08:00' },
      { ...event('case-a', 'registered'), actorId: null, actorRole: null },
    ]);
    expect(first?.seq).toBe(1);
    expect(second?.seq).toBe(2);
    expect(first?.at).toBe('2026-11-23T01:30:00.000Z');
    expect((await entry(1)).at).toBe('2026-11-23T01:30:00.000Z');
    expect(first?.payload).toEqual({ a: '网格', b: [1, 2] });
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('leaves no trace when the caller’s transaction rolls back', async () => {
    await append([event('case-a', 'reported')]);
    await expect(
      t.db.transaction().execute(async (tx) => {
        await appendCaseEvents(tx, t.dialect, [event('case-a', 'registered')]);
        throw new Error('the command failed after appending');
      }),
    ).rejects.toThrow('the command failed');
    const head = await t.db.selectFrom('ledger_head').selectAll().executeTakeFirstOrThrow();
    expect(Number(head.seq)).toBe(1);
    const [next] = await append([event('case-a', 'registered')]);
    expect(next?.seq).toBe(2);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('rejects bad events naming the field, and refuses to run outside a transaction', async () => {
    await expectAppError(
      append([event('case-a', 'x'), { ...event('case-a', 'y'), at: 'yesterday' }]),
      'bad_request',
      'events[1].at',
    );
    await expectAppError(
      append([{ ...event('case-a', 'x'), caseId: '' }]),
      'bad_request',
      'events[0].caseId',
    );
    await expectAppError(
      append([{ ...event('case-a', 'x'), at: '2026-11-23 09:30' }]),
      'bad_request',
      'events[0].at',
    );
    await expectAppError(
      append([{ ...event('case-a', 'x'), payload: { n: Number.POSITIVE_INFINITY } }]),
      'bad_request',
      'events[0].payload',
    );
    await expectAppError(
      append([{ ...event('case-a', 'x'), payload: [1] as unknown as Record<string, unknown> }]),
      'bad_request',
      'events[0].payload',
    );
    const notATransaction = t.db as unknown as Parameters<typeof appendCaseEvents>[0];
    await expect(appendCaseEvents(notATransaction, t.dialect, [event('case-a', 'x')])).rejects.toThrow(
      'inside a transaction',
    );
    expect(await append([])).toEqual([]);
    expect(await verifyLedger(t.db)).toEqual({ ok: true, entries: 0, checkpoints: 0, headSeq: 0 });
  });
});

describe('verifying the chain catches tampering done directly in the database', () => {
  it('(a) an edited payload, naming the entry’s seq, id and case', async () => {
    await seedThreeCases();
    const victim = await entry(5);
    await sql`update case_event set payload = ${'{"level":1,"note":"nothing happened"}'} where seq = 5`.execute(
      t.db,
    );

    const report = await verifyLedger(t.db);
    expect(report.ok).toBe(false);
    expect(report.entries).toBe(4);
    expect(report.firstBroken).toMatchObject({
      seq: 5,
      id: victim.id,
      caseId: victim.case_id,
      problem: 'hash_mismatch',
    });
    expect(report.firstBroken?.message).toContain(`entry seq 5 (id ${victim.id}, case ${victim.case_id})`);

    // The case page shows it too, from the case's own entries.
    const history = await caseHistory(t.db, victim.case_id);
    expect(history.verification.ok).toBe(false);
    expect(history.verification.broken.map((b) => b.seq)).toEqual([5]);
    expect(history.events.find((e) => e.seq === 5)?.payload).toEqual({ level: 1, note: 'nothing happened' });
  });

  it('(a′) a payload written in a non-canonical form', async () => {
    await seedThreeCases();
    const victim = await entry(7);
    await sql`update case_event set payload = ${'{"note": "case-a handling", "level": 1}'} where seq = 7`.execute(
      t.db,
    );
    const report = await verifyLedger(t.db);
    expect(report.firstBroken).toMatchObject({ seq: 7, id: victim.id, problem: 'payload_not_canonical' });
  });

  it('(a″) an edited entry whose own hash was recomputed breaks the next link', async () => {
    await seedThreeCases();
    const victim = await entry(5);
    const forged = entryHash(victim.prev_hash, {
      seq: 5,
      id: victim.id,
      caseId: victim.case_id,
      type: victim.type,
      actorId: victim.actor_id,
      actorRole: victim.actor_role,
      at: victim.at,
      payload: { level: 1, note: 'forged' },
    });
    await sql`update case_event set payload = ${'{"level":1,"note":"forged"}'}, hash = ${forged} where seq = 5`.execute(
      t.db,
    );
    const next = await entry(6);
    const report = await verifyLedger(t.db);
    expect(report.firstBroken).toMatchObject({ seq: 6, id: next.id, problem: 'prev_hash_mismatch' });
  });

  it('(b) a deleted entry in the middle, as missing entries at its seq', async () => {
    await seedThreeCases();
    await sql`delete from case_event where seq = 6`.execute(t.db);
    const report = await verifyLedger(t.db, { batchSize: 4 });
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 6, id: null, problem: 'missing_entries' });
    expect(report.firstBroken?.message).toContain('entry seq 6 is missing');
  });

  it('(c) a deleted last entry, as a head mismatch', async () => {
    await seedThreeCases();
    await sql`delete from case_event where seq = 12`.execute(t.db);
    const report = await verifyLedger(t.db);
    expect(report.ok).toBe(false);
    expect(report.entries).toBe(11);
    expect(report.firstBroken).toMatchObject({ seq: 12, problem: 'head_mismatch' });
    expect(report.firstBroken?.message).toContain('entry seq 12 is missing from the end');
  });

  it('an entry slipped in beyond the head, as a head mismatch', async () => {
    const appended = await seedThreeCases();
    const last = appended[11] as AppendedEvent;
    const hash = entryHash(last.hash, { ...last, seq: 13, id: 'intruder', payload: {} });
    await sql`insert into case_event (seq, id, case_id, type, actor_id, actor_role, at, payload, prev_hash, hash)
      values (13, 'intruder', 'case-a', 'archived', null, null, ${AT}, '{}', ${last.hash}, ${hash})`.execute(
      t.db,
    );
    const report = await verifyLedger(t.db);
    expect(report.firstBroken).toMatchObject({ seq: 13, id: 'intruder', problem: 'head_mismatch' });
  });

  it('(d) a rewrite with every later hash and the head recomputed, by the checkpoint written before', async () => {
    await seedThreeCases();
    const sealed = await writeCheckpoint(t.db, t.dialect, new Date(AT));
    expect(sealed).toMatchObject({ treeSize: 12 });
    await append([event('case-a', 'feedback'), event('case-b', 'feedback')]);

    await rewriteAndRehash(5, { level: 1, note: 'rewritten history' });
    const report = await verifyLedger(t.db);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 12, problem: 'checkpoint_mismatch' });
    expect(report.firstBroken?.message).toContain('seq 1–12');

    // Every link and the head agree now: without the checkpoint the rewrite would pass.
    await sql`delete from ledger_signed_checkpoint`.execute(t.db);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('(d′) the end cut off and the head rewritten to match, by the checkpoint that covered it', async () => {
    await seedThreeCases();
    await writeCheckpoint(t.db, t.dialect, new Date(AT));
    const keep = await entry(10);
    await sql`delete from case_event where seq > 10`.execute(t.db);
    await sql`update ledger_head set seq = 10, hash = ${keep.hash} where id = 1`.execute(t.db);
    const report = await verifyLedger(t.db);
    expect(report.firstBroken).toMatchObject({ problem: 'checkpoint_mismatch' });
    expect(report.firstBroken?.message).toContain('beyond the end of the chain');
  });

  it('formats the report for the CLI', async () => {
    await seedThreeCases();
    const intact = formatLedgerReport(await verifyLedger(t.db));
    expect(intact).toContain('Ledger intact');
    expect(intact).toContain('12 entries verified');

    const victim = await entry(3);
    await sql`update case_event set type = 'voided' where seq = 3`.execute(t.db);
    const broken = formatLedgerReport(await verifyLedger(t.db));
    expect(broken).toContain(`hash_mismatch at seq 3 (id ${victim.id}, case ${victim.case_id})`);
  });

  it('rejects an impossible batch size', async () => {
    await expectAppError(verifyLedger(t.db, { batchSize: 0 }), 'bad_request', 'batchSize');
  });
});

describe('checkpoints', () => {
  it('sign the RFC 9162 root over the whole history whenever something is new', async () => {
    expect(await writeCheckpoint(t.db, t.dialect, new Date(AT))).toBeUndefined();
    const first = await seedThreeCases();
    const one = await writeCheckpoint(t.db, t.dialect, new Date(AT));
    expect(one).toMatchObject({ treeSize: 12, rootHash: rootOf(first), signedAt: AT, keyId: signer.keyId });
    expect(checkpointSignedBy(one as NonNullable<typeof one>, signer.publicKey)).toBe(true);
    expect(await writeCheckpoint(t.db, t.dialect, new Date(AT))).toBeUndefined();

    const more = await append([
      event('case-c', 'feedback'),
      event('case-c', 'verified'),
      event('case-c', 'visited'),
    ]);
    const two = await writeCheckpoint(t.db, t.dialect, new Date('2026-11-24T01:30:00.000Z'));
    expect(two).toMatchObject({ treeSize: 15, rootHash: rootOf([...first, ...more]) });

    expect(await listCheckpoints(t.db, { limit: 10 })).toEqual([two, one]);
    expect(await listCheckpoints(t.db, { limit: 10, beforeSize: 15 })).toEqual([one]);
    expect(await verifyLedger(t.db, { publicKey: signer.publicKey })).toEqual({
      ok: true,
      entries: 15,
      checkpoints: 2,
      headSeq: 15,
    });
  });

  it('refuse to seal a broken chain', async () => {
    await seedThreeCases();
    await sql`update case_event set actor_id = 'someone-else' where seq = 4`.execute(t.db);
    await expectAppError(writeCheckpoint(t.db, t.dialect, new Date(AT)), 'conflict');
    expect(await listCheckpoints(t.db, { limit: 10 })).toEqual([]);
  });
});

describe('concurrent appends', () => {
  it('(e) ~20 appending transactions in parallel from connection pools keep one contiguous, valid chain', async () => {
    // On PostgreSQL a second pool on the same schema plays a second server node.
    let second: Pick<TestDatabase, 'db' | 'dialect'> & { close?: () => Promise<void> } = t;
    if (t.dialect === 'postgres' && testPostgresUrl) {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.db);
      const schema = rows[0]?.schema as string;
      second = openDatabase({ url: testPostgresUrl, schema, poolSize: 10 });
    }
    try {
      const nodes = [t, second];
      // No head row yet: the first appenders also race to create it.
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (nodes[i % 2] as typeof t).db.transaction().execute(async (tx) => {
            const appended = await appendCaseEvents(tx, t.dialect, [
              event(`case-${i}`, 'reported', { i }),
              event(`case-${i}`, 'registered', { i }),
            ]);
            // Hold the head lock a little, like a command that still writes its own rows.
            if (t.dialect === 'postgres') await sql`select pg_sleep(0.01)`.execute(tx);
            return appended;
          }),
        ),
      );
      for (const [a, b] of results) expect((b?.seq ?? 0) - (a?.seq ?? 0)).toBe(1);
      const seqs = results.flat().map((e) => e.seq);
      expect(seqs.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await verifyLedger(t.db, { batchSize: 7 })).toEqual({
        ok: true,
        entries: 40,
        checkpoints: 0,
        headSeq: 40,
      });
    } finally {
      if (second !== t) await second.close?.();
    }
  });
});

describe('a long chain', () => {
  it('verifies 10,000 entries in small batches, checkpoints across batch edges, in reasonable time', async () => {
    for (let chunk = 0; chunk < 10; chunk++) {
      await append(
        Array.from({ length: 1_000 }, (_, i) =>
          event(`case-${(chunk * 1_000 + i) % 997}`, 'handling', { n: chunk * 1_000 + i, text: '处置中' }),
        ),
      );
      if (chunk === 3 || chunk === 6) await writeCheckpoint(t.db, t.dialect, new Date(AT));
    }
    const started = performance.now();
    const report = await verifyLedger(t.db, { batchSize: 97 });
    const ms = performance.now() - started;
    expect(report).toEqual({ ok: true, entries: 10_000, checkpoints: 2, headSeq: 10_000 });
    expect(ms).toBeLessThan(20_000);

    await sql`update case_event set payload = '{"n":9998,"text":"改过"}' where seq = 9999`.execute(t.db);
    const broken = await verifyLedger(t.db, { batchSize: 97 });
    expect(broken.firstBroken).toMatchObject({ seq: 9_999, problem: 'hash_mismatch' });
    expect(broken.entries).toBe(9_998);
  });
});
