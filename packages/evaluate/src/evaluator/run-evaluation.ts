import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AtomicLineWriter, type EvaluationOutcome, type EvaluatorRuntime } from '@tunekit/core';
import { runBatches } from '../batch/run-batches.js';
import { readItems } from '../items/read-items.js';
import { type EvaluateOptions, parseEvaluateOptions } from '../options.js';
import { ResponseCache } from '../runner/response-cache.js';
import { type RunItemsResult, runItems } from '../runner/run-items.js';
import { buildReport, evaluationCost } from './build-report.js';
import { itemSource } from './data-paths.js';
import { noOutputFailure } from './no-output.js';
import { CallerPool, defaultProviderFactory, type ProviderFactory } from './providers.js';
import { reportMeta } from './report-meta.js';
import { setupCandidates } from './setup-candidates.js';
import { setupScorers } from './setup-scorers.js';
import { summaryLine } from './summary-line.js';
import { trainingInfo } from './training-info.js';
import { writeReports } from './write-reports.js';

export const EVAL_DIR = 'eval';
export const ITEMS_FILE = `${EVAL_DIR}/items.jsonl`;
export const CACHE_FILE = `${EVAL_DIR}/responses.jsonl`;
export const BATCH_STATE_FILE = `${EVAL_DIR}/batches.json`;

/** Seams for tests: a provider factory instead of the registry, and a shorter backoff. */
export interface EvaluationDeps {
  createProvider?: ProviderFactory;
  backoffBaseMs?: number;
}

async function countItems(items: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of items) n++;
  return n;
}

/** The `evaluate:` section: generate every candidate's outputs, score them, compare, gate, and write the reports. */
export async function runEvaluation(
  raw: unknown,
  rt: EvaluatorRuntime,
  deps: EvaluationDeps = {},
): Promise<EvaluationOutcome> {
  const options: EvaluateOptions = parseEvaluateOptions(raw);
  // Every request in flight (and every back-off wait) listens on the run's signal; that is bounded by concurrency.
  setMaxListeners(0, rt.signal);
  await mkdir(join(rt.runDir, EVAL_DIR), { recursive: true });
  const cache = await ResponseCache.open(join(rt.runDir, CACHE_FILE), rt.noCache !== true);
  try {
    const pool = new CallerPool(rt, deps.createProvider ?? defaultProviderFactory(rt), cache, {
      concurrency: options.concurrency,
      maxRetries: options.max_retries,
      timeoutMs: options.timeout_ms,
      backoffBaseMs: deps.backoffBaseMs,
    });
    const candidates = await setupCandidates(options, rt, pool);
    const { plan, infos, judges } = await setupScorers(options, rt, pool, candidates);
    const source = itemSource(options.data, rt);
    const items = () => readItems(source, options.limit);
    const total = await countItems(items());
    if (options.batch) {
      const statePath = join(rt.runDir, BATCH_STATE_FILE);
      await runBatches({
        candidates,
        items,
        cache,
        statePath,
        pollMs: options.batch_poll_ms,
        requestTimeoutMs: options.batch_timeout_ms,
        signal: rt.signal,
        logger: rt.logger,
        fresh: rt.noCache === true,
      });
    }
    const spentUsd = () => evaluationCost(candidates, judges).spentUsd;
    rt.onProgress?.({ done: 0, total, errors: 0, costUsd: 0 });
    const rows = new AtomicLineWriter(join(rt.runDir, ITEMS_FILE));
    let result: RunItemsResult;
    try {
      result = await runItems({
        items: items(),
        candidates,
        plan,
        rows,
        window: Math.max(16, pool.totalConcurrency() * 2),
        signal: rt.signal,
        onItem: ({ done, errors }) => rt.onProgress?.({ done, total, errors, costUsd: spentUsd() }),
      });
      await rows.commit();
    } catch (error) {
      await rows.abort();
      throw error;
    }
    const seed = options.candidates.find((c) => c.params?.seed !== undefined)?.params?.seed;
    const data = buildReport({
      options,
      rt,
      meta: await reportMeta(rt, source.path, result.items, seed),
      candidates,
      plan,
      scorerInfos: infos,
      judges,
      result,
      itemsFile: ITEMS_FILE,
      training: await trainingInfo(rt),
    });
    const reports = await writeReports(rt.runDir, data, options.report);
    const failure = noOutputFailure(candidates, result, reports, source);
    return {
      gatePassed: !failure && (data.gate?.passed ?? true),
      summary: summaryLine(data, result.errors),
      reports,
      ...(data.cost ? { cost: data.cost } : {}),
      ...(failure ? { failure } : {}),
    };
  } finally {
    await cache.close();
  }
}
