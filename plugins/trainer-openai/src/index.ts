import type { AnyPlugin } from '@tunekit/core';

export const plugins: Record<string, AnyPlugin> = {};
