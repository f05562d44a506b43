/** Special-token strings the service refuses in training text ("message contains an invalid token: <|fim_suffix|>"). */
export const SPECIAL_TOKEN_STRINGS = [
  '<|endoftext|>',
  '<|fim_prefix|>',
  '<|fim_middle|>',
  '<|fim_suffix|>',
  '<|endofprompt|>',
  '<|im_start|>',
  '<|im_end|>',
  '<|im_sep|>',
] as const;

const SPECIAL_TOKEN = /<\|(?:endoftext|fim_prefix|fim_middle|fim_suffix|endofprompt|im_start|im_end|im_sep)\|>/;

/** The first special-token string in `text`, if any. */
export function findSpecialToken(text: string): string | undefined {
  if (!text.includes('<|')) return undefined;
  return SPECIAL_TOKEN.exec(text)?.[0];
}

/**
 * Whether `text` holds half of a surrogate pair (`"\ud83c"` in JSON: an emoji cut in two by a tool that counts
 * UTF-16 units), which no UTF-8 text can carry.
 */
export function hasUnpairedSurrogate(text: string): boolean {
  return !(text as string & { isWellFormed(): boolean }).isWellFormed();
}
