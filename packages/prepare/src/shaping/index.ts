import type { StepPlugin } from '@tunekit/core';
import { normalizeStep } from './normalize.js';
import { redactPiiStep } from './redact-pii.js';
import { toChatStep } from './to-chat.js';

export const plugins: Record<string, StepPlugin> = {
  'to-chat': toChatStep,
  normalize: normalizeStep,
  'redact-pii': redactPiiStep,
};
