import { createModelContext } from '@tunekit/format';
import { describe, expect, it } from 'vitest';
import { trainingModel } from './training-model.js';

const pipelineModel = await createModelContext({ model: 'gpt-4o-mini-2024-07-18' });
const logger = (warnings: string[]) => ({ debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} });

describe('trainingModel', () => {
  it("is the pipeline's model unless train.with.model names another", async () => {
    expect(await trainingModel(undefined, pipelineModel, logger([]))).toBe(pipelineModel);
    expect(await trainingModel(pipelineModel.id, pipelineModel, logger([]))).toBe(pipelineModel);
    expect((await trainingModel('gpt-4o-2024-08-06', pipelineModel, logger([]))).prices.training).toBe(25);
    expect((await trainingModel('gpt-3.5-turbo-0125', pipelineModel, logger([]))).encoding).toBe('cl100k_base');
  });

  it('gives a model the catalog does not know no price, and says max_cost_usd is not checked', async () => {
    const warnings: string[] = [];
    const model = await trainingModel('my-own-model', pipelineModel, logger(warnings));
    expect(model.id).toBe('my-own-model');
    expect(model.prices.training).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('max_cost_usd is not checked')]);
  });
});
