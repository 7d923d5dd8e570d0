/**
 * The ledger module's migrations: its part of 0001 (the first schema) and the later ones, listed
 * in the one ordered history in src/server/migrations.ts (a migration is frozen history).
 */
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../../platform/db/dialect.ts';
import { type ColumnTypes, type Db, types } from '../../platform/db/migrations/kit.ts';
import { entryLeafHash, TreeBuilder } from './merkle.ts';

/** 0001 (the first schema), the ledger part: case_event, ledger_head, ledger_checkpoint. */
export async function ledgerInitial(db: Db, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('case_event')
    .addColumn('seq', t.bigint, (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_event_case').on('case_event').columns(['case_id', 'seq']).execute();
  await db.schema
    .createTable('ledger_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ledger_checkpoint')
    .addColumn('upto_seq', t.bigint, (c) => c.primaryKey())
    .addColumn('from_seq', t.bigint, (c) => c.notNull())
    .addColumn('merkle_root', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

/**
 * 0013 (issue 7 #9): checkpoints become signed RFC 9162 tree heads over the whole history. The old
 * `ledger_checkpoint` rows held a home-made Merkle root over one range each (no leaf/node prefixes,
 * the odd node paired with itself) that a database writer could recompute. Each becomes an
 * unsigned tree head whose RFC 9162 root is computed here from the stored entry hashes; the next
 * checkpoint the server writes is signed and covers the whole history.
 */
export function signedCheckpoints(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Db) {
      await db.schema
        .createTable('ledger_signed_checkpoint')
        .addColumn('tree_size', t.bigint, (c) => c.primaryKey())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('signed_at', t.timestamp, (c) => c.notNull())
        .addColumn('key_id', 'text')
        .addColumn('signature', 'text')
        .execute();
      const legacy = (
        await sql<{ upto_seq: number | string; created_at: string | Date }>`
          select upto_seq, created_at from ledger_checkpoint order by upto_seq`.execute(db)
      ).rows.map((r) => ({ size: Number(r.upto_seq), at: new Date(r.created_at).toISOString() }));
      const builder = new TreeBuilder();
      let next = 0;
      let after = 0;
      while (next < legacy.length) {
        const rows = (
          await sql<{ seq: number | string; hash: string }>`
            select seq, hash from case_event where seq > ${after} order by seq limit 5000`.execute(db)
        ).rows;
        for (const row of rows) {
          builder.add(entryLeafHash(row.hash));
          after = Number(row.seq);
          for (let cp = legacy[next]; cp && cp.size === after; cp = legacy[++next]) {
            await sql`insert into ledger_signed_checkpoint (tree_size, root_hash, signed_at)
              values (${cp.size}, ${builder.root()}, ${cp.at})`.execute(db);
          }
        }
        if (rows.length < 5000) break;
      }
      // A legacy checkpoint past the last entry (entries already gone) keeps a root nothing can match.
      for (const cp of legacy.slice(next)) {
        await sql`insert into ledger_signed_checkpoint (tree_size, root_hash, signed_at)
          values (${cp.size}, ${'0'.repeat(64)}, ${cp.at})`.execute(db);
      }
      await db.schema.dropTable('ledger_checkpoint').execute();
    },
  };
}
