import { z } from 'zod';
import type { AnyPlugin } from '../contracts/plugin.js';
import { BUILTIN_PLUGINS } from '../registry/builtins.js';
import { loadPlugin } from '../registry/registry.js';
import { pipelineSchema } from './pipeline-schema.js';

const externalUse = z
  .string()
  .regex(/^(\.{1,2}\/|\/|@|tunekit-plugin-)/)
  .describe('A user plugin: a path (./my-step.js) or an npm package that default-exports a v1 plugin.');

function refOf(plugin: AnyPlugin) {
  return z
    .object({ use: z.literal(plugin.id), with: plugin.options.optional(), name: z.string().optional() })
    .strict()
    .describe(plugin.description);
}

function refUnion(plugins: AnyPlugin[]) {
  const external = z
    .object({ use: externalUse, with: z.record(z.string(), z.unknown()).optional(), name: z.string().optional() })
    .strict();
  return z.union([...plugins.map(refOf), external] as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
}

/** The JSON Schema of pipeline files, assembled from the same zod schemas the loader validates with. */
export async function buildPipelineJsonSchema(): Promise<Record<string, unknown>> {
  const plugins: AnyPlugin[] = [];
  for (const [id, entry] of Object.entries(BUILTIN_PLUGINS)) plugins.push(await loadPlugin(id, entry.kind));
  const steps = plugins.filter((p) => p.kind === 'step');
  const sourceRef = refUnion(steps.filter((p) => p.kind === 'step' && p.role === 'source'));
  const transformRef = refUnion(steps.filter((p) => p.kind === 'step' && p.role === 'transform'));
  const trainerRef = refUnion(plugins.filter((p) => p.kind === 'trainer'));
  const evaluator = plugins.find((p) => p.kind === 'evaluator');
  const schema = pipelineSchema.extend({
    dataset: z
      .object({ from: z.union([sourceRef, z.array(sourceRef).min(1)]), steps: z.array(transformRef).optional() })
      .strict()
      .optional(),
    train: trainerRef.optional(),
    evaluate: (evaluator?.options ?? z.record(z.string(), z.unknown())).optional(),
  });
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: json.$schema,
    $id: 'https://tunekit.dev/schema/pipeline.schema.json',
    title: 'tunekit pipeline',
    description: 'A tunekit pipeline: dataset (sources and steps), train (a trainer) and evaluate sections.',
    ...json,
  };
}
