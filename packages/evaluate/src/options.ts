import { didYouMean, TunekitError } from '@tunekit/core';
import { z } from 'zod';
import { recordKeyName } from './record-key-name.js';
import { type ParsedScorerSpec, scorerName, scorerSpecSchema } from './scorers/spec.js';

const fieldsSchema = z
  .strictObject({
    input: z
      .string()
      .describe('Column holding the user message, or a template over columns such as "{{question}}\\n{{text}}".'),
    reference: z.string().describe('Column (or template) holding the reference answer.'),
    system: z.string().optional().describe('Column (or template) holding a system message.'),
    id: z.string().optional().describe('Column holding a stable item id (default: the line number).'),
  })
  .describe('How the columns of a CSV/JSONL file map onto an item; without it, lines are chat examples.');

export const dataSchema = z
  .union([
    z
      .string()
      .min(1)
      .describe('"validation" or "train" (the dataset section’s splits), or a path to a chat JSONL file.'),
    z.strictObject({
      path: z.string().min(1).describe('CSV, TSV or JSONL file, relative to the pipeline file.'),
      fields: fieldsSchema.optional(),
    }),
  ])
  .describe('The evaluation items.');

const fewShotSchema = z
  .union([
    z.number().int().min(1).max(64),
    z.strictObject({
      k: z.number().int().min(1).max(64).describe('Number of examples.'),
      select: z
        .enum(['fixed', 'nearest'])
        .default('fixed')
        .describe('The same first k examples for every item, or the k most similar.'),
      from: z.string().optional().describe('File of chat examples (default: the train split).'),
    }),
  ])
  .describe('Few-shot examples from the train split, as user/assistant turns before the item.');

export const promptSchema = z
  .strictObject({
    system: z.string().optional().describe('System message that replaces the item’s own (empty string: none).'),
    few_shot: fewShotSchema.optional(),
    template: z
      .string()
      .optional()
      .describe(
        'Template of the last user message; {{input}} is the item’s message, {{field}} a column of a mapped file.',
      ),
  })
  .describe('Prompt variant of a candidate (absent: the item as is).');

export const paramsSchema = z
  .strictObject({
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().min(0).max(1).optional(),
    max_tokens: z.number().int().min(1).optional(),
    seed: z.number().int().optional(),
    stop: z.union([z.string(), z.array(z.string())]).optional(),
    presence_penalty: z.number().optional(),
    frequency_penalty: z.number().optional(),
    response_format: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('Request parameters sent with every call of this candidate.');

export const candidateSchema = z
  .strictObject({
    name: recordKeyName.describe('Name shown in the reports; unique.'),
    model: z.string().min(1).optional().describe('Model id (e.g. gpt-4o, or "${{ train.model }}").'),
    provider: z.string().optional().describe('Name of an entry of the pipeline’s providers: map.'),
    prompt: promptSchema.optional(),
    params: paramsSchema.optional(),
    outputs: z
      .string()
      .optional()
      .describe('JSONL file of outputs computed elsewhere: {"id": ..., "output": ...} per line; no model is called.'),
  })
  .refine((c) => c.model !== undefined || c.outputs !== undefined, {
    message: 'a candidate needs `model` or `outputs`',
  })
  .describe('A model on a provider with a prompt variant, or a file of outputs.');

const gateSchema = z
  .strictObject({
    metric: z.string().describe('Scorer name the gate reads.'),
    candidate: z
      .string()
      .optional()
      .describe('Candidate held to the gate (default: every candidate but the baseline).'),
    non_inferiority_margin: z
      .number()
      .min(0)
      .optional()
      .describe('Pass when the lower 95% bound of (candidate − baseline) > −margin (6 paired items or more).'),
    min_improvement: z
      .number()
      .min(0, 'min_improvement must be 0 or more (to accept a loss, give non_inferiority_margin instead)')
      .optional()
      .describe(
        'Pass when the candidate is significantly better (p < 0.05 after the correction, 6 paired items or more) and the lower 95% bound of (candidate − baseline) > this.',
      ),
  })
  .refine((g) => (g.non_inferiority_margin === undefined) !== (g.min_improvement === undefined), {
    message: 'give exactly one of non_inferiority_margin or min_improvement',
  });

export const evaluateOptionsSchema = z
  .strictObject({
    data: dataSchema.default('validation'),
    limit: z.number().int().min(1).optional().describe('Evaluate the first N items only.'),
    candidates: z.array(candidateSchema).min(1).describe('Models (or output files) to compare.'),
    scorers: z
      .array(scorerSpecSchema)
      .min(1, 'list at least one scorer, e.g. [exact] (or leave `scorers` out for exact)')
      .default(['exact'])
      .describe('Scorers: names (exact, token-f1, rouge-l, ...) or objects ({ judge: { rubric } }).'),
    compare: z
      .strictObject({
        baseline: z.string().describe('Name of the baseline candidate.'),
        gate: gateSchema.optional(),
        correction: z
          .enum(['holm', 'none'])
          .default('holm')
          .describe(
            'Adjustment of p for the number of comparisons in the report (every candidate × scorer against its baseline): holm keeps the chance that any of them is wrongly called better or worse under 5%; none tests each at 0.05 on its own.',
          ),
      })
      .optional(),
    report: z
      .array(z.enum(['html', 'md', 'json', 'junit']))
      .default(['html', 'md', 'json', 'junit'])
      .describe('Reports to write.'),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .default(8)
      .describe('Requests in flight per provider (a provider’s own setting wins).'),
    max_retries: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(6)
      .describe('Retries per request on 429, 5xx, timeouts and dropped connections.'),
    timeout_ms: z.number().int().min(100).default(60_000).describe('Timeout of one request.'),
    batch: z.boolean().default(false).describe('Send model calls through the Batch API (half price, asynchronous).'),
    batch_poll_ms: z.number().int().min(10).default(30_000).describe('How often a pending batch is polled.'),
    batch_timeout_ms: z
      .number()
      .int()
      .min(100)
      .default(600_000)
      .describe(
        'Timeout of one Batch API request (uploading the requests, polling, downloading the answers) in batch mode, instead of timeout_ms and the providers’ timeout_ms; waiting for the batch itself has no timeout but its 24 h window.',
      ),
    judge: z
      .strictObject({
        provider: z.string().optional().describe('Provider of judge scorers (default: the first candidate’s).'),
        model: z.string().optional().describe('Judge model of judge scorers that name none.'),
      })
      .optional(),
  })
  .superRefine((o, ctx) => {
    const names = new Set<string>();
    for (const [i, c] of o.candidates.entries()) {
      if (names.has(c.name))
        ctx.addIssue({
          code: 'custom',
          path: ['candidates', i, 'name'],
          message: `duplicate candidate name "${c.name}"`,
        });
      names.add(c.name);
    }
    if (o.compare && !names.has(o.compare.baseline)) {
      ctx.addIssue({
        code: 'custom',
        path: ['compare', 'baseline'],
        message: `no candidate is named "${o.compare.baseline}"`,
      });
    }
    // A misspelt metric would only show after every paid call, as a gate with "no paired scores".
    const metric = o.compare?.gate?.metric;
    const scorers = o.scorers.map(scorerName);
    if (metric !== undefined && !scorers.includes(metric)) {
      ctx.addIssue({
        code: 'custom',
        path: ['compare', 'gate', 'metric'],
        message: `no scorer is named "${metric}"${didYouMean(metric, scorers)} (scorers: ${scorers.join(', ')})`,
      });
    }
    const own = ownPairwiseBaseline(o.scorers, metric);
    if (metric !== undefined && own !== undefined && own !== o.compare?.baseline) {
      ctx.addIssue({
        code: 'custom',
        path: ['compare', 'gate', 'metric'],
        message: `scorer "${metric}" judges against "${own}", not the baseline "${o.compare?.baseline}": the gate reads comparisons against compare.baseline (gate on another scorer, or drop the scorer's own baseline)`,
      });
    }
    const gated = o.compare?.gate?.candidate;
    if (gated !== undefined && !names.has(gated)) {
      ctx.addIssue({
        code: 'custom',
        path: ['compare', 'gate', 'candidate'],
        message: `no candidate is named "${gated}"`,
      });
    }
  })
  .describe('The evaluation: candidates, scorers, compare, report.');

/** The baseline a pairwise scorer names for itself, when `name` is one that does. */
function ownPairwiseBaseline(scorers: readonly ParsedScorerSpec[], name: string | undefined): string | undefined {
  const spec = scorers.find((s) => scorerName(s) === name);
  return typeof spec === 'object' && 'pairwise' in spec ? spec.pairwise.baseline : undefined;
}

export type EvaluateOptions = z.output<typeof evaluateOptionsSchema>;
export type CandidateOptions = EvaluateOptions['candidates'][number];
export type PromptOptions = z.output<typeof promptSchema>;

/** Parses the section again at run time (after `${{ ... }}` references were filled in); one line per problem. */
export function parseEvaluateOptions(raw: unknown): EvaluateOptions {
  const parsed = evaluateOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = ['evaluate', ...(issue?.path ?? [])].join('.');
  throw new TunekitError('OPTION_INVALID', `${field}: ${issue?.message ?? 'invalid'}`, { context: { field } });
}
