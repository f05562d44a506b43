import type { JsonSchemaObject } from '../training-line.js';
import type { TokenCounter } from './token-counter.js';

/** Constants of `num_tokens_for_tools` in OpenAI's token-counting notebook, per model family. */
export interface ToolTokenConstants {
  funcInit: number;
  propInit: number;
  propKey: number;
  enumInit: number;
  enumItem: number;
  funcEnd: number;
}

/** gpt-4o / gpt-4o-mini (and the other o200k_base models). */
export const O200K_TOOL_CONSTANTS: ToolTokenConstants = {
  funcInit: 7,
  propInit: 3,
  propKey: 3,
  enumInit: -3,
  enumItem: 3,
  funcEnd: 12,
};
/** gpt-3.5-turbo / gpt-4 (cl100k_base). */
export const CL100K_TOOL_CONSTANTS: ToolTokenConstants = { ...O200K_TOOL_CONSTANTS, funcInit: 10 };

export function toolConstantsFor(encoding: string): ToolTokenConstants {
  return encoding === 'o200k_base' ? O200K_TOOL_CONSTANTS : CL100K_TOOL_CONSTANTS;
}

interface FunctionLike {
  name?: unknown;
  description?: unknown;
  parameters?: JsonSchemaObject;
}

/** Tokens of tool definitions by the notebook's formula; definitions repeat across examples, so counts are cached. */
export function countToolTokens(functions: readonly FunctionLike[], counter: TokenCounter): number {
  if (functions.length === 0) return 0;
  const k = toolConstantsFor(counter.encoding);
  let tokens = 0;
  for (const fn of functions) {
    tokens += k.funcInit;
    tokens += counter.countCached(`${text(fn.name)}:${withoutFinalPeriod(text(fn.description))}`);
    const properties = fn.parameters?.properties;
    if (!properties || typeof properties !== 'object') continue;
    const keys = Object.keys(properties);
    if (keys.length === 0) continue;
    tokens += k.propInit;
    for (const key of keys) {
      const property = properties[key] ?? {};
      tokens += k.propKey;
      if (Array.isArray(property.enum)) {
        tokens += k.enumInit;
        for (const item of property.enum) tokens += k.enumItem + counter.countCached(text(item));
      }
      const description = withoutFinalPeriod(text(property.description));
      tokens += counter.countCached(`${key}:${text(property.type)}:${description}`);
    }
  }
  return tokens + k.funcEnd;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function withoutFinalPeriod(value: string): string {
  return value.endsWith('.') ? value.slice(0, -1) : value;
}
