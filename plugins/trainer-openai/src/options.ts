import { z } from 'zod';

const auto = <T extends z.ZodType>(schema: T) => z.union([z.literal('auto'), schema]);

/** OpenAI's rule for `suffix` (64 characters since the 2024-09 API change). */
export const SUFFIX_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const wandbIntegration = z.strictObject({
  type: z.literal('wandb'),
  wandb: z.strictObject({
    project: z.string().min(1),
    name: z.string().optional(),
    entity: z.string().optional(),
    tags: z.array(z.string().max(64)).max(50).optional(),
  }),
});

export const trainerOpenAIOptions = z
  .strictObject({
    provider: z
      .string()
      .default('openai')
      .describe('Name of the pipeline `providers:` entry to train on (base_url, api_key_env, azure).'),
    model: z
      .string()
      .optional()
      .describe('Base model to fine-tune; defaults to the pipeline `model:` (an `ft:` model continues training).'),
    method: z
      .enum(['supervised', 'dpo'])
      .optional()
      .describe('Training method; defaults to dpo for preference data, supervised otherwise.'),
    hyperparameters: z
      .strictObject({
        n_epochs: auto(z.number().int().min(1).max(50)).optional(),
        batch_size: auto(z.number().int().min(1).max(256)).optional(),
        learning_rate_multiplier: auto(z.number().positive()).optional(),
        beta: auto(z.number().gt(0).max(2)).optional().describe('DPO only: higher is more conservative.'),
      })
      .default({})
      .describe('Numbers or "auto" (the service decides).'),
    suffix: z
      .string()
      .regex(SUFFIX_PATTERN, 'suffix must be 1–64 characters of letters, digits, `-` and `_`')
      .optional()
      .describe('Up to 64 characters added to the fine-tuned model name.'),
    seed: z.number().int().min(0).max(2147483647).optional(),
    metadata: z
      .record(z.string().max(64), z.string().max(512))
      .refine((pairs) => Object.keys(pairs).length <= 13, 'at most 13 pairs (OpenAI allows 16; tunekit uses 3)')
      .optional()
      .describe('Extra job metadata (tunekit adds run id and dataset hash).'),
    integrations: z.array(wandbIntegration).max(5).optional().describe('Passed through to the job (Weights & Biases).'),
    max_cost_usd: z
      .number()
      .positive()
      .optional()
      .describe('Refuse to launch when the estimate is higher (unless --yes).'),
    poll_interval_ms: z.number().int().min(10).default(10_000).describe('How often to poll the job while watching.'),
    timeout_ms: z
      .number()
      .int()
      .min(1)
      .default(120_000)
      .describe('Timeout of one API request; an upload gets at least the time its bytes take at 100 KB/s.'),
    max_retries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(7)
      .describe(
        'Retries of one request on 429, 5xx, timeouts and the network, with a backoff doubling from 1 s (watching a job retries without limit).',
      ),
  })
  .describe('Fine-tune on OpenAI or Azure OpenAI (or any server with the OpenAI fine-tuning API).');

export type TrainerOpenAIOptions = z.output<typeof trainerOpenAIOptions>;
