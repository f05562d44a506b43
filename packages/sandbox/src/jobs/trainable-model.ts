import { getModelInfo, type TrainingFormat } from '@tunekit/format';
import type { SandboxContext } from '../context.js';
import { ApiError } from '../http/api-error.js';
import { jobOfModel } from '../models/fine-tuned-models.js';

const NAMES: Record<TrainingFormat, string> = {
  chat: 'chat (messages)',
  preference: 'preference (input, preferred_output, non_preferred_output)',
  completion: 'prompt/completion',
};

/**
 * The line format a job trains on, like the service decides it at creation: the model must be one it fine-tunes (a
 * snapshot of the catalog, or an `ft:` model of this organisation, to continue training), else 400
 * `model_not_available`; DPO trains on preference lines, supervised training on the model's own format.
 */
export function trainingFormatOf(ctx: SandboxContext, model: string, method: string): TrainingFormat {
  const formats = fineTunedFormats(ctx, model);
  if (method === 'dpo') return 'preference';
  return formats.includes('completion') ? 'completion' : 'chat';
}

/** The service's words when a line is of another format than the job trains on. */
export function formatMismatch(expected: TrainingFormat, found: TrainingFormat): string {
  return `expected ${NAMES[expected]} lines for this job, found ${NAMES[found]} lines`;
}

function fineTunedFormats(ctx: SandboxContext, model: string): readonly TrainingFormat[] {
  const unavailable = new ApiError(
    400,
    `Model ${model} is not available for fine-tuning or does not exist.`,
    'invalid_request_error',
    'model_not_available',
    'model',
  );
  if (model.startsWith('ft:') && !jobOfModel(ctx, model)) throw unavailable;
  let info: ReturnType<typeof getModelInfo>;
  try {
    info = getModelInfo(model);
  } catch {
    throw unavailable;
  }
  if (!info.fineTunable || !info.trainingFormats) throw unavailable;
  return info.trainingFormats;
}
