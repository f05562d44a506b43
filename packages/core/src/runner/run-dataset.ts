import { isAbsolute, resolve } from 'node:path';
import type { Logger } from '../contracts/logger.js';
import type { ModelContext } from '../contracts/model.js';
import type { Step } from '../contracts/step.js';
import type { LoadedPipeline, LoadedStep } from '../pipeline/loader.js';
import { loadPlugin } from '../registry/registry.js';
import type { WrittenFile } from '../run-folder/atomic-writer.js';
import { fileHashTask } from '../run-folder/file-hash-task.js';
import type { LedgerEntry, StepManifest } from '../run-folder/manifest.js';
import { buildChain } from './chain.js';
import type { RunEvent } from './events.js';
import { RunFolderOutlet } from './record-outlet.js';
import { createWorkerPool } from './worker-pool.js';

export interface DatasetPhaseOptions {
  runDir: string;
  signal: AbortSignal;
  logger: Logger;
  workers: number;
  model(): Promise<ModelContext>;
  onEvent?(event: RunEvent): void;
}

export interface DatasetPhaseResult {
  steps: StepManifest[];
  ledger: LedgerEntry[];
  inputs: { file: string; sha256: string; bytes: number }[];
  outputs: Record<string, { file: string; lines: number; bytes: number; sha256: string }>;
  files: { train: string; validation?: string };
  /** Sections steps reported that belong at the top of the manifest (tokens, estimate, redactions...). */
  lifted: Record<string, unknown>;
}

const LIFTED_REPORTS = ['tokens', 'estimate'];
const PROGRESS_EVERY_MS = 250;

async function withSink(steps: LoadedStep[]): Promise<LoadedStep[]> {
  if (steps.at(-1)?.use === 'write-jsonl') return steps;
  const plugin = await loadPlugin('write-jsonl', 'step');
  return [...steps, { name: 'write-jsonl', use: 'write-jsonl', plugin, options: plugin.options.parse({}) }];
}

/** Runs `dataset:` as one streaming chain and returns what the manifest needs. */
export async function runDatasetPhase(
  pipeline: LoadedPipeline,
  options: DatasetPhaseOptions,
): Promise<DatasetPhaseResult> {
  const env = { baseDir: pipeline.baseDir, logger: options.logger, env: process.env };
  const create = async (loaded: LoadedStep): Promise<{ name: string; step: Step }> => ({
    name: loaded.name,
    step: await loaded.plugin.create(loaded.options, env),
  });
  const sources = await Promise.all(pipeline.sources.map(create));
  const loadedSteps = await withSink(pipeline.steps);
  const steps = await Promise.all(loadedSteps.map(create));
  const outlet = new RunFolderOutlet(
    options.runDir,
    [...sources, ...steps].map((step) => step.name),
  );
  const pool = createWorkerPool(options.workers);
  const chain = buildChain(sources, steps, {
    signal: options.signal,
    logger: options.logger,
    baseDir: pipeline.baseDir,
    runDir: options.runDir,
    workers: options.workers,
    pool,
    outlet,
    model: options.model,
  });
  const started = performance.now();
  const progress = () => {
    const elapsedMs = performance.now() - started;
    const read = chain.tallies.slice(0, sources.length).reduce((sum, t) => sum + t.in, 0);
    options.onEvent?.({
      type: 'dataset-progress',
      steps: chain.tallies.map((t) => t.entry()),
      elapsedMs,
      recordsPerSecond: elapsedMs > 0 ? (read * 1000) / elapsedMs : 0,
    });
  };
  const ticker = setInterval(progress, PROGRESS_EVERY_MS);
  ticker.unref();
  // Input files are hashed for the manifest as soon as their first record is through, on the pool.
  const hashes = new Map<string, Promise<{ sha256: string; bytes: number }>>();
  const absoluteOf = (file: string) => (isAbsolute(file) ? file : resolve(pipeline.baseDir, file));
  const hashInput = (file: string) => {
    let hashed = hashes.get(file);
    if (!hashed) {
      hashed = pool.run(fileHashTask, [absoluteOf(file)]).then(([result]) => result!);
      hashed.catch(() => undefined);
      hashes.set(file, hashed);
    }
    return hashed;
  };
  let written: { rejects: WrittenFile; duplicates: WrittenFile };
  try {
    let lastFile: string | undefined;
    for await (const batch of chain.output) {
      for (const record of batch) {
        if (record.source.file === lastFile) continue;
        lastFile = record.source.file;
        outlet.sourceFiles.add(lastFile);
        hashInput(lastFile);
      }
    }
    // Files only rejects or duplicates came from are hashed too.
    for (const file of outlet.sourceFiles) hashInput(file);
    await Promise.all(hashes.values());
    written = await outlet.commit();
  } catch (error) {
    await outlet.abort();
    throw error;
  } finally {
    clearInterval(ticker);
    await pool.close();
  }
  progress();

  const exclusive = chain.exclusiveMs();
  const all = [...pipeline.sources, ...loadedSteps];
  const stepManifests: StepManifest[] = chain.tallies.map((tally, index) => ({
    ...tally.entry(),
    use: all[index]?.use ?? tally.step,
    role: index < sources.length ? 'source' : 'transform',
    ms: Math.round(exclusive[index] ?? 0),
    counters: tally.counters,
    reports: Object.fromEntries(Object.entries(tally.reports).filter(([key]) => key !== 'outputs')),
  }));
  const lifted: Record<string, unknown> = {};
  for (const tally of chain.tallies) {
    for (const key of LIFTED_REPORTS) if (tally.reports[key] !== undefined) lifted[key] = tally.reports[key];
  }
  const sink = chain.tallies.at(-1)!.reports.outputs as Record<string, WrittenFile> | undefined;
  const outputs: DatasetPhaseResult['outputs'] = {};
  for (const [name, file] of Object.entries({ ...(sink ?? {}), ...written })) {
    outputs[name] = { file: file.path, lines: file.lines, bytes: file.bytes, sha256: file.sha256 };
  }
  const inputs = await Promise.all(
    [...outlet.sourceFiles].sort().map(async (file) => ({ file, ...(await hashes.get(file)!) })),
  );
  return {
    steps: stepManifests,
    ledger: chain.tallies.map((t) => t.entry()),
    inputs: inputs.filter((input) => input.sha256 !== ''),
    outputs,
    files: {
      train: outputs.train?.file ?? resolve(options.runDir, 'train.jsonl'),
      validation: outputs.validation?.file,
    },
    lifted,
  };
}
