import type { EvalItem } from '@tunekit/core';
import type { EconomicsTally } from '../economics/economics.js';
import type { CandidateOptions } from '../options.js';
import { buildRequest } from '../prompts/build-request.js';
import type { ShotPicker } from '../prompts/few-shot.js';
import type { ModelCaller } from './model-caller.js';

export interface GeneratedOutput {
  output: string | null;
  error?: string;
  latencyMs?: number;
  cached?: boolean;
}

/** A candidate ready to run: its model on a provider (through the cached caller), or a file of outputs. */
export interface CandidateRuntime {
  options: CandidateOptions;
  name: string;
  /** Resolved model id (after `${{ train.model }}`), or the outputs file. */
  model: string;
  providerName: string;
  caller?: ModelCaller;
  outputs?: ReadonlyMap<string, string>;
  shots?: ShotPicker;
  tally: EconomicsTally;
}

export async function generate(candidate: CandidateRuntime, item: EvalItem): Promise<GeneratedOutput> {
  if (candidate.outputs) {
    const output = candidate.outputs.get(item.id);
    return output === undefined
      ? { output: null, error: `no output for item ${item.id} in ${candidate.options.outputs}` }
      : { output };
  }
  const caller = candidate.caller as ModelCaller;
  const request = buildRequest(item, candidate.options, candidate.model, candidate.shots?.pick(item) ?? []);
  const outcome = await caller.call(request);
  if (!outcome.response) {
    return { output: null, error: `failed after ${outcome.attempts} attempt(s): ${outcome.error ?? 'unknown error'}` };
  }
  const { response, cached } = outcome;
  candidate.tally.record(response.usage, response.latencyMs, cached, response.batch === true);
  return { output: response.text, latencyMs: response.latencyMs, cached };
}
