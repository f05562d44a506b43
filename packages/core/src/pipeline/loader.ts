import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { EvaluatorPlugin } from '../contracts/evaluator.js';
import type { StepPlugin } from '../contracts/plugin.js';
import type { TrainerPlugin } from '../contracts/trainer.js';
import { TunekitError } from '../errors.js';
import { loadPlugin } from '../registry/registry.js';
import { interpolateDocument } from './interpolation.js';
import { type PipelineConfig, pipelineSchema, type StepRef } from './pipeline-schema.js';
import { positionOf } from './yaml-positions.js';
import { describeIssue } from './zod-issues.js';

export interface LoadedStep {
  /** Unique instance name (the `name:` or the id, suffixed `#2`… when repeated). */
  name: string;
  use: string;
  plugin: StepPlugin;
  options: unknown;
}

export interface LoadedPipeline {
  file: string;
  baseDir: string;
  /** sha256 of the pipeline file's bytes. */
  hash: string;
  config: PipelineConfig;
  sources: LoadedStep[];
  steps: LoadedStep[];
  train?: { use: string; plugin: TrainerPlugin; options: unknown };
  evaluate?: { plugin: EvaluatorPlugin; options: unknown };
}

class Locator {
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly counter: LineCounter,
  ) {}

  error(
    code: 'CONFIG_INVALID' | 'OPTION_INVALID' | 'UNKNOWN_PLUGIN',
    message: string,
    path: PropertyKey[],
    key?: string,
    hint?: string,
  ): TunekitError {
    const { line, column } = positionOf(this.doc, this.counter, path, key);
    return new TunekitError(code, message, { context: { file: this.file, line, column, hint } });
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Reads, checks and resolves a pipeline file. Every problem is a one-line TunekitError at `file:line:column`. */
export async function loadPipeline(file: string, options: { env?: NodeJS.ProcessEnv } = {}): Promise<LoadedPipeline> {
  const absolute = resolve(file);
  const shown = displayPath(absolute);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (cause as Error).message;
    throw new TunekitError('INPUT_NOT_FOUND', `cannot read pipeline: ${reason}`, { cause, context: { file: shown } });
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const { line, col } = counter.linePos(yamlError.pos[0]);
    const message = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new TunekitError('YAML_SYNTAX', `invalid YAML: ${message}`, { context: { file: shown, line, column: col } });
  }
  const locate = new Locator(shown, doc, counter);
  const raw = doc.toJS() as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TunekitError(
      'CONFIG_INVALID',
      'a pipeline file must be a YAML mapping (name:, dataset:, train:, evaluate:)',
      {
        context: { file: shown, line: 1, column: 1 },
      },
    );
  }
  const record = raw as Record<string, unknown>;
  interpolateDocument(doc, counter, shown, {
    env: options.env ?? process.env,
    hasTrain: record.train !== undefined,
    hasDataset: record.dataset !== undefined,
  });
  const parsed = pipelineSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const located = describeIssue(issue, [], (path) => schemaAtPath(pipelineSchema, path));
    throw locate.error('CONFIG_INVALID', located.message, located.path, located.key);
  }
  const config = parsed.data;
  const baseDir = dirname(absolute);
  const names = new Map<string, number>();
  const uniqueName = (ref: StepRef): string => {
    const base = ref.name ?? ref.use;
    const seen = (names.get(base) ?? 0) + 1;
    names.set(base, seen);
    return seen === 1 ? base : `${base}#${seen}`;
  };

  const loadStep = async (ref: StepRef, path: PropertyKey[], role: 'source' | 'transform'): Promise<LoadedStep> => {
    const plugin = await loadPluginAt(locate, ref.use, 'step', baseDir, [...path, 'use']);
    if (plugin.role !== role) {
      const where = role === 'source' ? 'dataset.from' : 'dataset.steps';
      throw locate.error('CONFIG_INVALID', `\`${ref.use}\` is a ${plugin.role}, it cannot be used in ${where}`, [
        ...path,
        'use',
      ]);
    }
    return {
      name: uniqueName(ref),
      use: ref.use,
      plugin,
      options: checkOptions(locate, plugin.options, ref.with ?? {}, [...path, 'with'], ref.use),
    };
  };

  const sources: LoadedStep[] = [];
  const steps: LoadedStep[] = [];
  if (config.dataset) {
    const from = Array.isArray(config.dataset.from) ? config.dataset.from : [config.dataset.from];
    const fromIsList = Array.isArray(config.dataset.from);
    for (const [index, ref] of from.entries()) {
      sources.push(await loadStep(ref, fromIsList ? ['dataset', 'from', index] : ['dataset', 'from'], 'source'));
    }
    for (const [index, ref] of (config.dataset.steps ?? []).entries()) {
      steps.push(await loadStep(ref, ['dataset', 'steps', index], 'transform'));
    }
  }
  let train: LoadedPipeline['train'];
  if (config.train) {
    const plugin = await loadPluginAt(locate, config.train.use, 'trainer', baseDir, ['train', 'use']);
    train = {
      use: config.train.use,
      plugin,
      options: checkOptions(locate, plugin.options, config.train.with ?? {}, ['train', 'with'], config.train.use),
    };
  }
  let evaluate: LoadedPipeline['evaluate'];
  if (config.evaluate) {
    const plugin = await loadPluginAt(locate, 'evaluate', 'evaluator', baseDir, ['evaluate']);
    evaluate = { plugin, options: checkOptions(locate, plugin.options, config.evaluate, ['evaluate'], 'evaluate') };
  }
  const hash = createHash('sha256').update(text).digest('hex');
  return { file: absolute, baseDir, hash, config, sources, steps, train, evaluate };
}

async function loadPluginAt<K extends 'step' | 'trainer' | 'evaluator'>(
  locate: Locator,
  use: string,
  kind: K,
  baseDir: string,
  path: PropertyKey[],
) {
  try {
    return await loadPlugin(use, kind, baseDir);
  } catch (error) {
    if (TunekitError.is(error) && error.isUserError) {
      throw locate.error('UNKNOWN_PLUGIN', error.message, path, undefined, error.context.hint);
    }
    throw error;
  }
}

function checkOptions(locate: Locator, schema: z.ZodType, value: unknown, path: PropertyKey[], use: string): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const located = describeIssue(issue, path, (sub) => schemaAtPath(schema, sub));
  throw locate.error('OPTION_INVALID', `${use}: ${located.message}`, located.path, located.key);
}

/** Walks object shapes (through optional/default wrappers) to the schema at a path, for "did you mean". */
function schemaAtPath(schema: z.ZodType, path: PropertyKey[]): z.ZodType | undefined {
  let current: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    let node = s as { def?: { innerType?: unknown; type?: string; element?: unknown } } | undefined;
    while (node?.def?.innerType) node = node.def.innerType as typeof node;
    return node;
  };
  current = unwrap(current);
  for (const key of path) {
    const node = current as { shape?: Record<string, unknown>; def?: { element?: unknown } } | undefined;
    if (typeof key === 'number' && node?.def?.element) current = unwrap(node.def.element);
    else if (node?.shape && typeof key === 'string') current = unwrap(node.shape[key]);
    else return undefined;
  }
  return current as z.ZodType | undefined;
}
