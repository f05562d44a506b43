import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { type Alias, type Document, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import type { EvaluatorPlugin } from '../contracts/evaluator.js';
import type { StepPlugin } from '../contracts/plugin.js';
import type { TrainerPlugin } from '../contracts/trainer.js';
import { TunekitError } from '../errors.js';
import { loadPlugin } from '../registry/registry.js';
import { interpolateDocument } from './interpolation.js';
import { type CheckCode, checkInputFiles, checkProviderNames, checkTargetModel } from './pipeline-checks.js';
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
    code: 'CONFIG_INVALID' | 'OPTION_INVALID' | 'UNKNOWN_PLUGIN' | CheckCode,
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

export interface LoadPipelineOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * The one phase about to run (`run --only`), if any. The sources' input files are checked only when the dataset
   * phase may run: `--only train|evaluate` works from the run folder, without them.
   */
  only?: 'dataset' | 'train' | 'evaluate';
}

/** Reads, checks and resolves a pipeline file. Every problem is a one-line TunekitError at `file:line:column`. */
export async function loadPipeline(file: string, options: LoadPipelineOptions = {}): Promise<LoadedPipeline> {
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
    const context = { file: shown, line, column: col };
    if (yamlError.code === 'MULTIPLE_DOCS') {
      // The library's own advice (parseAllDocuments) is for programmers; a pipeline is one document.
      const found = text.startsWith('---', yamlError.pos[0]) ? 'a second `---`' : 'a second document';
      throw new TunekitError('YAML_SYNTAX', `one YAML document per pipeline file (found ${found} at line ${line})`, {
        context,
      });
    }
    const message = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new TunekitError('YAML_SYNTAX', `invalid YAML: ${message}`, { context });
  }
  const locate = new Locator(shown, doc, counter);
  const raw = toJS(doc, counter, shown);
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
  const parsed = pipelineSchema.safeParse(toJS(doc, counter, shown), { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const located = describeIssue(issue, [], pipelineSchema);
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
  const sourcePaths: PropertyKey[][] = [];
  const steps: LoadedStep[] = [];
  if (config.dataset) {
    const from = Array.isArray(config.dataset.from) ? config.dataset.from : [config.dataset.from];
    const fromIsList = Array.isArray(config.dataset.from);
    for (const [index, ref] of from.entries()) {
      const path = fromIsList ? ['dataset', 'from', index] : ['dataset', 'from'];
      sources.push(await loadStep(ref, path, 'source'));
      sourcePaths.push([...path, 'with']);
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
  // Across sections, last: a mistake inside a section is reported first, where it is.
  const fail = (code: CheckCode, message: string, path: PropertyKey[], hint?: string) =>
    locate.error(code, message, path, undefined, hint);
  await checkTargetModel(config, fail);
  checkProviderNames(config, fail);
  const readsSources = options.only === undefined || options.only === 'dataset';
  const sourceChecks = readsSources
    ? sources.map((source, i) => ({ use: source.use, options: source.options, path: sourcePaths[i]! }))
    : [];
  await checkInputFiles(config, sourceChecks, baseDir, fail);
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
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const located = describeIssue(issue, path, schema);
  throw locate.error('OPTION_INVALID', `${use}: ${located.message}`, located.path, located.key);
}

/**
 * The document as plain values. Aliases are expanded here, so a file that nests anchors into millions of nodes
 * (an "alias bomb") is refused by the library's alias budget: a user error, not an internal one. So is an alias
 * without its anchor, at its position.
 */
function toJS(doc: Document, counter: LineCounter, file: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    if (/excessive alias count/i.test(error.message)) {
      throw new TunekitError('YAML_SYNTAX', 'too many YAML aliases', { cause: error, context: { file } });
    }
    let unresolved: Alias | undefined;
    visit(doc, {
      Alias(_key, node) {
        if (node.resolve(doc) !== undefined) return undefined;
        unresolved = node;
        return visit.BREAK;
      },
    });
    if (!unresolved) throw error;
    const { line, col } = counter.linePos(unresolved.range?.[0] ?? 0);
    throw new TunekitError(
      'YAML_SYNTAX',
      `invalid YAML: alias \`*${unresolved.source}\` has no anchor \`&${unresolved.source}\` before it`,
      {
        cause: error,
        context: { file, line, column: col },
      },
    );
  }
}
