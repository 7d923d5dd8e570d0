/** Password hashing: argon2id (about 75 ms here), the OWASP default parameters. */
import { hash, verify } from '@node-rs/argon2';
import type { Message } from '../../platform/errors.ts';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Minimum rules for a password an administrator or resident sets. Returns a problem or undefined. */
export function passwordProblem(password: string): Message | undefined {
  if (password.length < 8) return { key: 'validation.min_length', params: { limit: 8 } };
  if (password.length > 200) return { key: 'validation.max_length', params: { limit: 200 } };
  return undefined;
}
