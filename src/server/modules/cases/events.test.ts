/** The case event catalogue: unknown types and wrong payloads are refused before the ledger sees them. */
import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES, CaseEventError, checkCaseEvent, checkedAppend } from './events.ts';

describe('case event catalogue', () => {
  it('accepts an action entry with its transition fields', () => {
    expect(() =>
      checkCaseEvent('escalated', {
        fromLevel: 2,
        toLevel: 3,
        reason: 'overdue',
        note: '',
        handlingAreaId: 'a',
        fromStatus: 'handling',
        toStatus: 'registered',
        level: 3,
      }),
    ).not.toThrow();
    // fields left undefined are not stored, so they are not checked
    expect(() => checkCaseEvent('verified', { note: undefined, toStatus: 'verified' })).not.toThrow();
  });

  it('refuses an unknown type, a missing field, a wrong type and an extra field', () => {
    expect(() => checkCaseEvent('teleported', {})).toThrow(CaseEventError);
    expect(() => checkCaseEvent('rejected', {})).toThrow(/reason/);
    expect(() =>
      checkCaseEvent('escalated', { fromLevel: '2', toLevel: 3, reason: 'r', note: '', handlingAreaId: 'a' }),
    ).toThrow(/fromLevel/);
    expect(() => checkCaseEvent('suspended', { reason: 'r', secret: 'x' })).toThrow(CaseEventError);
    expect(() => checkCaseEvent('visited', { satisfied: false })).toThrow(CaseEventError);
  });

  it('appends nothing when one event of a batch is wrong', async () => {
    const appended: unknown[] = [];
    const append = checkedAppend(async (_tx, _dialect, events: { type: string; payload: unknown }[]) => {
      appended.push(...events);
    });
    const ok = { type: 'progress_recorded', payload: { note: 'n' } };
    const bad = { type: 'progress_recorded', payload: { note: 7 } };
    await expect(append({} as never, 'sqlite', [ok, bad])).rejects.toThrow(CaseEventError);
    expect(appended).toEqual([]);
    await append({} as never, 'sqlite', [ok]);
    expect(appended).toEqual([ok]);
  });

  it('is a closed list of distinct names', () => {
    expect(new Set(CASE_EVENT_TYPES).size).toBe(CASE_EVENT_TYPES.length);
    expect(CASE_EVENT_TYPES).toContain('reported');
    expect(CASE_EVENT_TYPES).toContain('deadline_changed');
  });
});
