import type { z } from 'zod';
import type { Logger } from './logger.js';
import type { Step } from './step.js';

export type PluginKind = 'step' | 'trainer' | 'provider' | 'evaluator';

/** What any plugin factory is given when it is created. */
export interface PluginEnv {
  /** Folder of the pipeline file; relative paths resolve against it. */
  baseDir: string;
  logger: Logger;
  env: NodeJS.ProcessEnv;
}

/** What every plugin object has; each kind adds its factory (`create`) or entry point (`run`). */
export interface PluginBase<K extends PluginKind, O> {
  readonly specVersion: 'v1';
  readonly kind: K;
  /** The `use:` id. */
  readonly id: string;
  /** One sentence for `--help`, docs and the JSON Schema. */
  readonly description: string;
  /** Zod schema of the `with:` block; the pipeline schema is assembled from these. */
  readonly options: z.ZodType<O>;
  /** A YAML snippet of the plugin in use, for its reference page (default: its `use:` with `{ ... }`). */
  readonly example?: string;
}

export interface StepPlugin<O = any> extends PluginBase<'step', O> {
  /** Sources start a dataset (`from:`); transforms are `steps:`. */
  readonly role: 'source' | 'transform';
  create(options: O, env: PluginEnv): Step | Promise<Step>;
}

export type AnyPlugin =
  | StepPlugin
  | import('./trainer.js').TrainerPlugin
  | import('./provider.js').ProviderPlugin
  | import('./evaluator.js').EvaluatorPlugin;

/** Helper that keeps the options type tied to the schema. */
export function defineStep<S extends z.ZodType>(
  plugin: Omit<StepPlugin<z.output<S>>, 'specVersion' | 'kind' | 'options'> & { options: S },
): StepPlugin<z.output<S>> {
  return { specVersion: 'v1', kind: 'step', ...plugin } as StepPlugin<z.output<S>>;
}
