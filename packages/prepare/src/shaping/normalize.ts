import { defineStep } from '@tunekit/core';
import { z } from 'zod';
import { mapStrings } from './map-strings.js';

const options = z
  .object({
    whitespace: z
      .boolean()
      .default(true)
      .describe('Unify line ends, trim lines, collapse runs of spaces and blank lines'),
    control: z
      .boolean()
      .default(true)
      .describe('Remove control characters (keeps newline and tab) and zero-width marks'),
    nfkc: z.boolean().default(false).describe('Unicode NFKC normalization (also folds full-width forms)'),
    fullwidth: z.boolean().default(false).describe('Full-width ASCII forms and the ideographic space → half-width'),
  })
  .strict();

type NormalizeOptions = z.output<typeof options>;

// C0 except \t and \n, DEL, C1, zero-width spaces/joiners, BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is this step's job
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g;
const FULLWIDTH = /[\uff01-\uff5e\u3000]/g;

/** Builds the text normalizer for the options; order: control → fullwidth → NFKC → whitespace. */
export function normalizer(opts: NormalizeOptions): (text: string) => string {
  return (input) => {
    let text = opts.whitespace ? input.replace(/\r\n?/g, '\n') : input;
    if (opts.control) text = text.replace(CONTROL, '');
    if (opts.fullwidth) {
      text = text.replace(FULLWIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
    }
    if (opts.nfkc) text = text.normalize('NFKC');
    if (opts.whitespace) {
      text = text
        .replace(/[ \t\u00a0]+/g, ' ')
        .replace(/ *\n */g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
    }
    return text;
  };
}

export const normalizeStep = defineStep({
  id: 'normalize',
  role: 'transform',
  description: 'Normalizes every text field: whitespace, control characters, and optionally NFKC and full-width forms.',
  options,
  create: (opts) => {
    const normalize = normalizer(opts);
    return {
      specVersion: 'v1',
      map(record, ctx) {
        let changed = false;
        const data = mapStrings(record.data, (text) => {
          const out = normalize(text);
          if (out !== text) changed = true;
          return out;
        });
        if (changed) ctx.count('changed');
        return { ...record, data };
      },
    };
  },
});
