import { type ModelRetirement, TunekitError } from '@tunekit/core';
import { getModelInfo } from '@tunekit/format';

/** When OpenAI retires the model a job trains (and so the fine-tune it makes), if the catalog knows. */
export function baseRetirement(model: string): ModelRetirement | undefined {
  try {
    const info = getModelInfo(model);
    return info.retires && { model: info.catalogId, ...info.retires };
  } catch (error) {
    if (TunekitError.is(error, 'UNKNOWN_MODEL')) return undefined;
    throw error;
  }
}
