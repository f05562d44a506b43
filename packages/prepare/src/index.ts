import type { AnyPlugin } from '@tunekit/core';
import { plugins as qualityPlugins } from './quality/index.js';
import { plugins as shapingPlugins } from './shaping/index.js';
import { plugins as sinkPlugins } from './sinks/index.js';
import { plugins as sourcePlugins } from './sources/index.js';

/** Every built-in dataset step, by `use:` id. */
export const plugins: Record<string, AnyPlugin> = {
  ...sourcePlugins,
  ...shapingPlugins,
  ...qualityPlugins,
  ...sinkPlugins,
};
