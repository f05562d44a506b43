import { isIPv6 } from 'node:net';

/** One kind of personal data: a candidate pattern, an optional verification, and its placeholder. */
export interface PiiDetector {
  kind: PiiKind;
  pattern: RegExp;
  verify?: (match: string) => boolean;
}

export const PII_KINDS = ['email', 'cn_id', 'card', 'ssn', 'phone', 'ip'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Whether `yyyymmdd` is a date from 1900 on (a resident ID's birth date). */
function isBirthDate(yyyymmdd: string): boolean {
  const [year, month, day] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * An 18-character resident ID (GB 11643): a region code (first digit 1–9), a birth date, and the check digit. The
 * date rules out numbers that only pass the checksum (one in eleven do), such as credit codes and order numbers.
 */
export function isValidCnId(id: string): boolean {
  if (id[0] === '0' || !isBirthDate(id.slice(6, 14))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (CN_ID_WEIGHTS[i] as number);
  return '10X98765432'[sum % 11] === id[17]?.toUpperCase();
}

/** Luhn check of a card number (spaces and dashes ignored), 13–19 digits. */
export function passesLuhn(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** In order: earlier kinds win (an 18-digit resident ID is not also read as a card or a phone number). */
export const PII_DETECTORS: PiiDetector[] = [
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  { kind: 'cn_id', pattern: /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, verify: isValidCnId },
  { kind: 'card', pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g, verify: passesLuhn },
  { kind: 'ssn', pattern: /(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])/g },
  {
    kind: 'phone',
    // Chinese mobiles (optionally +86), international numbers written with a leading +, (555) 123-4567, North
    // American 555-123-4567 (area code and exchange start with 2-9), Chinese landlines 010-12345678 / 0755-8888888.
    pattern:
      /(?<![\d+])(?:(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}|\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}|\(\d{3}\) ?\d{3}-\d{4}|(?<!-)(?:1-)?[2-9]\d{2}([.-])[2-9]\d{2}\1\d{4}|(?<!-)0\d{2,3}-[2-9]\d{6,7})(?![\d-])/g,
  },
  {
    kind: 'ip',
    pattern:
      /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])|(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g,
    verify: (match) => !match.includes(':') || isIPv6(match),
  },
];
