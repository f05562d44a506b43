import type { ModelRetirement } from '@tunekit/core';
import type { FormatProblem, FormatProblemCode } from '../validate/problem-codes.js';
import type { CompletionAdvice } from './completion-checks.js';
import type { Distribution } from './distribution.js';
import type { RepeatedPrompts } from './repeated-prompts.js';

/** What `tunekit inspect --json` prints (snake_case, stable keys). */
/** `RepeatedPrompts`: lines that repeat an earlier one, or ask its prompt with another answer (pairs: [line, first]). */
export interface InspectReport extends RepeatedPrompts {
  file: string;
  bytes: number;
  model: string;
  encoding: string;
  /** The format of the first JSON line; lines of another format count as `format_mismatch`. */
  format: 'chat' | 'preference' | 'completion' | 'unknown';
  /** Non-blank lines. */
  examples: number;
  /** Lines without any format problem. */
  valid_examples: number;
  format_errors: Partial<Record<FormatProblemCode, number>>;
  /** Line numbers (1-based) of each code, at most 20 per code. */
  format_error_lines: Partial<Record<FormatProblemCode, number[]>>;
  /** File-level problems: fewer than 10 examples, over 8 GB. */
  file_problems: FormatProblem[];
  /** For prompt/completion files: the legacy `prepare_data` advice (separator, ending, leading space, …). */
  completion_advice: CompletionAdvice[];
  missing_system: number;
  missing_user: number;
  messages: Distribution;
  tokens: Distribution;
  assistant_tokens: Distribution;
  example_token_limit: number;
  too_long: number;
  too_long_lines: number[];
  epochs: number;
  billing_tokens: number;
  charged_tokens: number;
  /** At the catalog's (or the overridden) training price; null when the model has none. */
  estimated_cost_usd: number | null;
  training_price: { usd_per_million: number | null; as_of?: string; source?: string };
  /** When OpenAI retires the model, and the fine-tunes built on it, if the catalog knows. */
  retires?: ModelRetirement;
}
