/**
 * `seedDemo`: loads the Wushen Banner demo (areas and grids, households, departments, the level-4
 * routing table, one account for every role) into an empty database, in one transaction with batched
 * inserts. Case types, deadline rules and the calendar are seeded elsewhere (seed-defaults.ts).
 */
import { AREA_KINDS, type AreaKind, type Role } from '../../../shared/domain.ts';
import type { Db, Tx } from '../../database.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type PersonalDataCipher, phoneBlindIndex } from '../../platform/personal-data.ts';
import { areaRowBelow } from '../areas/repository.ts';
import type { AreaTable } from '../areas/schema.ts';
import { DEMO_DEPARTMENTS, DEMO_ROUTING_RULES } from './departments.ts';
import { buildDemoHouseholds } from './households.ts';
import { buildDemoLayout } from './layout.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoPhone } from './roster.ts';

export { DEMO_CODES } from './layout.ts';
export { DEMO_PLACES, type DemoPlace, type DemoPlaces } from './places.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './roster.ts';

export interface SeedDemoOptions {
  /** Hash of DEMO_PASSWORD (argon2id), computed once by the caller. */
  passwordHash: string;
  /** Encrypts the accounts' phone numbers at rest. */
  cipher: PersonalDataCipher;
  now: Date;
}

export interface DemoCredential {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  /** Chinese name of the area the role is scoped to. */
  area: string | null;
  department: string | null;
}

export interface DemoSummary {
  areas: Record<AreaKind, number>;
  households: number;
  users: number;
  departments: number;
  routingRules: number;
  /** What to print for people trying the demo. */
  credentials: DemoCredential[];
}

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH_ROWS = 400;

async function insertInBatches<R>(
  rows: readonly R[],
  insert: (batch: R[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) await insert(rows.slice(i, i + BATCH_ROWS));
}

/** Departments of the demo that are not there yet; returns every demo department's id by code. */
async function seedDepartments(tx: Tx, at: string): Promise<Map<string, string>> {
  const existing = await tx.selectFrom('department').select(['id', 'code']).execute();
  const ids = new Map(existing.map((d) => [d.code, d.id]));
  const missing = DEMO_DEPARTMENTS.filter((d) => !ids.has(d.code)).map((d) => ({
    id: uuidv7(),
    code: d.code,
    name_zh: d.nameZh,
    name_en: d.nameEn,
    name_mn: d.nameMn,
    created_at: at,
  }));
  if (missing.length > 0) await tx.insertInto('department').values(missing).execute();
  for (const d of missing) ids.set(d.code, d.id);
  return ids;
}

/**
 * Seeds the demo into a database whose `area` table is empty (throws otherwise, and when a demo
 * username is taken). Everything or nothing: one transaction.
 */
export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<DemoSummary> {
  const at = options.now.toISOString();
  const layout = buildDemoLayout();
  const households = buildDemoHouseholds(layout);

  // Ids and materialised paths, parents first (the layout lists parents before children).
  const rows: AreaTable[] = [];
  const byCode = new Map<string, AreaTable>();
  for (const area of layout) {
    const parent = area.parentCode ? byCode.get(area.parentCode) : undefined;
    const row = areaRowBelow(parent, {
      id: uuidv7(),
      kind: area.kind,
      code: area.code,
      nameZh: area.nameZh,
      nameEn: area.nameEn,
      nameMn: area.nameMn,
      polygon: JSON.stringify(area.polygon),
      now: at,
    });
    rows.push(row);
    byCode.set(area.code, row);
  }
  rows.sort((a, b) => a.depth - b.depth);
  const areaId = (code: string | null) => {
    if (code === null) return null;
    const row = byCode.get(code);
    if (!row) throw new Error(`demo roster names an unknown area ${code}`);
    return row.id;
  };

  await db.transaction().execute(async (tx) => {
    const present = await tx
      .selectFrom('area')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    if (Number(present?.n ?? 0) > 0) {
      throw new Error(
        `seed-demo needs an empty database, but the area table already has ${present?.n} rows; use a new database (or DATABASE_URL) for the demo`,
      );
    }
    const taken = await tx
      .selectFrom('app_user')
      .select('username')
      .where(
        'username',
        'in',
        DEMO_ACCOUNTS.map((a) => a.username),
      )
      .execute();
    if (taken.length > 0) {
      throw new Error(`seed-demo: demo usernames already exist: ${taken.map((t) => t.username).join(', ')}`);
    }

    await insertInBatches(rows, (batch) => tx.insertInto('area').values(batch).execute());
    await insertInBatches(
      households.map((h) => ({
        id: uuidv7(),
        grid_id: areaId(h.gridCode) as string,
        address: h.address,
        lng: h.lng,
        lat: h.lat,
        members: h.members,
        created_at: at,
      })),
      (batch) => tx.insertInto('household').values(batch).execute(),
    );

    const departmentIds = await seedDepartments(tx, at);
    const departmentId = (code: string | null) => {
      if (code === null) return null;
      const id = departmentIds.get(code);
      if (!id) throw new Error(`demo data names an unknown department ${code}`);
      return id;
    };
    await tx
      .insertInto('routing_rule')
      .values(
        DEMO_ROUTING_RULES.map((r) => ({
          id: uuidv7(),
          case_type: r.caseType,
          department_id: departmentId(r.departmentCode) as string,
          area_id: null,
        })),
      )
      .execute();

    const users = DEMO_ACCOUNTS.map((a, i) => ({
      id: uuidv7(),
      username: a.username,
      display_name: a.displayName,
      phone_enc: options.cipher.encrypt(demoPhone(i)),
      phone_bidx: phoneBlindIndex(options.cipher, demoPhone(i)),
      password_hash: options.passwordHash,
      password_is_demo: 1,
      active: 1,
      created_at: at,
      updated_at: at,
    }));
    await tx.insertInto('app_user').values(users).execute();
    await tx
      .insertInto('assignment')
      .values(
        DEMO_ACCOUNTS.map((a, i) => ({
          id: uuidv7(),
          user_id: (users[i] as { id: string }).id,
          role: a.role,
          area_id: areaId(a.areaCode),
          department_id: departmentId(a.departmentCode),
          title: a.title ?? null,
          created_at: at,
        })),
      )
      .execute();
  });

  const areas = Object.fromEntries(AREA_KINDS.map((k) => [k, 0])) as Record<AreaKind, number>;
  for (const area of layout) areas[area.kind]++;
  const nameOf = (code: string | null) => (code ? (byCode.get(code)?.name_zh ?? null) : null);
  const departmentName = (code: string | null) =>
    code ? (DEMO_DEPARTMENTS.find((d) => d.code === code)?.nameZh ?? null) : null;
  return {
    areas,
    households: households.length,
    users: DEMO_ACCOUNTS.length,
    departments: DEMO_DEPARTMENTS.length,
    routingRules: DEMO_ROUTING_RULES.length,
    credentials: DEMO_ACCOUNTS.map((a) => ({
      username: a.username,
      password: DEMO_PASSWORD,
      displayName: a.displayName,
      role: a.role,
      area: nameOf(a.areaCode),
      department: departmentName(a.departmentCode),
    })),
  };
}
