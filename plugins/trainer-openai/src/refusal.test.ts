import { TunekitError } from '@tunekit/core';
import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { explainCreateRefusal } from './refusal.js';

const apiError = (status: number, message: string, param?: string) =>
  APIError.generate(status, { error: { message, param } }, undefined, new Headers());

describe('explainCreateRefusal', () => {
  it('turns a 403 into one TRAINING_UNAVAILABLE line naming other trainers', () => {
    const error = explainCreateRefusal(
      apiError(403, 'You do not have access to fine-tuning.'),
      'https://api.openai.com/v1',
    );
    expect(TunekitError.is(error, 'TRAINING_UNAVAILABLE')).toBe(true);
    expect((error as TunekitError).render()).toMatch(
      /refuses to create fine-tuning jobs .*Azure OpenAI.*local trainer/,
    );
    expect((error as TunekitError).render()).not.toContain('\n');
  });

  it('recognises a 400 that says fine-tuning is no longer available', () => {
    const error = explainCreateRefusal(
      apiError(400, 'Fine-tuning is no longer available for new jobs in this organization.'),
      'x',
    );
    expect(TunekitError.is(error, 'TRAINING_UNAVAILABLE')).toBe(true);
  });

  it('keeps other 400s as a rejected job with the param, and leaves a 401 to explainApiError', () => {
    const rejected = explainCreateRefusal(apiError(400, 'Invalid suffix', 'suffix'), 'x');
    expect(TunekitError.is(rejected, 'TRAINER_FAILED')).toBe(true);
    expect((rejected as TunekitError).message).toContain('(param suffix)');
    const unauthorized = apiError(401, 'bad key');
    expect(explainCreateRefusal(unauthorized, 'x')).toBe(unauthorized);
    const other = new Error('boom');
    expect(explainCreateRefusal(other, 'x')).toBe(other);
  });
});
