/**
 * Why a new password is refused (src/shared/password-rule.ts), in the apps' languages: keys
 * `passwordProblem.<code>`, spread into a dictionary by `passwordProblemLabelsOf(lang)`. Only
 * `contains_name` is each app's own, since it names what that app's account holds (username, phone).
 */
import type { PasswordProblemCode } from '../../shared/password-rule.ts';
import type { Label } from './vocabulary.ts';

type SharedCode = Exclude<PasswordProblemCode, 'contains_name'>;

const PASSWORD_PROBLEM_LABELS: Record<SharedCode, Label> = {
  too_short: {
    zh: '密码至少 8 位',
    en: 'The password needs at least 8 characters',
    mn: 'ᠨᠢᠭᠤᠴᠠ ᠦᠭᠡ ᠳᠤ ᠬᠠᠮᠤᠭ ᠪᠠᠭ᠎ᠠ ᠳᠠᠭᠠᠨ 8 ᠲᠡᠮᠳᠡᠭ',
  },
  too_long: {
    zh: '密码最多 200 位',
    en: 'The password can have at most 200 characters',
    mn: 'ᠨᠢᠭᠤᠴᠠ ᠦᠭᠡ ᠳᠤ ᠬᠠᠮᠤᠭ ᠤᠨ ᠢᠬᠡᠳᠡ 200 ᠲᠡᠮᠳᠡᠭ',
  },
  common: {
    zh: '这是最常见的密码之一，请换一个',
    en: 'This is one of the most common passwords; choose another',
    mn: 'ᠡᠨᠡ ᠨᠢᠭᠤᠴᠠ ᠦᠭᠡ ᠬᠡᠲᠦᠷᠬᠡᠢ ᠡᠩ ᠦᠨ᠂ ᠥᠭᠡᠷ᠎ᠡ ᠶᠢ ᠰᠣᠩᠭᠣ',
  },
  repeated: {
    zh: '密码不能是同一个字符重复',
    en: 'The password cannot be one character repeated',
    mn: 'ᠨᠢᠭᠡ ᠲᠡᠮᠳᠡᠭ ᠢ ᠳᠠᠪᠲᠠᠵᠤ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠢ',
  },
  sequence: {
    zh: '密码不能是 12345678、abcdefgh 这样的顺序',
    en: 'The password cannot be a run like 12345678 or abcdefgh',
    mn: '12345678᠂ abcdefgh ᠮᠡᠲᠦ ᠳᠠᠷᠠᠭᠠᠯᠠᠯ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠢ',
  },
  keyboard: {
    zh: '密码不能是键盘上连着的一排键',
    en: 'The password cannot be a row of keys on the keyboard',
    mn: 'ᠳᠠᠷᠤᠪᠴᠢ ᠶᠢᠨ ᠵᠡᠷᠭᠡᠯᠡᠭᠰᠡᠨ ᠲᠣᠪᠴᠢ ᠪᠣᠯᠬᠤ ᠦᠭᠡᠢ',
  },
};

/** Every shared password-problem string in `lang`. */
export function passwordProblemLabelsOf(lang: keyof Label): Record<`passwordProblem.${SharedCode}`, string> {
  return Object.fromEntries(
    Object.entries(PASSWORD_PROBLEM_LABELS).map(([code, label]) => [`passwordProblem.${code}`, label[lang]]),
  ) as Record<`passwordProblem.${SharedCode}`, string>;
}
