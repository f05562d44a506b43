import type { StepPlugin } from '@tunekit/core';

export const plugins: Record<string, StepPlugin> = {};
