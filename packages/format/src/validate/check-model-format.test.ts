import { describe, expect, it } from 'vitest';
import { getModelInfo } from '../catalog/get-model-info.js';
import { checkModelFormat } from './check-model-format.js';

describe('checkModelFormat', () => {
  it('knows what each fine-tunable catalog model trains on', () => {
    expect(getModelInfo('davinci-002').trainingFormats).toEqual(['completion']);
    expect(getModelInfo('babbage-002').trainingFormats).toEqual(['completion']);
    expect(getModelInfo('gpt-4o-mini').trainingFormats).toEqual(['chat', 'preference']);
    expect(getModelInfo('ft:gpt-4o-mini-2024-07-18:acme:x:abc123').trainingFormats).toEqual(['chat', 'preference']);
    expect(getModelInfo('gpt-4-0613').trainingFormats).toBeUndefined(); // not fine-tunable
    expect(getModelInfo('my-model', { 'my-model': { training: 1 } }).trainingFormats).toBeUndefined();
  });

  it('passes the formats a model trains on, and models the catalog does not describe', () => {
    expect(checkModelFormat('chat', getModelInfo('gpt-4o-mini'))).toBeUndefined();
    expect(checkModelFormat('preference', getModelInfo('gpt-4.1-mini-2025-04-14'))).toBeUndefined();
    expect(checkModelFormat('completion', getModelInfo('davinci-002'))).toBeUndefined();
    expect(checkModelFormat('completion', { id: 'my-model' })).toBeUndefined();
  });

  it('names the model, both formats and what would fit', () => {
    expect(checkModelFormat('completion', getModelInfo('gpt-4o-mini'))).toEqual({
      code: 'format_not_for_model',
      message:
        'gpt-4o-mini trains on chat and preference lines, not prompt/completion lines: prompt/completion lines train babbage-002 and davinci-002 only',
    });
    expect(checkModelFormat('chat', getModelInfo('babbage-002'))?.message).toBe(
      'babbage-002 trains on prompt/completion lines, not chat lines: chat lines need a chat model such as gpt-4o-mini-2024-07-18',
    );
  });
});
