import {
  type BatchApi,
  type BatchRequest,
  type BatchState,
  type EvalItem,
  type Logger,
  withScopedSignal,
} from '@tunekit/core';
import { buildRequest } from '../prompts/build-request.js';
import type { CandidateRuntime } from '../runner/candidate-runtime.js';
import type { ModelCaller } from '../runner/model-caller.js';
import type { ResponseCache } from '../runner/response-cache.js';
import { requestsThatFit } from './batch-limits.js';
import { type BatchStateFile, readBatchState, writeBatchState } from './batch-state.js';
import { pollBatch } from './poll-batch.js';

export interface BatchPhaseInput {
  candidates: readonly CandidateRuntime[];
  items: () => AsyncIterable<EvalItem>;
  cache: ResponseCache;
  statePath: string;
  pollMs: number;
  /** Timeout of one Batch API request (`batch_timeout_ms`). */
  requestTimeoutMs: number;
  signal: AbortSignal;
  logger: Logger;
  /** --no-cache: new answers are wanted, so a completed batch of the same requests is not reused. */
  fresh?: boolean;
}

/** The requests of a candidate not answered yet, keyed by their cache key (which is also the `custom_id`). */
async function uncachedRequests(
  candidate: CandidateRuntime,
  caller: ModelCaller,
  input: BatchPhaseInput,
): Promise<BatchRequest[]> {
  const seen = new Map<string, BatchRequest>();
  for await (const item of input.items()) {
    const request = buildRequest(item, candidate.options, candidate.model, candidate.shots?.pick(item) ?? []);
    const key = caller.keyOf(request);
    if (!input.cache.get(key) && !seen.has(key)) seen.set(key, { customId: key, request });
  }
  return [...seen.values()];
}

async function waitAndCollect(api: BatchApi, id: string, input: BatchPhaseInput, name: string): Promise<number> {
  const state = await pollBatch(api, id, {
    pollMs: input.pollMs,
    requestTimeoutMs: input.requestTimeoutMs,
    signal: input.signal,
    logger: input.logger,
    label: `batch ${id} of ${name}`,
  });
  if (state.status !== 'completed') warnUnfinished(state, name, input.logger);
  return withScopedSignal(input.signal, async (signal) => {
    let collected = 0;
    for await (const result of api.collect(id, { signal, timeoutMs: input.requestTimeoutMs })) {
      if (result.response) {
        input.cache.put(result.customId, { ...result.response, batch: true });
        collected++;
      }
    }
    return collected;
  });
}

/** A batch that ended without answering everything: what is left is asked live, at the full price. */
function warnUnfinished(state: BatchState, name: string, logger: Logger): void {
  const why = state.errors?.length ? `: ${state.errors.slice(0, 3).join('; ')}` : '';
  logger.warn(
    `batch ${state.id} of ${name} ${state.status}${why}; the requests it did not answer are asked live, at the full price`,
  );
}

/**
 * Batch mode: every uncached request of each model candidate goes into one Batch API job; the batch id is saved in
 * the run folder before waiting, so a rerun collects that batch instead of paying again. Collected responses land in
 * the response cache; whatever a batch did not answer is asked live by the normal run afterwards.
 */
export async function runBatches(input: BatchPhaseInput): Promise<void> {
  const state: BatchStateFile = await readBatchState(input.statePath);
  for (const candidate of input.candidates) {
    const caller = candidate.caller;
    const api = caller?.provider.batch;
    if (!caller || !api) continue;
    const endpoint = caller.identity;
    let record = state[candidate.name];
    if (!record || record.collected || record.endpoint !== endpoint) {
      const requests = await uncachedRequests(candidate, caller, input);
      if (requests.length === 0) continue;
      const fit = requestsThatFit(requests);
      if (fit < requests.length) {
        input.logger.warn(
          `${candidate.name}: ${requests.length} requests exceed one batch (50,000 requests, 200 MB); the first ${fit} are batched, the rest asked live`,
        );
      }
      if (fit === 0) continue;
      const chunk = requests.slice(0, fit);
      const metadata = { tunekit_candidate: candidate.name.slice(0, 64) };
      const submitted = await withScopedSignal(input.signal, (signal) =>
        api.submit(chunk, { signal, timeoutMs: input.requestTimeoutMs, metadata, fresh: input.fresh }),
      );
      record = { id: submitted.id, endpoint, requests: chunk.length, collected: false };
      state[candidate.name] = record;
      await writeBatchState(input.statePath, state);
    }
    const collected = await waitAndCollect(api, record.id, input, candidate.name);
    input.logger.info(`batch ${record.id} of ${candidate.name}: ${collected}/${record.requests} answers collected`);
    record.collected = true;
    await writeBatchState(input.statePath, state);
  }
}
