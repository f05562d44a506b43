import { defineStep } from '@tunekit/core';
import { z } from 'zod';
import { mapStrings } from './map-strings.js';
import { PII_DETECTORS, PII_KINDS, type PiiKind } from './pii-detectors.js';

const options = z
  .object({
    kinds: z
      .array(z.enum(PII_KINDS))
      .min(1)
      .default([...PII_KINDS])
      .describe('Kinds of personal data to replace'),
    placeholder: z
      .string()
      .default('[{KIND}]')
      .describe('Replacement; {KIND} becomes EMAIL, PHONE, CN_ID, SSN, CARD, IP'),
  })
  .strict();

/** Replaces personal data in a text with typed placeholders; `found` is called once per replacement. */
export function redactor(
  kinds: PiiKind[],
  placeholder: string,
  found: (kind: PiiKind) => void,
): (text: string) => string {
  const detectors = PII_DETECTORS.filter((d) => kinds.includes(d.kind));
  return (input) => {
    let text = input;
    for (const detector of detectors) {
      text = text.replace(detector.pattern, (match) => {
        if (detector.verify && !detector.verify(match)) return match;
        found(detector.kind);
        return placeholder.replace('{KIND}', detector.kind.toUpperCase());
      });
    }
    return text;
  };
}

export const redactPiiStep = defineStep({
  id: 'redact-pii',
  role: 'transform',
  description:
    'Replaces e-mails, phone numbers, resident IDs, SSNs, card numbers and IP addresses with typed placeholders.',
  options,
  create: (opts) => ({
    specVersion: 'v1',
    map(record, ctx) {
      const redact = redactor(opts.kinds, opts.placeholder, (kind) => ctx.count(kind));
      return { ...record, data: mapStrings(record.data, redact) };
    },
  }),
});
