import { type EvalItem, TunekitError } from '@tunekit/core';
import { lastUserText } from '../items/chat-item.js';
import type { ItemOutput, ItemRow } from '../report/report-data.js';
import type { ScoreSample } from '../stats/index.js';
import { type CandidateRuntime, generate } from './candidate-runtime.js';
import { type ScoringPlan, scoreOutputs } from './score-item.js';

const PROMPT_PREVIEW_CHARS = 2000;

export interface RunItemsInput {
  items: AsyncIterable<EvalItem>;
  candidates: readonly CandidateRuntime[];
  plan: ScoringPlan;
  /** Where rows go, one JSON line each; a returned promise is backpressure. */
  rows: { write(line: string): Promise<void> | undefined };
  /** Items processed at once; bounds memory (items are streamed, rows written as they finish). */
  window: number;
  signal: AbortSignal;
  onItem?(progress: { done: number; errors: number }): void;
}

export interface RunItemsResult {
  items: number;
  /** Items where at least one candidate has no output. */
  errors: number;
  /** Per candidate: how many items got an output. */
  outputs: number[];
  /** Per candidate: the generation error of the earliest item that has one. */
  firstErrors: Array<{ item: string; error: string } | undefined>;
  /** samples[candidate][scorer][item], aligned by item position. */
  samples: ScoreSample[][][];
}

/** Streams items through generation and scoring with a bounded window; each row goes to disk when its item is done. */
export async function runItems(input: RunItemsInput): Promise<RunItemsResult> {
  const { candidates, plan, rows, signal } = input;
  const samples: ScoreSample[][][] = candidates.map(() => plan.scorers.map(() => []));
  const produced = candidates.map(() => 0);
  const firstErrors: Array<{ index: number; item: string; error: string } | undefined> = candidates.map(
    () => undefined,
  );
  const pending = new Set<Promise<void>>();
  let done = 0;
  let errors = 0;
  let failure: unknown;

  const processItem = async (item: EvalItem, index: number): Promise<void> => {
    const generated = await Promise.all(candidates.map((c) => generate(c, item)));
    const scores = await scoreOutputs(plan, item, generated, signal);
    const outputs: Record<string, ItemOutput> = {};
    candidates.forEach((candidate, c) => {
      const g = generated[c]!;
      if (g.output !== null) produced[c]!++;
      else if (g.error !== undefined && (firstErrors[c]?.index ?? Number.POSITIVE_INFINITY) > index) {
        firstErrors[c] = { index, item: item.id, error: g.error };
      }
      const itemScores: ItemOutput['scores'] = {};
      plan.scorers.forEach((scorer, s) => {
        const score = scores[c]?.[s];
        if (!score) return;
        itemScores[scorer.name] = score;
        samples[c]![s]![index] = { score: score.score, pass: score.pass, error: score.error ? 'error' : undefined };
      });
      outputs[candidate.name] = {
        output: g.output,
        error: g.error,
        latencyMs: g.latencyMs,
        cached: g.cached,
        scores: itemScores,
      };
    });
    const row: ItemRow = {
      id: item.id,
      prompt: lastUserText(item).slice(0, PROMPT_PREVIEW_CHARS),
      reference: item.reference,
      outputs,
    };
    await rows.write(JSON.stringify(row));
    done++;
    if (generated.some((g) => g.output === null)) errors++;
    input.onItem?.({ done, errors });
  };

  let index = 0;
  for await (const item of input.items) {
    if (failure || signal.aborted) break;
    const task: Promise<void> = processItem(item, index++)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => pending.delete(task));
    pending.add(task);
    if (pending.size >= input.window) await Promise.race(pending);
  }
  await Promise.all(pending);
  if (failure) throw failure;
  if (signal.aborted) throw new TunekitError('ABORTED', 'evaluation interrupted');
  return {
    items: index,
    errors,
    samples,
    outputs: produced,
    firstErrors: firstErrors.map((first) => first && { item: first.item, error: first.error }),
  };
}
