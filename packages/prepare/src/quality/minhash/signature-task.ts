import { hash } from 'node:crypto';
import type { BatchTaskSpec } from '../../workers/task-spec.js';
import type { MarkedParts } from '../text/example-text.js';
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

/** A text, or its parts (`exampleParts`), normalised as if joined by line breaks; marked parts are also prompt-keyed. */
export type SignatureItem = string | string[] | MarkedParts;

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
      if (typeof item === 'object' && !Array.isArray(item)) {
        batch.prompts[i] = promptKey(item.parts, item.answers, item.others, item.context);
        batch.answers[i] = answerKey(item.parts, item.answers);
        item = item.parts;
      }
      const normalized = normalizeText(item, { numbers: init.numbers, punctuation: init.punctuation });
      // An empty text is comparable to nothing: two lines without text are not duplicates of each other.
      batch.exact[i] = normalized ? hash('sha256', normalized, 'base64url').slice(0, 22) : '';
      if (!init.near || !normalized) continue;
      const shingles = shingleHashes(normalized, init.shingle, scratch);
      scratch = shingles.hashes;
      if (shingles.count === 0) continue;
      batch.shingled[i] = 1;
      if (simd) simd.signature(shingles.hashes, shingles.count, signature);
      else minHashSignature(shingles.hashes, shingles.count, params, signature);
      bandHashes(signature, init, batch.bandKeys, i * init.bands);
      packSignature4(signature, batch.signatures, (i * perms) / 2);
    }
    return batch;
  };
}

export function signatureTask(init: SignatureInit): BatchTaskSpec<SignatureItem, SignatureBatch> {
  return { module: import.meta.url, exportName: 'createSignatureTask', init, inline: createSignatureTask };
}
