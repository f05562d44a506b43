import { type Logger, type ModelContext, TunekitError } from '@tunekit/core';
import { createModelContext } from '@tunekit/format';

/**
 * The model the job trains, for the estimate and the cost: `train.with.model` when it names another model than the
 * pipeline's `model:` (whose training price can be a fraction of it: gpt-4o-mini trains at $3 per 1M tokens, gpt-4o
 * at $25), else the pipeline's model. A model the catalog does not know keeps the pipeline's tokenizer but gets no
 * price: no cost is better than the wrong one, and the warning says that `max_cost_usd` cannot be checked.
 */
export async function trainingModel(
  model: string | undefined,
  pipelineModel: ModelContext,
  logger: Logger,
): Promise<ModelContext> {
  if (model === undefined || model === pipelineModel.id) return pipelineModel;
  try {
    return await createModelContext({ model });
  } catch (error) {
    if (!TunekitError.is(error, 'UNKNOWN_MODEL')) throw error;
    logger.warn(
      `train.with.model: the catalog has no training price for ${model}; the estimate has no cost and max_cost_usd is not checked`,
    );
    return { ...pipelineModel, id: model, prices: {} };
  }
}
