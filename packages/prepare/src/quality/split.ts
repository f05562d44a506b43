import { type DataRecord, defineStep, type StepContext } from '@tunekit/core';
import { z } from 'zod';
import { orderedBatches } from '../workers/ordered-batches.js';
import { stepPool } from '../workers/step-pool.js';
import { type SignatureInit, signatureTask } from './minhash/signature-task.js';
import { chooseValidationGroups, type GroupTally } from './split/assign-groups.js';
import { loadContaminationIndex } from './split/contamination-index.js';
import { SideTally } from './split/empty-side.js';
import { BUCKETS, groupHash } from './split/group-hash.js';
import { recordField } from './split/record-field.js';
import { exampleParts } from './text/example-text.js';

export const splitOptions = z
  .object({
    validation: z
      .number()
      .min(0)
      .default(0.1)
      .describe('Share of examples for validation: a fraction below 1 (0.1), or a number of examples (200).'),
    by: z
      .enum(['group', 'id'])
      .default('group')
      .describe('What is kept on one side: the record group (falling back to the id), or each record on its own.'),
    seed: z.number().int().default(0).describe('Seed of the group hash; another seed gives another split.'),
    stratify: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Field whose values get the same validation share each (`meta.label`, `data.category`, or a bare name).',
      ),
    contamination: z
      .object({
        against: z.string().min(1).describe('Evaluation file (JSONL or JSON array), relative to the pipeline file.'),
        near_threshold: z
          .number()
          .min(0)
          .max(1)
          .default(0.8)
          .describe('MinHash Jaccard similarity that counts as contamination.'),
        shingle: z.number().int().min(1).max(32).default(5).describe('Shingle size (words; characters for Chinese).'),
      })
      .strict()
      .optional()
      .describe(
        'Moves training examples whose prompt equals or nearly equals an evaluation item to rejects (`contaminated`).',
      ),
    batch_size: z
      .number()
      .int()
      .min(1)
      .max(65536)
      .default(256)
      .describe('Records per worker batch (contamination check).'),
  })
  .strict()
  .refine((o) => o.validation < 1 || Number.isInteger(o.validation), {
    message: 'validation must be a fraction below 1 or a whole number of examples',
    path: ['validation'],
  });

export type SplitOptions = z.output<typeof splitOptions>;
type Side = 'train' | 'validation';

const groupKey = (record: DataRecord, options: SplitOptions) =>
  options.by === 'group' ? (record.group ?? record.id) : record.id;
const withSide = (record: DataRecord, split: Side): DataRecord => ({ ...record, meta: { ...record.meta, split } });

/** Fraction without strata: each group's side follows from its hash alone, so records stream through. */
async function* assignByBucket(
  options: SplitOptions,
  input: AsyncIterable<DataRecord[]>,
): AsyncGenerator<DataRecord[]> {
  const cut = options.validation * BUCKETS;
  // Records of a group usually come together: the last group's side is remembered.
  let lastKey: string | undefined;
  let lastSide: Side = 'train';
  for await (const records of input) {
    for (let i = 0; i < records.length; i++) {
      const key = groupKey(records[i]!, options);
      if (key !== lastKey) {
        lastKey = key;
        lastSide = groupHash(options.seed, key) % BUCKETS < cut ? 'validation' : 'train';
      }
      records[i] = withSide(records[i]!, lastSide);
    }
    yield records;
  }
}

/** Records held to the end go out in arrays of this many. */
const HELD_BATCH = 256;

/** A count or strata need every group's size first: records are held until the end of the input. */
async function* assignByTally(
  options: SplitOptions,
  input: AsyncIterable<DataRecord[]>,
  ctx: StepContext,
): AsyncGenerator<DataRecord[]> {
  const held: DataRecord[] = [];
  const groups = new Map<string, GroupTally & { labels: Map<string, number> }>();
  for await (const record of flat(input)) {
    held.push(record);
    const key = groupKey(record, options);
    let group = groups.get(key);
    if (!group) {
      group = { key, hash: groupHash(options.seed, key), size: 0, stratum: '', labels: new Map() };
      groups.set(key, group);
    }
    group.size++;
    if (options.stratify) {
      const label = recordField(record, options.stratify);
      group.labels.set(label, (group.labels.get(label) ?? 0) + 1);
    }
  }
  for (const group of groups.values()) {
    let best = -1;
    for (const [label, count] of group.labels) {
      if (count > best) [group.stratum, best] = [label, count];
    }
  }
  warnAboutTally(options, held.length, groups.values(), ctx);
  const chosen = chooseValidationGroups([...groups.values()], options.validation);
  for (let start = 0; start < held.length; start += HELD_BATCH) {
    const records = held.slice(start, start + HELD_BATCH);
    yield records.map((record) => withSide(record, chosen.has(groupKey(record, options)) ? 'validation' : 'train'));
  }
}

/** What a user asked for that the data cannot give: said once, the split still runs. */
function warnAboutTally(
  options: SplitOptions,
  records: number,
  groups: Iterable<{ labels: Map<string, number> }>,
  ctx: StepContext,
): void {
  if (options.validation >= 1 && records > 0 && options.validation >= records) {
    ctx.logger.warn(
      `${ctx.step}: validation: ${options.validation} asks for at least as many examples as there are (${records}): every one goes to validation, none to train`,
    );
  }
  if (
    options.stratify &&
    records > 0 &&
    [...groups].every((group) => group.labels.size === 1 && group.labels.has(''))
  ) {
    ctx.logger.warn(`${ctx.step}: stratify: no record has the field \`${options.stratify}\`, so there are no strata`);
    ctx.report('stratify_field_absent', true);
  }
}

async function* flat(input: AsyncIterable<DataRecord[]>): AsyncGenerator<DataRecord> {
  for await (const records of input) yield* records;
}

async function* dropContaminated(
  options: SplitOptions,
  contamination: NonNullable<SplitOptions['contamination']>,
  input: AsyncIterable<DataRecord[]>,
  ctx: StepContext,
): AsyncGenerator<DataRecord[]> {
  const init: SignatureInit = { near: true, bands: 16, rows: 8, shingle: contamination.shingle, numbers: false };
  const index = await loadContaminationIndex(contamination.against, ctx.baseDir, init, contamination.near_threshold);
  ctx.report('contamination', { against: contamination.against, evalItems: index.items });
  const { pool, release } = stepPool(ctx);
  try {
    const batches = orderedBatches(input, pool, signatureTask(init), {
      batchSize: options.batch_size,
      toTask: (r: DataRecord) => exampleParts(r.data, 'user'),
    });
    for await (const [records, batch] of batches) {
      const clean: DataRecord[] = [];
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        const hit = record.meta.split === 'train' ? index.match(batch, i) : undefined;
        if (!hit) {
          clean.push(record);
          continue;
        }
        ctx.count('contaminated');
        ctx.reject(record, 'contaminated', {
          message: `training example matches evaluation item ${hit.evalId} (${hit.kind}, similarity ${hit.similarity})`,
          line: record.source.line,
          ...hit,
        });
      }
      yield clean;
    }
  } finally {
    await release();
  }
}

async function* splitRecords(
  options: SplitOptions,
  input: AsyncIterable<DataRecord[]>,
  ctx: StepContext,
): AsyncGenerator<DataRecord[]> {
  const held = options.validation >= 1 || options.stratify !== undefined;
  let sided = held ? assignByTally(options, input, ctx) : assignByBucket(options, input);
  if (options.contamination) sided = dropContaminated(options, options.contamination, sided, ctx);
  const sides = new SideTally();
  for await (const records of sided) {
    for (const record of records) {
      ctx.count(record.meta.split as Side);
      sides.add(groupKey(record, options), record.meta.split as Side);
    }
    yield records;
  }
  const askedForAll = options.validation >= 1 && options.validation >= sides.train + sides.validation;
  const why = askedForAll ? undefined : sides.explain(options.validation, options.by);
  if (why) {
    ctx.logger.warn(`${ctx.step}: ${why}`);
    ctx.report('empty_side', sides.validation === 0 ? 'validation' : 'train');
  }
}

export const split = defineStep({
  id: 'split',
  role: 'transform',
  description:
    'Sets meta.split to train or validation by a seeded hash of the group, so no group is on both sides; optional strata and contamination check.',
  options: splitOptions,
  create: (options) => ({ specVersion: 'v1', runBatches: (input, ctx) => splitRecords(options, input, ctx) }),
});
