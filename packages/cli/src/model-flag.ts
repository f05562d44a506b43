import { closest, TunekitError } from '@tunekit/core';
import { getModelInfo, knownModelIds } from '@tunekit/format';

/**
 * A model named on the command line is in the catalog (or is a fine-tuned id of one). A command has no `prices:` to
 * add a model to, so an unknown one is a typo: one line with the closest catalog name, or an example of one.
 */
export function checkModelFlag(model: string, flag: string, example: string): void {
  try {
    getModelInfo(model);
  } catch (error) {
    if (!TunekitError.is(error, 'UNKNOWN_MODEL')) throw error;
    const match = closest(model, knownModelIds());
    const advice = match ? `did you mean ${match}?` : `${flag} takes a catalog model such as ${example}`;
    throw new TunekitError('UNKNOWN_MODEL', `unknown model ${model}; ${advice}`, { context: { field: flag } });
  }
}
