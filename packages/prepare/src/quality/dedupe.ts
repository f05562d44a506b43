import { type DataRecord, defineStep, type StepContext } from '@tunekit/core';
import { z } from 'zod';
import { orderedBatches } from '../workers/ordered-batches.js';
import { stepPool } from '../workers/step-pool.js';
import { AnswerConflicts } from './answer-conflicts.js';
import { NearIndex } from './minhash/near-index.js';
import { signatureTask } from './minhash/signature-task.js';
import { exampleItem, markedExampleParts } from './text/example-text.js';

const nearOptions = z
  .object({
    threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.8)
      .describe('Jaccard similarity at or above which two examples are near duplicates.'),
    bands: z.number().int().min(1).max(64).default(16).describe('LSH bands.'),
    rows: z
      .number()
      .int()
      .min(1)
      .max(32)
      .default(8)
      .describe('MinHash rows per band (bands × rows permutations, an even number).'),
    shingle: z
      .number()
      .int()
      .min(1)
      .max(32)
      .default(5)
      .describe('Shingle size: words, or characters for Chinese, Japanese and Korean text.'),
  })
  .strict()
  .refine((near) => (near.bands * near.rows) % 2 === 0, { message: 'bands × rows must be even' });

export const dedupeOptions = z
  .object({
    key: z
      .enum(['example', 'prompt'])
      .default('example')
      .describe(
        'Compare the whole example, or only the prompt (every message but the assistant answers). A chat line’s tools count in both: the same conversation with other tools is kept.',
      ),
    exact: z.boolean().default(true).describe('Drop examples whose normalised text equals an earlier one.'),
    near: nearOptions
      .optional()
      .describe('Also drop near duplicates (MinHash with LSH, verified against the threshold).'),
    normalize_numbers: z
      .boolean()
      .default(false)
      .describe('Treat all numbers as equal when comparing (merges templated texts, but also "§ 1983" with "§ 1981").'),
    normalize_punctuation: z
      .boolean()
      .default(true)
      .describe(
        'Ignore punctuation and symbols when comparing (false keeps them: "C" vs "C++", "x > 1" vs "x > -1" stay apart).',
      ),
    check_conflicts: z
      .boolean()
      .default(true)
      .describe(
        'Warn about lines that ask the prompt of an earlier line with another answer (with key: example and exact on); counted in the manifest as conflicting_answers.',
      ),
    batch_size: z.number().int().min(1).max(65536).default(256).describe('Records per worker batch.'),
  })
  .strict();

export type DedupeOptions = z.output<typeof dedupeOptions>;

/** Keeps the first-seen record of every exact or near-duplicate set; the others are discarded as `duplicate`. */
async function* dedupeRecords(
  options: DedupeOptions,
  input: AsyncIterable<DataRecord[]>,
  ctx: StepContext,
): AsyncGenerator<DataRecord[]> {
  const near = options.near ?? { threshold: 0.8, bands: 16, rows: 8, shingle: 5 };
  const perms = near.bands * near.rows;
  const task = signatureTask({
    near: options.near !== undefined,
    ...near,
    numbers: options.normalize_numbers,
    punctuation: options.normalize_punctuation,
  });
  const { pool, release } = stepPool(ctx);
  const exactIndex = new Map<string, number>();
  const nearIndex = new NearIndex(near.bands, perms);
  const keptIds: string[] = [];
  const nearToKept: number[] = [];
  const conflicts =
    options.check_conflicts && options.exact && options.key === 'example' ? new AnswerConflicts() : undefined;
  try {
    const batches = orderedBatches(input, pool, task, {
      batchSize: options.batch_size,
      toTask: conflicts
        ? (record: DataRecord) => markedExampleParts(record.data)
        : (record: DataRecord) => exampleItem(record.data, options.key),
    });
    for await (const [records, batch] of batches) {
      const kept: DataRecord[] = [];
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        const exactHash = batch.exact[i]!;
        const exactKept = options.exact && exactHash ? exactIndex.get(exactHash) : undefined;
        if (exactKept !== undefined) {
          ctx.count('exact_duplicates');
          ctx.discard(record, 'duplicate', { keptId: keptIds[exactKept]!, similarity: 1, kind: 'exact' });
          continue;
        }
        const shingled = options.near !== undefined && batch.shingled[i] === 1;
        const match = shingled
          ? nearIndex.query(batch.bandKeys, i * near.bands, batch.signatures, (i * perms) / 2, near.threshold)
          : undefined;
        if (match) {
          ctx.count('near_duplicates');
          const similarity = Math.round(match.similarity * 1000) / 1000;
          ctx.discard(record, 'duplicate', { keptId: keptIds[nearToKept[match.index]!]!, similarity, kind: 'near' });
          continue;
        }
        const index = keptIds.length;
        keptIds.push(record.id);
        conflicts?.note(batch.prompts[i]!, batch.answers[i]!, record.id, ctx);
        if (options.exact && exactHash) exactIndex.set(exactHash, index);
        if (shingled) {
          nearIndex.add(batch.bandKeys, i * near.bands, batch.signatures, (i * perms) / 2);
          nearToKept.push(index);
        }
        kept.push(record);
      }
      yield kept;
    }
    conflicts?.finish(ctx);
    if (options.near !== undefined) ctx.report('near_index', { records: nearIndex.count, bytes: nearIndex.bytes });
  } finally {
    await release();
  }
}

export const dedupe = defineStep({
  id: 'dedupe',
  role: 'transform',
  description:
    'Drops exact and near-duplicate examples (MinHash + LSH), keeping the first seen; duplicates name the kept id.',
  options: dedupeOptions,
  create: (options) => ({ specVersion: 'v1', runBatches: (input, ctx) => dedupeRecords(options, input, ctx) }),
});
