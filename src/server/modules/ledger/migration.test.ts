/** Migration 0005: the old range checkpoints become unsigned RFC 9162 tree heads; signing starts after. */
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../migrations.ts';
import { migrateToLatest } from '../../platform/db/migrations.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { writeCheckpoint } from './checkpoints.ts';
import { type AppendedEvent, appendCaseEvents } from './ledger.ts';
import { entryLeafHash, MerkleTree } from './merkle.ts';
import { createSigner } from './signing.ts';
import { verifyLedger } from './verify.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const AT = '2026-11-23T01:30:00.000Z';

function append(n: number): Promise<AppendedEvent[]> {
  return t.db.transaction().execute((tx) =>
    appendCaseEvents(
      tx,
      t.dialect,
      Array.from({ length: n }, (_, i) => ({
        caseId: `case-${i % 2}`,
        type: 'progress',
        actorId: null,
        actorRole: 'grid_worker',
        at: AT,
        payload: { i },
      })),
    ),
  );
}

/** Puts the database back to how 0004 left it, with legacy checkpoints over 1–4, 5–7 and 8–9. */
async function backToLegacy(): Promise<void> {
  const ts = t.dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  await sql`drop table ledger_signed_checkpoint`.execute(t.db);
  await sql`create table ledger_checkpoint (upto_seq bigint primary key, from_seq bigint not null,
    merkle_root text not null, created_at ${ts} not null)`.execute(t.db);
  for (const [from, upto] of [
    [1, 4],
    [5, 7],
    [8, 9],
  ]) {
    await sql`insert into ledger_checkpoint values (${upto}, ${from}, ${'ab'.repeat(32)}, ${AT})`.execute(
      t.db,
    );
  }
  // Later migrations are undone too, so they run again after 0013 (Kysely keeps the order).
  await sql`alter table department drop column name_mn`.execute(t.db);
  await sql`alter table personal_data_access drop column reason`.execute(t.db);
  await sql`drop table grid_layer_feature`.execute(t.db);
  await sql`drop table grid_layer`.execute(t.db);
  await sql`delete from kysely_migration where name >= '0013_signed_checkpoints'`.execute(t.db);
}

describe('migration 0013_signed_checkpoints', () => {
  it('recomputes each old checkpoint as an RFC 9162 root, unsigned; the next checkpoint is signed over everything', async () => {
    const entries = await append(7);
    await backToLegacy();
    const schema =
      t.dialect === 'postgres'
        ? ((await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0]?.s as string)
        : undefined;
    expect(
      await migrateToLatest(t.db as unknown as Kysely<unknown>, migrationsFor(t.dialect), schema),
    ).toEqual([
      '0013_signed_checkpoints',
      '0014_i18n_names',
      '0015_people_reveal_reason',
      '0016_grid_layers',
    ]);
    const tree = new MerkleTree(entries.map((e) => entryLeafHash(e.hash)));
    const rows = await t.db.selectFrom('ledger_signed_checkpoint').selectAll().orderBy('tree_size').execute();
    expect(rows.map((r) => ({ ...r, tree_size: Number(r.tree_size) }))).toEqual([
      { tree_size: 4, root_hash: tree.root(4), signed_at: AT, key_id: null, signature: null },
      { tree_size: 7, root_hash: tree.root(7), signed_at: AT, key_id: null, signature: null },
      // Entries 8–9 were already gone: a root nothing can match, so verify reports the cut.
      { tree_size: 9, root_hash: '0'.repeat(64), signed_at: AT, key_id: null, signature: null },
    ]);
    await expect(sql`select count(*) from ledger_checkpoint`.execute(t.db)).rejects.toThrow();

    const signer = createSigner(Buffer.alloc(32, 3));
    expect((await verifyLedger(t.db, { publicKey: signer.publicKey })).firstBroken).toMatchObject({
      problem: 'checkpoint_mismatch',
      seq: 9,
    });
    await sql`delete from ledger_signed_checkpoint where tree_size = 9`.execute(t.db);
    await append(3);
    const signed = await writeCheckpoint(t.db, t.dialect, new Date(AT), signer);
    expect(signed).toMatchObject({ treeSize: 10, keyId: signer.keyId });
    expect(await verifyLedger(t.db, { publicKey: signer.publicKey })).toEqual({
      ok: true,
      entries: 10,
      checkpoints: 3,
      headSeq: 10,
    });
  });
});
