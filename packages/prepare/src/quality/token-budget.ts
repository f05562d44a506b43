import { type DataRecord, defineStep, type ModelContext, type StepContext, TunekitError } from '@tunekit/core';
import { costUsd, distribution, TARGET_EPOCHS, TrainingEstimator, trainingCostUsd } from '@tunekit/format';
import { z } from 'zod';
import { orderedBatches } from '../workers/ordered-batches.js';
import { stepPool } from '../workers/step-pool.js';
import { tokenCountItem, tokenCountTask } from './budget/token-count-task.js';
import { truncateExample } from './budget/truncate.js';
import { Uint32List } from './budget/uint32-list.js';

/** The notebook's distribution (format's), or nothing for an empty dataset. */
const describe = (values: Uint32Array) => (values.length === 0 ? undefined : distribution(values));

export const tokenBudgetOptions = z
  .object({
    max_example_tokens: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("Per-example token limit; default: the target model's training limit."),
    on_exceed: z
      .enum(['drop', 'truncate', 'error'])
      .default('drop')
      .describe(
        'An example over the limit is rejected (`too_long`), shortened (non-assistant text first), or fails the run.',
      ),
    max_total_tokens: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Dataset limit: tokens per epoch; later examples that do not fit are left out.'),
    max_cost_usd: z
      .number()
      .positive()
      .optional()
      .describe("Dataset limit: training cost at the model's price; later examples that do not fit are left out."),
    n_epochs: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .describe('Epochs for the cost estimate; default: what the service picks for the number of examples.'),
    batch_size: z.number().int().min(1).max(65536).default(256).describe('Records per worker batch.'),
  })
  .strict();

export type TokenBudgetOptions = z.output<typeof tokenBudgetOptions>;

/** Tokens per epoch the dataset limits allow (epochs for a cost limit: `n_epochs`, else the notebook's target of 3). */
function budgetTokens(options: TokenBudgetOptions, model: ModelContext): number {
  let budget = options.max_total_tokens ?? Number.POSITIVE_INFINITY;
  if (options.max_cost_usd !== undefined) {
    const price = model.prices.training;
    if (price === undefined) {
      throw new TunekitError(
        'OPTION_INVALID',
        `max_cost_usd needs a training price for ${model.id}; add one under prices:`,
        { context: { field: 'max_cost_usd' } },
      );
    }
    budget = Math.min(budget, Math.floor(options.max_cost_usd / costUsd(options.n_epochs ?? TARGET_EPOCHS, price)));
  }
  return budget;
}

async function* budgetRecords(
  options: TokenBudgetOptions,
  input: AsyncIterable<DataRecord[]>,
  ctx: StepContext,
): AsyncGenerator<DataRecord[]> {
  const model = await ctx.model();
  const limit = options.max_example_tokens ?? model.exampleTokenLimit;
  const budget = budgetTokens(options, model);
  const estimator = new TrainingEstimator(limit);
  const totals = new Uint32List();
  const assistants = new Uint32List();
  const messages = new Uint32List();
  const stats = { tooLong: 0, truncated: 0, leftOut: 0, leftOutTokens: 0, used: 0 };
  const { pool, release } = stepPool(ctx);
  try {
    for await (const [records, batch] of orderedBatches(input, pool, tokenCountTask(model.encoding), {
      batchSize: options.batch_size,
      toTask: (r: DataRecord) => tokenCountItem(r.data),
    })) {
      const kept: DataRecord[] = [];
      for (let i = 0; i < records.length; i++) {
        let record = records[i]!;
        let count = { total: batch.total[i]!, assistant: batch.assistant[i]!, messages: batch.messages[i]! };
        if (count.total > limit) {
          stats.tooLong++;
          const where = {
            file: record.source.file,
            line: record.source.line,
            step: ctx.step,
            field: 'max_example_tokens',
          };
          const message = `example has ${count.total} tokens, over the limit of ${limit}`;
          if (options.on_exceed === 'error') throw new TunekitError('INPUT_INVALID', message, { context: where });
          const shortened =
            options.on_exceed === 'truncate' ? truncateExample(record.data, limit, model.countExample) : undefined;
          if (!shortened) {
            const why =
              options.on_exceed === 'truncate'
                ? '; it fits only by cutting an assistant message, which is never done'
                : '';
            ctx.reject(record, 'too_long', {
              message: message + why,
              line: record.source.line,
              tokens: count.total,
              limit,
            });
            continue;
          }
          stats.truncated++;
          ctx.count('truncated');
          const truncated = { tokensBefore: count.total, tokensAfter: shortened.tokens, cuts: shortened.cuts };
          record = { ...record, data: shortened.data, meta: { ...record.meta, truncated } };
          count = model.countExample(shortened.data);
        }
        if (stats.used + count.total > budget) {
          stats.leftOut++;
          stats.leftOutTokens += count.total;
          ctx.discard(record, 'over_budget', { tokens: count.total, budget });
          continue;
        }
        stats.used += count.total;
        estimator.add(count.total);
        totals.push(count.total);
        assistants.push(count.assistant);
        messages.push(count.messages);
        kept.push(record);
      }
      yield kept;
    }
  } finally {
    await release();
  }
  const estimate = estimator.result(options.n_epochs);
  ctx.report('tokens', {
    examples: estimate.examples,
    total: stats.used,
    example_token_limit: limit,
    too_long: stats.tooLong,
    truncated: stats.truncated,
    left_out: { examples: stats.leftOut, tokens: stats.leftOutTokens, budget: Number.isFinite(budget) ? budget : null },
    distribution: {
      tokens: describe(totals.view()),
      assistant_tokens: describe(assistants.view()),
      messages: describe(messages.view()),
    },
  });
  const cost = trainingCostUsd(estimate, model.prices);
  ctx.report('estimate', {
    model: model.id,
    ...estimate,
    costUsd: cost === undefined ? null : Math.round(cost * 1e6) / 1e6,
    pricePerMillion: model.prices.training ?? null,
    priceAsOf: model.prices.asOf ?? null,
    priceSource: model.prices.source ?? null,
  });
}

export const tokenBudget = defineStep({
  id: 'token-budget',
  role: 'transform',
  description:
    'Enforces the per-example token limit (drop, truncate or error) and a dataset budget; reports token statistics and the training cost estimate.',
  options: tokenBudgetOptions,
  create: (options) => ({ specVersion: 'v1', runBatches: (input, ctx) => budgetRecords(options, input, ctx) }),
});
