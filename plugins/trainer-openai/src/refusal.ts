import { TunekitError } from '@tunekit/core';
import { APIError } from 'openai';
import { describe } from './retry.js';

const OTHER_TRAINERS =
  'train on Azure OpenAI (provider with `azure:`), another hosted service or a local trainer plugin instead';

/** 403 on job creation, or a 400 that says fine-tuning is unavailable: OpenAI's 2026 wind-down of self-serve fine-tuning. */
function isWindDown(error: APIError): boolean {
  if (error.status === 403) return true;
  if (error.status !== 400) return false;
  return /fine[- ]?tun\w*.*(not available|no longer|unavailable|not (permitted|allowed|enabled)|disabled)|(not available|no longer|not allowed).*fine[- ]?tun/i.test(
    error.message,
  );
}

/** Turns the service's refusal to create a job into one line a user can act on; other errors pass through. */
export function explainCreateRefusal(error: unknown, endpoint: string): unknown {
  // A 401 passes through: `explainApiError` words it the same whichever request met it.
  if (!(error instanceof APIError)) return error;
  if (isWindDown(error)) {
    return new TunekitError(
      'TRAINING_UNAVAILABLE',
      `${endpoint} refuses to create fine-tuning jobs for this organisation (${describe(error)}); ${OTHER_TRAINERS}`,
      {
        cause: error,
      },
    );
  }
  // Any other refusal that waiting does not cure: a bad request, a missing file (404), no quota left (429
  // insufficient_quota). A 401 is worded by `explainApiError`.
  if (error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 401) {
    const param = error.param ? ` (param ${error.param})` : '';
    const status = error.status === 400 ? '' : ` (${describe(error)})`;
    return new TunekitError(
      'TRAINER_FAILED',
      `${endpoint} rejected the job: ${error.message.split('\n')[0]}${param}${status}`,
      { cause: error, context: { field: error.param ?? undefined } },
    );
  }
  return error;
}
