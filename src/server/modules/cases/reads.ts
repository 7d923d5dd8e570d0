/**
 * What other modules may do with a case inside their own transaction. The SQL stays in this module's
 * repository.
 */
import type { Tx } from '../../database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import { lockCaseRow } from './repository.ts';

/**
 * Holds the case until the caller's transaction ends, so two writers that count something of the
 * case (e.g. its photos) cannot both pass the check.
 */
export function lockCase(tx: Tx, dialect: Dialect, caseId: string): Promise<void> {
  return lockCaseRow(tx, dialect, caseId);
}
