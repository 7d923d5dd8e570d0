import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rule.ts';

const codeOf = (password: string, context = {}) => passwordProblem(password, context)?.code;

describe('the password rule (issue 7 #5)', () => {
  it('refuses the audit’s 11111111 and other one-character repeats', () => {
    expect(codeOf('11111111')).toBe('common');
    expect(codeOf('ZZZZZZZZZZ')).toBe('repeated');
    expect(codeOf('@@@@@@@@@')).toBe('repeated');
  });

  it('refuses common passwords whatever their case', () => {
    for (const p of ['password', 'Password1', 'woaini1314', 'QWERTY123', 'iloveyou']) {
      expect(codeOf(p), p).toBe('common');
    }
  });

  it('refuses sequences both ways, also with a digit or symbol tacked on', () => {
    for (const p of ['23456789', 'abcdefghij', 'hgfedcba', '98765432109', 'bcdefghi1', 'lmnopqrs!']) {
      expect(codeOf(p), p).toBe('sequence');
    }
  });

  it('refuses keyboard runs', () => {
    for (const p of ['wertyuio', 'lkjhgfdsa', 'zaq1xsw2', '1qaz2wsx3e', 'poiuytrewq', 'sdfghjkl2026']) {
      expect(codeOf(p), p).toBe('keyboard');
    }
  });

  it('refuses a password containing the username or the phone number', () => {
    expect(codeOf('herder.bayar-2026', { username: 'herder.bayar' })).toBe('contains_name');
    expect(codeOf('x15947712345!', { phone: '15947712345' })).toBe('contains_name');
    expect(codeOf('herder.bayar-2026', { username: 'grid.chief' })).toBeUndefined();
  });

  it('refuses lengths outside 8–200 and accepts ordinary passphrases', () => {
    expect(codeOf('k7#Lp2q')).toBe('too_short');
    expect(codeOf('x'.repeat(150) + 'y'.repeat(51))).toBe('too_long');
    for (const p of ['correct horse battery', 'zhizhi-demo-2026', 'first-password-1', 'Gal9-tuu-Nuur']) {
      expect(passwordProblem(p), p).toBeUndefined();
    }
  });

  it('gives a message with each refusal', () => {
    expect(passwordProblem('12345678')?.message).toMatch(/sequence|common/);
  });
});
