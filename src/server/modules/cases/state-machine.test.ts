import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../../shared/domain.ts';
import { actionsInStatus, CASE_ACTIONS, canTransition, nextStatus, stepOf } from './state-machine.ts';

describe('the six-step loop state machine', () => {
  it('walks the happy path from report to archive', () => {
    const path = [
      ['reported', 'register', 'registered'],
      ['registered', 'dispatch', 'dispatched'],
      ['dispatched', 'accept', 'handling'],
      ['handling', 'feedback', 'feedback'],
      ['feedback', 'verify', 'verified'],
      ['verified', 'close', undefined],
      ['visited', 'close', 'archived'],
    ] as const;
    for (const [from, action, to] of path) expect(nextStatus(from, action, {})).toBe(to);
    expect(nextStatus('verified', 'visit', { satisfied: true })).toBe('visited');
  });

  it('reopens for rework when the reporter is not satisfied, and on failed verification', () => {
    expect(nextStatus('verified', 'visit', { satisfied: false })).toBe('handling');
    expect(nextStatus('feedback', 'rework')).toBe('handling');
  });

  it('escalation and sending back return the case to registration at its (new) level', () => {
    for (const from of ['registered', 'dispatched', 'handling', 'feedback'] as const) {
      expect(nextStatus(from, 'escalate')).toBe('registered');
    }
    expect(nextStatus('handling', 'send_back')).toBe('registered');
    expect(nextStatus('verified', 'escalate')).toBeUndefined();
  });

  it('suspension stops the case and resumes it where it was', () => {
    expect(nextStatus('handling', 'suspend')).toBe('suspended');
    expect(nextStatus('suspended', 'resume', { suspendedFrom: 'handling' })).toBe('handling');
    expect(nextStatus('suspended', 'resume', {})).toBe('registered');
    expect(nextStatus('suspended', 'accept')).toBeUndefined();
  });

  it('terminal states allow nothing', () => {
    for (const status of ['archived', 'rejected', 'merged', 'voided'] as const) {
      expect(actionsInStatus(status)).toEqual([]);
    }
  });

  it('side actions keep the status', () => {
    for (const action of [
      'progress',
      'mediate',
      'link',
      'remind',
      'supervise',
      'request_extension',
    ] as const) {
      expect(nextStatus('handling', action)).toBe('handling');
    }
  });

  it('every action is allowed somewhere and every open status has a next move', () => {
    for (const action of CASE_ACTIONS) {
      expect(CASE_STATUSES.some((s) => canTransition(s, action))).toBe(true);
    }
    for (const status of [
      'reported',
      'registered',
      'dispatched',
      'handling',
      'feedback',
      'verified',
      'visited',
    ]) {
      expect(actionsInStatus(status as 'reported').length).toBeGreaterThan(0);
    }
  });

  it('runs a clock in every working status and none when suspended or closed', () => {
    expect(stepOf('handling')).toBe('handle');
    expect(stepOf('reported')).toBe('register');
    expect(stepOf('suspended')).toBeUndefined();
    expect(stepOf('archived')).toBeUndefined();
  });
});
