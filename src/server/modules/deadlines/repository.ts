/** SQL of the deadline administration: the rule set and the calendar days (moved out of the routes). */
import type { Kysely, Transaction } from 'kysely';
import type { DeadlineRule } from './rules.ts';
import type { DeadlinesTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<DeadlinesTables>;
type Queryable = Db | Transaction<DeadlinesTables>;

/** Inserts rules as they are, ids and all, in one statement. */
export async function insertDeadlineRules(q: Queryable, rules: readonly DeadlineRule[]): Promise<void> {
  if (rules.length === 0) return;
  await q
    .insertInto('deadline_rule')
    .values(
      rules.map((r) => ({
        id: r.id,
        step: r.step,
        level: r.level,
        case_type: r.caseType,
        amount: r.amount,
        unit: r.unit,
      })),
    )
    .execute();
}

/** Replaces the whole rule set in one transaction. */
export async function replaceDeadlineRules(db: Db, rules: readonly DeadlineRule[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('deadline_rule').execute();
    await insertDeadlineRules(tx, rules);
  });
}

export interface CalendarDayRow {
  day: string;
  kind: string;
  name: string;
}

/** The entered calendar days in date order, of one year when given. */
export async function listCalendarDays(db: Db, year?: number): Promise<CalendarDayRow[]> {
  let query = db.selectFrom('calendar_day').select(['day', 'kind', 'name']).orderBy('day');
  if (year !== undefined) {
    query = query.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  }
  return query.execute();
}

/** Enters or changes one day. */
export async function upsertCalendarDay(db: Db, row: CalendarDayRow): Promise<void> {
  await db
    .insertInto('calendar_day')
    .values(row)
    .onConflict((oc) => oc.column('day').doUpdateSet({ kind: row.kind, name: row.name }))
    .execute();
}

/** Removes one day; false when it was not entered. */
export async function deleteCalendarDay(db: Db, day: string): Promise<boolean> {
  const result = await db.deleteFrom('calendar_day').where('day', '=', day).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
