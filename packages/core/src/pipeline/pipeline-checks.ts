import { stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { TunekitError } from '../errors.js';
import { isExternalPluginRef } from '../registry/registry.js';
import { didYouMean } from '../registry/suggest.js';
import { DEFAULT_MODEL, type PipelineConfig } from './pipeline-schema.js';

/**
 * Checks across sections that the plugin schemas cannot make alone, run when the file loads so that `validate`
 * refuses what `run` would refuse later (after the dataset phase, a cost estimate or a launched job).
 */
export type CheckCode = 'UNKNOWN_MODEL' | 'UNKNOWN_REFERENCE' | 'INPUT_NOT_FOUND' | 'INPUT_INVALID';
export type Fail = (code: CheckCode, message: string, path: PropertyKey[], hint?: string) => TunekitError;

const FORMAT_PACKAGE = '@tunekit/format';

type GetModelInfo = (id: string, overrides?: Record<string, unknown>) => unknown;

/** The catalog of @tunekit/format, imported lazily (core has no build-time dependency on it); none without it. */
async function modelLookup(): Promise<GetModelInfo | undefined> {
  try {
    const format = (await import(FORMAT_PACKAGE)) as { getModelInfo?: GetModelInfo };
    return format.getModelInfo;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * The target model gives every run its tokenizer, per-example limit and prices (even a data-only run counts tokens
 * and estimates the cost), so a model that neither the catalog nor `prices:` knows is refused here, as `inspect` does.
 */
export async function checkTargetModel(config: PipelineConfig, fail: Fail): Promise<void> {
  const getModelInfo = await modelLookup();
  if (!getModelInfo) return;
  try {
    getModelInfo(config.model ?? DEFAULT_MODEL, config.prices ?? {});
  } catch (error) {
    if (!TunekitError.is(error, 'UNKNOWN_MODEL')) throw error;
    throw fail('UNKNOWN_MODEL', error.message, config.model === undefined ? [] : ['model'], error.context.hint);
  }
}

/** Every `provider:` the trainer and the evaluation name, with their place in the file. */
function providerReferences(config: PipelineConfig): Array<{ name: string; path: PropertyKey[]; owner: string }> {
  const found: Array<{ name: string; path: PropertyKey[]; owner: string }> = [];
  const add = (value: unknown, path: PropertyKey[], owner: string) => {
    if (typeof value === 'string') found.push({ name: value, path, owner });
  };
  if (config.train) add(config.train.with?.provider, ['train', 'with', 'provider'], config.train.use);
  const evaluate = config.evaluate as
    | {
        candidates?: Array<{ provider?: unknown }>;
        judge?: { provider?: unknown };
        scorers?: Array<{ judge?: { provider?: unknown }; pairwise?: { provider?: unknown } }>;
      }
    | undefined;
  if (!evaluate) return found;
  for (const [i, candidate] of (evaluate.candidates ?? []).entries()) {
    add(candidate?.provider, ['evaluate', 'candidates', i, 'provider'], 'evaluate');
  }
  add(evaluate.judge?.provider, ['evaluate', 'judge', 'provider'], 'evaluate');
  for (const [i, scorer] of (Array.isArray(evaluate.scorers) ? evaluate.scorers : []).entries()) {
    if (scorer === null || typeof scorer !== 'object') continue;
    add(scorer.judge?.provider, ['evaluate', 'scorers', i, 'judge', 'provider'], 'evaluate');
    add(scorer.pairwise?.provider, ['evaluate', 'scorers', i, 'pairwise', 'provider'], 'evaluate');
  }
  return found;
}

/** A `provider:` names an entry of `providers:` (or `openai`, which is always there). */
export function checkProviderNames(config: PipelineConfig, fail: Fail): void {
  const declared = Object.keys(config.providers ?? {});
  const known = declared.includes('openai') ? declared : ['openai', ...declared];
  for (const { name, path, owner } of providerReferences(config)) {
    if (known.includes(name)) continue;
    const hint =
      declared.length > 0
        ? `known providers: ${known.join(', ')}`
        : `declare it under \`providers:\`, e.g. providers: { ${name}: { base_url: http://127.0.0.1:8000/v1 } }`;
    throw fail(
      'UNKNOWN_REFERENCE',
      `${owner}: \`provider\`: no provider named \`${name}\`${didYouMean(name, known)}`,
      path,
      hint,
    );
  }
}

const GLOB = /[*?[\]{}()!]/;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/**
 * Input files named by plain paths: the `path` of built-in sources (globs are expanded by the source when it runs),
 * and the evaluation's data, outputs and few-shot files. Values that still hold a `${{ }}` are filled in at run time.
 */
export async function checkInputFiles(
  config: PipelineConfig,
  sources: Array<{ use: string; options: unknown; path: PropertyKey[] }>,
  baseDir: string,
  fail: Fail,
): Promise<void> {
  const missing = async (value: string, path: PropertyKey[], message: (shown: string) => string, hint?: string) => {
    if (value.includes('${{')) return;
    const absolute = isAbsolute(value) ? value : resolve(baseDir, value);
    if (await exists(absolute)) return;
    throw fail('INPUT_NOT_FOUND', message(value), path, hint ?? `resolved to ${absolute}`);
  };
  /** The evaluation reads files: a folder there would fail deep inside the run (EISDIR). */
  const missingFile = async (value: string, path: PropertyKey[], what: string, hint?: string) => {
    await missing(value, path, (shown) => `${what}: ${shown}: file not found`, hint);
    if (value.includes('${{')) return;
    if (await isFolder(isAbsolute(value) ? value : resolve(baseDir, value)))
      throw fail('INPUT_INVALID', `${what}: ${value}: is a folder, not a file`, path);
  };
  for (const source of sources) {
    if (isExternalPluginRef(source.use)) continue;
    const option = (source.options as { path?: unknown } | undefined)?.path;
    const paths = typeof option === 'string' ? [option] : Array.isArray(option) ? option : [];
    for (const [i, value] of paths.entries()) {
      if (typeof value !== 'string' || GLOB.test(value)) continue;
      const at = typeof option === 'string' ? [...source.path, 'path'] : [...source.path, 'path', i];
      await missing(value, at, (shown) => `${source.use}: \`path\`: ${shown}: input file not found`);
    }
  }
  const evaluate = config.evaluate as
    | {
        data?: unknown;
        candidates?: Array<{ outputs?: unknown; prompt?: { few_shot?: unknown } }>;
      }
    | undefined;
  if (!evaluate) return;
  // A dataset section writes train.jsonl and validation.jsonl into the run folder: a path to those may be this run's.
  const runOutput = (path: string) =>
    config.dataset !== undefined && ['train.jsonl', 'validation.jsonl'].includes(basename(path));
  const data = evaluate.data;
  const splits = "`validation` and `train` name the dataset section's outputs";
  if (typeof data === 'string' && data !== 'validation' && data !== 'train' && !runOutput(data)) {
    await missingFile(
      data,
      ['evaluate', 'data'],
      'evaluate: `data`',
      `resolved to ${isAbsolute(data) ? data : resolve(baseDir, data)}; ${splits}`,
    );
  } else if (data && typeof data === 'object' && typeof (data as { path?: unknown }).path === 'string') {
    const path = (data as { path: string }).path;
    if (!runOutput(path)) await missingFile(path, ['evaluate', 'data', 'path'], 'evaluate: `path`');
  }
  for (const [i, candidate] of (evaluate.candidates ?? []).entries()) {
    if (typeof candidate?.outputs === 'string') {
      await missingFile(candidate.outputs, ['evaluate', 'candidates', i, 'outputs'], 'evaluate: `outputs`');
    }
    const from = (candidate?.prompt?.few_shot as { from?: unknown } | undefined)?.from;
    if (typeof from === 'string') {
      await missingFile(from, ['evaluate', 'candidates', i, 'prompt', 'few_shot', 'from'], 'evaluate: `from`');
    }
  }
}
