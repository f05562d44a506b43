import { open, stat } from 'node:fs/promises';
import { type TrainerInput, TunekitError } from '@tunekit/core';
import { checkFile, MAX_FILE_BYTES, MIN_EXAMPLES } from '@tunekit/format';

const NEWLINE = 0x0a;
const CHUNK_BYTES = 1 << 20;

/** Space, tab, CR, LF: a line of only these is blank, and the service skips it. */
function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === NEWLINE;
}

/** Examples (lines that are not blank) and bytes of a JSONL file, as the service counts them. */
export async function countExamples(path: string): Promise<{ examples: number; bytes: number }> {
  const handle = await open(path, 'r');
  let examples = 0;
  let bytes = 0;
  let filled = false;
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      bytes += bytesRead;
      for (let i = 0; i < bytesRead; i++) {
        const byte = buffer[i]!;
        if (byte === NEWLINE) {
          if (filled) examples++;
          filled = false;
        } else if (!filled && !isBlank(byte)) filled = true;
      }
    }
  } finally {
    await handle.close();
  }
  return { examples: filled ? examples + 1 : examples, bytes };
}

/**
 * Refuses, before anything is uploaded, files the service would reject for their example count or size: the dataset
 * phase validated lines as they streamed, but dedupe, token-budget and split run after it and can leave a training
 * file under the minimum (the service would fail the job only after the upload).
 */
export async function assertUploadable(input: Pick<TrainerInput, 'trainFile' | 'validationFile'>): Promise<void> {
  const files = [{ path: input.trainFile, training: true }];
  if (input.validationFile) files.push({ path: input.validationFile, training: false });
  for (const { path, training } of files) {
    const { size } = await stat(path);
    // Over the size limit the count does not matter, and counting would read the whole file.
    const counted = size > MAX_FILE_BYTES ? { examples: MIN_EXAMPLES, bytes: size } : await countExamples(path);
    // The minimum applies to the training file only.
    const problem = checkFile(counted).find((p) => training || p.code !== 'too_few_examples');
    if (!problem) continue;
    throw new TunekitError('INPUT_INVALID', `${problem.message}; nothing was uploaded`, {
      context: {
        file: path,
        field: problem.code,
        hint:
          problem.code === 'too_few_examples'
            ? "add data, or keep more of it: the run's manifest shows how many lines dedupe, token-budget and split removed"
            : 'keep less data: token-budget max_total_tokens or max_cost_usd selects a subset deterministically',
      },
    });
  }
}
