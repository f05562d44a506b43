import type { Step } from '../contracts/step.js';
import { type Batches, batchStage, mapStage, runStage, sourceStage, timed } from './stages.js';
import { createStepContext, type StepContextDeps } from './step-context.js';
import { Tally } from './tally.js';

export interface ChainStep {
  name: string;
  step: Step;
}

export interface Chain {
  output: Batches;
  /** Sources first, then steps, in pipeline order. */
  tallies: Tally[];
  /** Exclusive milliseconds per tally (time in the step minus time waiting for its upstream). */
  exclusiveMs(): number[];
}

async function* concat(parts: Batches[]): Batches {
  for (const part of parts) yield* part;
}

/** Wires sources and steps into one pull-based chain of batches, with a tally per step for the ledger. */
export function buildChain(sources: ChainStep[], steps: ChainStep[], deps: StepContextDeps): Chain {
  const tallies: Tally[] = [];
  const inclusive: number[] = [];
  const track = (batches: Batches, index: number): Batches => {
    inclusive[index] = 0;
    return timed(batches, (ms) => {
      inclusive[index]! += ms;
    });
  };
  const sourceOutputs = sources.map(({ name, step }) => {
    const tally = new Tally(name);
    tallies.push(tally);
    return track(sourceStage(step, createStepContext(tally, deps), tally), tallies.length - 1);
  });
  let current: Batches = concat(sourceOutputs);
  const sourceCount = sources.length;
  for (const { name, step } of steps) {
    const tally = new Tally(name, step.fanOut === true);
    tallies.push(tally);
    const ctx = createStepContext(tally, deps);
    const stage = step.map ? mapStage : step.runBatches ? batchStage : runStage;
    current = track(stage(current, step, ctx, tally), tallies.length - 1);
  }
  return {
    output: current,
    tallies,
    exclusiveMs() {
      return tallies.map((_, index) => {
        const own = inclusive[index] ?? 0;
        if (index < sourceCount) return own;
        const upstream =
          index === sourceCount
            ? inclusive.slice(0, sourceCount).reduce((a, b) => a + b, 0)
            : (inclusive[index - 1] ?? 0);
        return Math.max(0, own - upstream);
      });
    },
  };
}
