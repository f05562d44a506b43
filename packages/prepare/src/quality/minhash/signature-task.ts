import { hash } from 'node:crypto';
import type { BatchTaskSpec } from '../../workers/task-spec.js';
import type { ContextParts, MarkedParts } from '../text/example-text.js';
import { hashString32 } from '../text/hash32.js';
import { normalizeText } from '../text/normalize.js';
import { answerKey, promptKey } from '../text/prompt-key.js';
import { shingleHashes } from './shingles.js';
import { bandHashes, minHashSignature, packSignature4, permutationParameters } from './signature.js';
import { createSimdSignature } from './simd-signature.js';

export interface SignatureInit {
  /** Compute MinHash (near) or only the exact hash. */
  near: boolean;
  bands: number;
  rows: number;
  shingle: number;
  numbers: boolean;
  /** False keeps punctuation and symbols in the compared text (`normalize_punctuation: false`). */
  punctuation?: boolean;
}

/** Per batch: exact hashes of the normalised texts; for near, LSH band keys and 4-bit signatures (flat arrays). */
export interface SignatureBatch {
  /** '' when the normalised text is empty. */
  exact: string[];
  bandKeys: Uint32Array;
  signatures: Uint8Array;
  /** 1 when the text had at least one shingle (an empty text has no signature and is never a near duplicate). */
  shingled: Uint8Array;
  /** `promptKey` of each line given as `MarkedParts`; -1 for the others. */
  prompts: Float64Array;
  /** `answerKey` of each line given as `MarkedParts`; -1 for the others. */
  answers: Float64Array;
}

/**
 * A text, or its parts (`exampleParts`), normalised as if joined by line breaks; marked parts are also prompt-keyed.
 * A `context` (a chat line's tools) is part of the exact hash and of the LSH band keys: lines with other tools are
 * neither exact nor near duplicates of each other, and the tools' JSON, often the same long schema on every line,
 * does not count in the compared text.
 */
export type SignatureItem = string | string[] | MarkedParts | ContextParts;

export function createSignatureTask(init: SignatureInit): (texts: SignatureItem[]) => SignatureBatch {
  const perms = init.bands * init.rows;
  const params = permutationParameters(perms);
  const simd = init.near ? createSimdSignature(params) : undefined;
  const signature = new Uint32Array(perms);
  let scratch: Uint32Array = new Uint32Array(1024);
  return (texts) => {
    const n = texts.length;
    const batch: SignatureBatch = {
      exact: new Array<string>(n),
      bandKeys: new Uint32Array(init.near ? n * init.bands : 0),
      signatures: new Uint8Array(init.near ? (n * perms) / 2 : 0),
      shingled: new Uint8Array(n),
      prompts: new Float64Array(n).fill(-1),
      answers: new Float64Array(n).fill(-1),
    };
    for (let i = 0; i < n; i++) {
      let item = texts[i]!;
      let context: string | undefined;
      if (typeof item === 'object' && !Array.isArray(item)) {
        context = item.context;
        if ('answers' in item) {
          batch.prompts[i] = promptKey(item.parts, item.answers, item.others, item.context);
          batch.answers[i] = answerKey(item.parts, item.answers);
        }
        item = item.parts;
      }
      const normalized = normalizeText(item, { numbers: init.numbers, punctuation: init.punctuation });
      // An empty text is comparable to nothing: two lines without text are not duplicates of each other.
      const keyed = context === undefined ? normalized : `${normalized}\u0000${context}`;
      batch.exact[i] = normalized ? hash('sha256', keyed, 'base64url').slice(0, 22) : '';
      if (!init.near || !normalized) continue;
      const shingles = shingleHashes(normalized, init.shingle, scratch);
      scratch = shingles.hashes;
      if (shingles.count === 0) continue;
      batch.shingled[i] = 1;
      if (simd) simd.signature(shingles.hashes, shingles.count, signature);
      else minHashSignature(shingles.hashes, shingles.count, params, signature);
      bandHashes(signature, init, batch.bandKeys, i * init.bands);
      if (context !== undefined) {
        // Other tools, other band keys: such lines never meet as LSH candidates (a chance collision of a 32-bit key
        // is as likely as between any two unrelated lines, and still has to pass the similarity check).
        const salt = hashString32(context);
        for (let band = 0; band < init.bands; band++) batch.bandKeys[i * init.bands + band]! ^= salt;
      }
      packSignature4(signature, batch.signatures, (i * perms) / 2);
    }
    return batch;
  };
}

export function signatureTask(init: SignatureInit): BatchTaskSpec<SignatureItem, SignatureBatch> {
  return { module: import.meta.url, exportName: 'createSignatureTask', init, inline: createSignatureTask };
}
