import { TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { parseFineTunedId } from './fine-tuned-id.js';
import { getModelInfo } from './get-model-info.js';
import { MODEL_CATALOG } from './model-catalog.js';

describe('getModelInfo', () => {
  it('knows the 2023 launch prices of gpt-3.5-turbo-0613 and its 4,096-token limit', () => {
    const info = getModelInfo('gpt-3.5-turbo-0613');
    expect(info).toMatchObject({ encoding: 'cl100k_base', exampleTokenLimit: 4096, fineTunable: true });
    expect(info.prices).toMatchObject({ training: 8, fineTunedInput: 12, fineTunedOutput: 16, asOf: '2023-08-22' });
  });

  it('resolves aliases and GPT-4-class baselines', () => {
    expect(getModelInfo('gpt-4o-mini')).toMatchObject({
      catalogId: 'gpt-4o-mini-2024-07-18',
      encoding: 'o200k_base',
      exampleTokenLimit: 65_536,
    });
    expect(getModelInfo('gpt-4')).toMatchObject({
      encoding: 'cl100k_base',
      contextWindow: 8192,
      fineTunable: false,
      prices: { input: 30, output: 60 },
    });
    expect(getModelInfo('gpt-4-turbo').prices).toMatchObject({ input: 10, output: 30 });
    expect(getModelInfo('gpt-4.1-nano').prices).toMatchObject({ training: 1.5, input: 0.1, output: 0.4 });
  });

  it('uses cl100k_base for davinci-002 and babbage-002, unlike js-tiktoken', () => {
    expect(getModelInfo('davinci-002').encoding).toBe('cl100k_base');
    expect(getModelInfo('babbage-002').encoding).toBe('cl100k_base');
  });

  it('gives every catalog entry a date and a source', () => {
    for (const [id, entry] of Object.entries(MODEL_CATALOG)) {
      expect(entry.prices.asOf, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.prices.source, id).toBeTruthy();
    }
  });

  it("knows when OpenAI retires a model, and gives an ft: id its base's date", () => {
    expect(getModelInfo('gpt-4o-mini').retires).toEqual({
      on: '2027-01-14',
      source: "the zh-Hans copy of OpenAI's deprecations page",
      verified: false,
    });
    expect(getModelInfo('ft:gpt-4o-2024-08-06:org:legal:abc123').retires?.on).toBe('2027-01-14');
    expect(getModelInfo('gpt-4.1-nano-2025-04-14').retires?.on).toBe('2026-10-23');
    expect(getModelInfo('gpt-3.5-turbo-0125').retires).toBeUndefined();
  });

  it('prices ft: ids at the fine-tuned inference prices of their base', () => {
    const info = getModelInfo('ft:gpt-4o-mini-2024-07-18:my-org:custom_suffix:9ABel2dg');
    expect(info).toMatchObject({ catalogId: 'gpt-4o-mini-2024-07-18', fineTuned: true, encoding: 'o200k_base' });
    expect(info.prices).toMatchObject({ input: 0.3, cachedInput: 0.15, output: 1.2, training: 3 });
    expect(getModelInfo('ft:gpt-4o-mini:openai::7p4lURel').catalogId).toBe('gpt-4o-mini-2024-07-18');
    expect(getModelInfo('ft:gpt-3.5-turbo-0125:acme::abc').prices).toMatchObject({ input: 3, output: 6 });
  });

  it('applies overrides and adds unknown models from them', () => {
    expect(getModelInfo('gpt-4o-mini', { 'gpt-4o-mini': { training: 0 } }).prices.training).toBe(0);
    const added = getModelInfo('my-local-llama', {
      'my-local-llama': { encoding: 'cl100k_base', exampleTokenLimit: 8192, input: 0, output: 0 },
    });
    expect(added).toMatchObject({
      encoding: 'cl100k_base',
      exampleTokenLimit: 8192,
      contextWindow: 8192,
      fineTunable: true,
      prices: { input: 0 },
    });
    const tuned = getModelInfo('ft:gpt-4o-2024-08-06:o::x', { 'gpt-4o-2024-08-06': { fineTunedOutput: 20 } });
    expect(tuned.prices.output).toBe(20);
  });

  it('fails on an unknown model with how to add it', () => {
    let error: unknown;
    try {
      getModelInfo('gpt-4o-mimi');
    } catch (caught) {
      error = caught;
    }
    expect(TunekitError.is(error, 'UNKNOWN_MODEL')).toBe(true);
    expect((error as TunekitError).message).toMatch(/did you mean `gpt-4o-mini`/);
    expect((error as TunekitError).message).toMatch(/under `prices:` in the pipeline/);
    expect((error as TunekitError).isUserError).toBe(true);
  });
});

describe('parseFineTunedId', () => {
  it('reads base, org, suffix, id and checkpoint', () => {
    expect(parseFineTunedId('ft:gpt-4o-mini-2024-07-18:my-org:custom_suffix:9ABel2dg:ckpt-step-88')).toEqual({
      base: 'gpt-4o-mini-2024-07-18',
      organization: 'my-org',
      suffix: 'custom_suffix',
      jobModelId: '9ABel2dg',
      checkpointStep: 88,
    });
    expect(parseFineTunedId('gpt-4o')).toBeUndefined();
  });
});
