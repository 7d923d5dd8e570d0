/** Recognising and masking personal data in what people are shown (SPEC §2). */

/** 13812345678 → 138****5678; shorter numbers keep only their last 2 digits. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
}

/** 身份证号 150626198001011234 → 1506**********1234 (region prefix and last 4 kept). */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

/** Mainland phone numbers: 11 digits starting 1, or a landline with area code. */
export function isPhoneNumber(value: string): boolean {
  return /^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(value);
}

/** A resident identity card number: 17 digits and a check digit or X (GB 11643). */
export function isIdNumber(value: string): boolean {
  return /^\d{17}[\dXx]$/.test(value);
}
