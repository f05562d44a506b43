import type { EvaluationFailure, EvaluationOutcome } from '../contracts/evaluator.js';
import { TunekitError } from '../errors.js';
import type { EvaluationRecord } from '../run-folder/manifest.js';

export function evaluationRecord(outcome: EvaluationOutcome): EvaluationRecord {
  return {
    gatePassed: outcome.gatePassed,
    summary: outcome.summary,
    reports: outcome.reports,
    ...(outcome.cost ? { cost: outcome.cost } : {}),
    ...(outcome.failure ? { failure: outcome.failure } : {}),
  };
}

/** An evaluator that threw left no reports it could name: the section holds the error alone. */
export function thrownEvaluationRecord(error: unknown): EvaluationRecord {
  const failure: EvaluationFailure = TunekitError.is(error)
    ? { code: error.code, message: error.message, ...(error.context.hint ? { hint: error.context.hint } : {}) }
    : { code: 'INTERNAL', message: String(error) };
  return { failure };
}

/** The error a failed evaluation ends the run with (the CLI prints it in one line; a run error exits 1). */
export function evaluationFailed(failure: EvaluationFailure): TunekitError {
  return new TunekitError(failure.code, failure.message, failure.hint ? { context: { hint: failure.hint } } : {});
}
