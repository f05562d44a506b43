import { resolve } from 'node:path';
import type { EvaluatorRuntime } from '@tunekit/core';
import { EconomicsTally } from '../economics/economics.js';
import { pricesOf } from '../economics/request-cost.js';
import type { EvaluateOptions } from '../options.js';
import { createShotPicker, loadShots, type Shot } from '../prompts/few-shot.js';
import type { CandidateRuntime } from '../runner/candidate-runtime.js';
import { resolvedModel, splitHint, splitPath } from './data-paths.js';
import { loadOutputs } from './outputs-file.js';
import { type CallerPool, providerName } from './providers.js';

/** Turns the `candidates:` list into runnable candidates: callers, few-shot pickers, output files, tallies. */
export async function setupCandidates(
  options: EvaluateOptions,
  rt: EvaluatorRuntime,
  pool: CallerPool,
): Promise<CandidateRuntime[]> {
  const shotFiles = new Map<string, Promise<Shot[]>>();
  return Promise.all(
    options.candidates.map(async (c, i): Promise<CandidateRuntime> => {
      const field = `evaluate.candidates.${i}`;
      if (c.outputs !== undefined) {
        const path = resolve(rt.baseDir, c.outputs);
        return {
          options: c,
          name: c.name,
          model: c.model ?? c.outputs,
          providerName: 'outputs file',
          outputs: await loadOutputs(path, `${field}.outputs`),
          tally: new EconomicsTally(c.name, undefined),
        };
      }
      const model = resolvedModel(c.model as string, `${field}.model`);
      const name = providerName(c.provider, rt.providers, `${field}.provider`);
      const fewShot = c.prompt?.few_shot;
      let shots: CandidateRuntime['shots'];
      if (fewShot !== undefined) {
        const spec = typeof fewShot === 'number' ? { k: fewShot, select: 'fixed' as const, from: undefined } : fewShot;
        const path = spec.from ? resolve(rt.baseDir, spec.from) : splitPath('train', rt);
        const hint = spec.from ? undefined : splitHint('train', 'set few_shot.from to a file of chat examples', rt);
        const loading = shotFiles.get(path) ?? loadShots(path, `${field}.prompt.few_shot`, hint);
        shotFiles.set(path, loading);
        shots = createShotPicker(await loading, spec.k, spec.select);
      }
      return {
        options: c,
        name: c.name,
        model,
        providerName: name,
        caller: await pool.get(name),
        shots,
        tally: new EconomicsTally(c.name, pricesOf(model, rt.prices)),
      };
    }),
  );
}
