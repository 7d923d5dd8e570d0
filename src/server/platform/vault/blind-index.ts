/**
 * Blind indexes (盲索引) for exact search of encrypted values: each kind of value is normalised and
 * prefixed with its kind before the HMAC, so a phone and an ID number never share an index.
 */
import type { PersonalDataCipher } from './cipher.ts';

/** The blind index of a phone number, spaces and hyphens ignored (0477-1234567 = 04771234567). */
export function phoneBlindIndex(cipher: PersonalDataCipher, phone: string): string {
  return cipher.blindIndex(`phone:${phone.replace(/[\s-]/g, '')}`);
}

/** The blind index of an identity card number, spaces ignored and the check letter upper-cased. */
export function idNumberBlindIndex(cipher: PersonalDataCipher, idNumber: string): string {
  return cipher.blindIndex(`id:${idNumber.replace(/\s/g, '').toUpperCase()}`);
}
