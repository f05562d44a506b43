import { z } from 'zod';
import { endpointUrlSchema } from '../util/endpoint-url.js';

/** `{ use, with, name }`: one plugin reference in a pipeline. `with` is checked against the plugin's own schema. */
export const stepRefSchema = z
  .object({
    use: z
      .string()
      .min(1)
      .describe('A built-in step id, a path to a plugin file (./my-step.js) or an npm package name.'),
    with: z.record(z.string(), z.unknown()).optional().describe("The plugin's options."),
    name: z
      .string()
      .min(1)
      .optional()
      .describe('Instance name in logs, the ledger and the manifest (default: the id).'),
  })
  .strict();

export const providerSchema = z
  .object({
    base_url: endpointUrlSchema().optional().describe('OpenAI-compatible base URL, including /v1.'),
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional()
      .describe('Name of the environment variable that holds the key. Keys never go in pipeline files.'),
    headers: z.record(z.string(), z.string()).optional().describe('Extra request headers (no secrets: use env).'),
    azure: z
      .object({
        endpoint: endpointUrlSchema(),
        api_version: z.string(),
        deployment: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('Azure OpenAI: the resource endpoint and API version.'),
    concurrency: z.number().int().positive().optional().describe('Requests in flight at once on this provider.'),
    timeout_ms: z.number().int().positive().optional().describe('Timeout of one request.'),
  })
  .strict();

export const modelOverrideSchema = z
  .object({
    encoding: z.enum(['cl100k_base', 'o200k_base']).optional(),
    exampleTokenLimit: z.number().int().positive().optional(),
    contextWindow: z.number().int().positive().optional(),
    training: z.number().nonnegative().optional(),
    input: z.number().nonnegative().optional(),
    cachedInput: z.number().nonnegative().optional(),
    output: z.number().nonnegative().optional(),
    fineTunedInput: z.number().nonnegative().optional(),
    fineTunedCachedInput: z.number().nonnegative().optional(),
    fineTunedOutput: z.number().nonnegative().optional(),
    asOf: z.string().optional(),
    source: z.string().optional(),
  })
  .strict()
  .describe('Prices in USD per 1M tokens (and limits) that add a model to the catalog or override it.');

/** The shape of a pipeline file before plugin options are checked. */
export const pipelineSchema = z
  .object({
    $schema: z.string().optional(),
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        'letters, digits, dot, dash and underscore, starting with a letter or digit',
      )
      .describe('Names the run folder (runs/<name>/).'),
    description: z.string().optional(),
    model: z
      .string()
      .optional()
      .describe('Target base model: tokenizer, limits and prices (default gpt-4o-mini-2024-07-18).'),
    prices: z.record(z.string(), modelOverrideSchema).optional(),
    providers: z.record(z.string(), providerSchema).optional().describe('Named OpenAI-compatible endpoints.'),
    dataset: z
      .object({
        from: z.union([stepRefSchema, z.array(stepRefSchema).min(1)]).describe('One source or a list of sources.'),
        steps: z.array(stepRefSchema).optional().describe('Transform steps, applied in order.'),
      })
      .strict()
      .optional(),
    train: stepRefSchema.optional().describe('The trainer: `use: trainer-openai` and its options.'),
    evaluate: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('The evaluation: candidates, scorers, compare, report.'),
  })
  .strict();

export type StepRef = z.infer<typeof stepRefSchema>;
export type ProviderEntry = z.infer<typeof providerSchema>;
export type PipelineConfig = z.infer<typeof pipelineSchema>;
export const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';
