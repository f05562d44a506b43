import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A batch function a worker can build: `module` exports `exportName(init)`, which returns `(batch) => result`.
 * The function must be pure: its output may depend only on `init` and the batch, so any number of workers gives
 * the same result.
 */
export interface BatchTaskSpec<I, O> {
  module: string;
  exportName: string;
  init: unknown;
  /** The same factory, for running in the calling thread (one worker). */
  inline(init: unknown): BatchFunction<I, O>;
}

export type BatchFunction<I, O> = (batch: I[]) => O | Promise<O>;

/**
 * The URL a worker imports for a task module. Workers run built JavaScript: when the caller runs from TypeScript
 * sources (tests), this points at the same file under `dist/`.
 */
export function builtModuleUrl(moduleUrl: string): string {
  if (!moduleUrl.endsWith('.ts')) return moduleUrl;
  const path = fileURLToPath(moduleUrl);
  const built = path.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, '$1dist$2').replace(/\.ts$/, '.js');
  return pathToFileURL(built).href;
}
