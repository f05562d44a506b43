import type { TrainingFormat } from '../training-line.js';
import { type FormatProblem, formatProblem } from './problem-codes.js';

const NAMES: Record<TrainingFormat, string> = {
  chat: 'chat',
  preference: 'preference',
  completion: 'prompt/completion',
};

/**
 * Whether a model trains on a file of this format: the service fails a job whose file is of a format its model does
 * not take (prompt/completion lines on gpt-4o-mini, chat lines on babbage-002), but only after the upload.
 */
export function checkModelFormat(
  format: TrainingFormat,
  model: { id: string; trainingFormats?: readonly TrainingFormat[] },
): FormatProblem | undefined {
  const formats = model.trainingFormats;
  if (!formats || formats.includes(format)) return undefined;
  const takes = formats.map((f) => NAMES[f]).join(' and ');
  const instead =
    format === 'completion'
      ? 'prompt/completion lines train babbage-002 and davinci-002 only'
      : `${NAMES[format]} lines need a chat model such as gpt-4o-mini-2024-07-18`;
  return formatProblem(
    'format_not_for_model',
    `${model.id} trains on ${takes} lines, not ${NAMES[format]} lines: ${instead}`,
  );
}
