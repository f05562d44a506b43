import { TunekitError } from '@tunekit/core/errors';

/** Encodings that tunekit can count with. The catalog uses cl100k_base and o200k_base. */
export const ENCODING_NAMES = ['cl100k_base', 'o200k_base', 'p50k_base', 'r50k_base'] as const;
export type EncodingName = (typeof ENCODING_NAMES)[number];

export function isEncodingName(value: unknown): value is EncodingName {
  return typeof value === 'string' && (ENCODING_NAMES as readonly string[]).includes(value);
}

export function assertEncodingName(value: string): EncodingName {
  if (isEncodingName(value)) return value;
  throw new TunekitError('CONFIG_INVALID', `unknown tokenizer encoding "${value}"`, {
    context: { field: 'encoding', hint: `use one of ${ENCODING_NAMES.join(', ')}` },
  });
}
