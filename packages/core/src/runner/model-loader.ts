import type { ModelContext } from '../contracts/model.js';
import { TunekitError } from '../errors.js';

const FORMAT_PACKAGE = '@tunekit/format';

/** Loads the target model's context from @tunekit/format (imported lazily: core has no build-time dependency on it). */
export async function loadModelContext(model: string, prices?: Record<string, unknown>): Promise<ModelContext> {
  const format = (await import(FORMAT_PACKAGE)) as {
    createModelContext?: (options: { model: string; prices?: Record<string, unknown> }) => Promise<ModelContext>;
  };
  if (!format.createModelContext)
    throw new TunekitError('INTERNAL', `${FORMAT_PACKAGE} does not export createModelContext`);
  return format.createModelContext({ model, prices });
}

/** A memoised loader, so a run tokenizes with one model context. */
export function lazyModel(model: string, prices?: Record<string, unknown>): () => Promise<ModelContext> {
  let pending: Promise<ModelContext> | undefined;
  return () => {
    pending ??= loadModelContext(model, prices);
    return pending;
  };
}
