import { join, resolve } from 'node:path';
import { type EvaluatorRuntime, TunekitError } from '@tunekit/core';
import type { ItemSource } from '../items/read-items.js';
import type { EvaluateOptions } from '../options.js';

/** A split of the dataset section: its output when it ran in this process, else the file in the run folder. */
export function splitPath(split: 'train' | 'validation', rt: EvaluatorRuntime): string {
  return rt.dataset?.[split] ?? join(rt.runDir, `${split}.jsonl`);
}

export function itemSource(data: EvaluateOptions['data'], rt: EvaluatorRuntime): ItemSource {
  if (typeof data === 'object')
    return { path: resolve(rt.baseDir, data.path), fields: data.fields, field: 'evaluate.data.path' };
  if (data === 'validation' || data === 'train')
    return {
      path: splitPath(data, rt),
      field: 'evaluate.data',
      hint: splitHint(data, 'set evaluate.data to a file', rt),
    };
  return { path: resolve(rt.baseDir, data), field: 'evaluate.data' };
}

/** Where a missing split comes from, and the way around it. */
export function splitHint(split: 'train' | 'validation', instead: string, rt?: EvaluatorRuntime): string {
  // The dataset section ran and wrote no such file: its split left that side empty (and warned why).
  if (rt?.dataset && !rt.dataset[split])
    return `the dataset section wrote no ${split}.jsonl: its split left ${split} empty (the split step's warning says why); fix the split, or ${instead}`;
  return `${split}.jsonl is written by the dataset section: add one, or ${instead}`;
}

/** A model id left with an unresolved `${{ ... }}` means the reference had nothing to point at. */
export function resolvedModel(model: string, field: string): string {
  if (!model.includes('${{')) return model;
  throw new TunekitError('UNKNOWN_REFERENCE', `${model} has no value here: no train section ran in this run folder`, {
    context: { field, hint: 'add a train: section, or name a model id' },
  });
}
