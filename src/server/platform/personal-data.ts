/**
 * Compatibility entry point of the personal-data vault (platform/vault/): the cipher, masking and
 * blind-index functions modules imported from here before the vault existed. New code imports the
 * vault; a full view shown to a person goes through `vault.reveal()`, which logs it.
 */
import { decodeKey } from './config.ts';

export { idNumberBlindIndex, phoneBlindIndex } from './vault/blind-index.ts';
export { createCipher, type PersonalDataCipher } from './vault/cipher.ts';
export { isIdNumber, isPhoneNumber, maskIdNumber, maskPhone } from './vault/masking.ts';

import { loadKeyring } from './vault/keyring.ts';

/**
 * The current key: ZHIZHI_SECRET_KEY, else the current key of `<dataDir>/secret.key`, created
 * (mode 0600) on first use for a single-node SQLite install. Prefer `loadKeyring`, which also
 * gives the older keys a rotation still needs.
 */
export function loadOrCreateKey(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey && !decodeKey(secretKey)) {
    throw new Error('ZHIZHI_SECRET_KEY must be 32 bytes as 64 hex digits or base64');
  }
  return loadKeyring({ secretKey, dataDir }).ring.current.key;
}
