/** Each handler's part of a case, as pure rules (joint handling 联管联调, issue 7 #21). */
import { describe, expect, it } from 'vitest';
import { afterSendBack, partRefusal, partsOutstandingAfterReport } from './parts.ts';
import type { CaseParty, CaseScope } from './policy.ts';

const part = (id: string, over: Partial<CaseParty> = {}): CaseParty => ({
  id,
  userId: null,
  departmentId: id,
  kind: 'joint',
  active: true,
  accepted: false,
  reported: false,
  ...over,
});
const scope = (...parties: CaseParty[]): CaseScope => ({
  status: 'handling',
  level: 5,
  gridPath: '/b/t/v/g/',
  handlingAreaPath: '/b/',
  reporterId: 'r',
  parties,
});

describe('a handler’s part', () => {
  it('is accepted once and reported once, and only after it was accepted', () => {
    expect(partRefusal('accept', [part('a')])).toBeUndefined();
    expect(partRefusal('accept', [part('a', { accepted: true })])).toBe('case.part_already_accepted');
    expect(partRefusal('feedback', [part('a')])).toBe('case.accept_before_feedback');
    expect(partRefusal('feedback', [part('a', { accepted: true })])).toBeUndefined();
    expect(partRefusal('feedback', [part('a', { accepted: true, reported: true })])).toBe(
      'case.part_already_reported',
    );
  });

  it('in joint handling waits for every active department, whichever reports first', () => {
    const a = part('a', { accepted: true });
    const b = part('b', { accepted: true });
    expect(partsOutstandingAfterReport(scope(a, b), [a])).toBe(true);
    expect(partsOutstandingAfterReport(scope(a, b), [b])).toBe(true);
    expect(partsOutstandingAfterReport(scope({ ...a, reported: true }, b), [b])).toBe(false);
    expect(partsOutstandingAfterReport(scope(b, { ...a, reported: true }), [b])).toBe(false);
    // a department that sent its part back (inactive) is not waited for; collaborators never are
    expect(partsOutstandingAfterReport(scope(a, { ...b, active: false }), [a])).toBe(false);
    expect(partsOutstandingAfterReport(scope(a, part('c', { kind: 'collaborator' })), [a])).toBe(false);
  });

  it('outside joint handling one handler’s report is the case’s', () => {
    const a = part('a', { kind: 'handler', accepted: true });
    const b = part('b', { kind: 'handler' });
    expect(partsOutstandingAfterReport(scope(a, b), [a])).toBe(false);
    expect(afterSendBack(scope(a, b), [a])).toBe('none');
  });

  it('sent back by one department leaves the others working, or ready when they have all reported', () => {
    const a = part('a', { accepted: true });
    const b = part('b', { accepted: true });
    expect(afterSendBack(scope(a, b), [b])).toBe('working');
    expect(afterSendBack(scope({ ...a, reported: true }, b), [b])).toBe('all_reported');
    expect(afterSendBack(scope(a), [a])).toBe('none');
  });
});
