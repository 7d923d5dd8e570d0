/**
 * The password rule (密码规则), one module for the server and the apps: the apps check it before the
 * person submits (resident sign-up, an administrator creating a user or setting a password, a
 * password change) and the server checks it again. It refuses short and long passwords, common ones,
 * and trivial patterns: one repeated character, runs like 12345678 or abcdefgh, keyboard runs like
 * qwertyui or 1qaz2wsx, and passwords that contain the username or the phone number.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

/** Why a password is refused: a stable code the apps translate, and an English message. */
export type PasswordProblemCode =
  | 'too_short'
  | 'too_long'
  | 'common'
  | 'repeated'
  | 'sequence'
  | 'keyboard'
  | 'contains_name';

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

/** What the password must not contain: the person's username and phone, when known. */
export interface PasswordContext {
  username?: string | null | undefined;
  phone?: string | null | undefined;
}

const MESSAGES: Record<PasswordProblemCode, string> = {
  too_short: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
  common: 'is one of the most common passwords; choose another',
  repeated: 'is one character repeated; choose another',
  sequence: 'is a simple sequence like 12345678 or abcdefgh; choose another',
  keyboard: 'is a run of keys on the keyboard; choose another',
  contains_name: 'must not contain your username or phone number',
};

const COMMON = new Set(COMMON_PASSWORDS);
/** Rows and columns of a QWERTY keyboard, forwards; runs are looked for both ways. */
const KEYBOARD_RUNS = [
  '1234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7ki8lo9p0',
];

/** True when every character is the previous one plus `step` (code points), for step ±1. */
function isSequence(value: string): boolean {
  for (const step of [1, -1]) {
    let ok = true;
    for (let i = 1; i < value.length && ok; i++) {
      ok = value.charCodeAt(i) - value.charCodeAt(i - 1) === step;
    }
    if (ok) return true;
  }
  return false;
}

/** True when the value lies inside one keyboard run, read either way. */
function isKeyboardRun(value: string): boolean {
  return KEYBOARD_RUNS.some((run) => run.includes(value) || [...run].reverse().join('').includes(value));
}

/**
 * The password with a trailing run of digits or symbols removed when the rest is long enough, so
 * `qwertyui!` and `abcdefgh1` are caught as the runs they are.
 */
function core(value: string): string {
  const stripped = value.replace(/[\d!@#$%^&*._-]{1,4}$/, '');
  return stripped.length >= 6 ? stripped : value;
}

/** The first problem with a password, or undefined when it may be used. */
export function passwordProblem(
  password: string,
  context: PasswordContext = {},
): PasswordProblem | undefined {
  const problem = (code: PasswordProblemCode): PasswordProblem => ({ code, message: MESSAGES[code] });
  if (password.length < PASSWORD_MIN_LENGTH) return problem('too_short');
  if (password.length > PASSWORD_MAX_LENGTH) return problem('too_long');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return problem('common');
  if (new Set(lower).size === 1) return problem('repeated');
  for (const candidate of new Set([lower, core(lower)])) {
    if (isSequence(candidate)) return problem('sequence');
    if (isKeyboardRun(candidate)) return problem('keyboard');
  }
  for (const name of [context.username, context.phone]) {
    const n = name?.trim().toLowerCase();
    if (n && n.length >= 3 && lower.includes(n)) return problem('contains_name');
  }
  return undefined;
}
