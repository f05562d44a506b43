import { basename, dirname, relative } from 'node:path';
import type { EvaluationFailure } from '@tunekit/core';
import type { CandidateRuntime } from '../runner/candidate-runtime.js';
import type { RunItemsResult } from '../runner/run-items.js';

/**
 * A candidate that got no output for any item has nothing to score: the evaluation failed, whatever the gate says (a
 * run without a gate would otherwise end "succeeded" with "No scores."). So did one of no items at all (an empty
 * data file): a user error. Partial failures stay warnings. The reports are written before this is decided, so the
 * per-item errors can be read there.
 */
export function noOutputFailure(
  candidates: readonly CandidateRuntime[],
  result: RunItemsResult,
  reports: readonly string[],
  data: { path: string; field?: string },
): EvaluationFailure | undefined {
  if (result.items === 0) {
    return {
      code: 'INPUT_INVALID',
      message: `evaluate: ${shownPath(data.path)} holds no items, so nothing was evaluated`,
      hint: `${data.field ?? 'evaluate.data'} names a JSONL file of chat lines or rows`,
    };
  }
  const c = candidates.findIndex((_, i) => result.outputs[i] === 0);
  if (c < 0) return undefined;
  const candidate = candidates[c]!;
  const first = result.firstErrors[c];
  const cause = first ? `; first error (item ${first.item}): ${first.error}` : '';
  const others = candidates.filter((_, i) => i !== c && result.outputs[i] === 0).map((x) => `\`${x.name}\``);
  const also = others.length > 0 ? ` (nor did ${others.join(', ')})` : '';
  const where = reports.length > 0 ? `reports written: ${shown(reports)}` : undefined;
  return {
    code: candidate.outputs ? 'STEP_FAILED' : 'PROVIDER_ERROR',
    message: `evaluate: candidate \`${candidate.name}\` got no output for any of the ${result.items} item(s)${also}${cause}`,
    ...(where ? { hint: where } : {}),
  };
}

/** `runs/x/: report.html, report.json` (the folder relative to the working directory when it is below it). */
function shown(reports: readonly string[]): string {
  return `${shownPath(dirname(reports[0]!))}/: ${reports.map((r) => basename(r)).join(', ')}`;
}

/** A path relative to the working directory when it is below it. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
