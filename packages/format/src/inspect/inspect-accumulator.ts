import type { ModelContext } from '@tunekit/core';
import { TrainingEstimator, trainingCostUsd } from '../estimate/training-estimate.js';
import type { TrainingFormat } from '../training-line.js';
import { checkFile } from '../validate/check-file.js';
import { checkModelFormat } from '../validate/check-model-format.js';
import { detectFormat } from '../validate/detect-format.js';
import type { FormatProblem, FormatProblemCode } from '../validate/problem-codes.js';
import { validateJsonLine } from '../validate/validate-line.js';
import { CompletionChecks } from './completion-checks.js';
import { distribution } from './distribution.js';
import type { InspectReport } from './inspect-report.js';
import { RepeatedPromptWatch } from './repeated-prompts.js';

const MAX_LINES_PER_CODE = 20;

/**
 * The data-preparation notebook, one line at a time: format errors, missing system/user messages, token
 * statistics and the estimate. Keeps three numbers per example for the distributions, nothing else.
 */
export class InspectAccumulator {
  private format: TrainingFormat | undefined;
  private examples = 0;
  private valid = 0;
  private missingSystem = 0;
  private missingUser = 0;
  private readonly errors = new Map<FormatProblemCode, number>();
  private readonly errorLines = new Map<FormatProblemCode, number[]>();
  private readonly messages: number[] = [];
  private readonly tokens: number[] = [];
  private readonly assistantTokens: number[] = [];
  private readonly tooLongLines: number[] = [];
  private tooLong = 0;
  private readonly estimator: TrainingEstimator;
  private readonly completions = new CompletionChecks();
  private readonly repeats = new RepeatedPromptWatch();

  constructor(private readonly model: ModelContext) {
    this.estimator = new TrainingEstimator(model.exampleTokenLimit);
  }

  /** Adds one non-blank line of the file; `found` are problems of its bytes that the text no longer shows. */
  addLine(text: string, lineNumber: number, found: readonly FormatProblem[] = []): void {
    this.examples += 1;
    const checked = validateJsonLine(text, this.format ? { format: this.format } : {});
    const { value } = checked;
    const problems = [...found, ...checked.problems];
    const detected = detectFormat(value);
    if (!this.format && detected !== 'unknown') this.format = detected;
    if (problems.length === 0) {
      this.valid += 1;
      if (detected === 'completion') {
        const { prompt, completion } = value as { prompt: string; completion: string };
        this.completions.add(prompt, completion);
      }
    }
    for (const code of new Set(problems.map((p) => p.code))) this.countError(code, lineNumber);
    if (detected === 'unknown') return;
    this.repeats.add(value, detected, lineNumber);
    this.countRoles(value as Record<string, unknown>, detected);
    const count = this.model.countExample(value);
    this.messages.push(count.messages);
    this.tokens.push(count.total);
    this.assistantTokens.push(count.assistant);
    this.estimator.add(count.total);
    if (count.total > this.model.exampleTokenLimit) {
      this.tooLong += 1;
      if (this.tooLongLines.length < MAX_LINES_PER_CODE) this.tooLongLines.push(lineNumber);
    }
  }

  report(file: { path: string; bytes: number }, nEpochs?: number): InspectReport {
    const estimate = this.estimator.result(nEpochs);
    const { prices } = this.model;
    const cost = trainingCostUsd(estimate, prices);
    return {
      file: file.path,
      bytes: file.bytes,
      model: this.model.id,
      encoding: this.model.encoding,
      format: this.format ?? 'unknown',
      examples: this.examples,
      valid_examples: this.valid,
      format_errors: Object.fromEntries(this.errors),
      format_error_lines: Object.fromEntries(this.errorLines),
      file_problems: this.fileProblems(file.bytes),
      completion_advice: this.completions.advice(),
      ...this.repeats.report(),
      missing_system: this.missingSystem,
      missing_user: this.missingUser,
      messages: distribution(this.messages),
      tokens: distribution(this.tokens),
      assistant_tokens: distribution(this.assistantTokens),
      example_token_limit: this.model.exampleTokenLimit,
      too_long: this.tooLong,
      too_long_lines: this.tooLongLines,
      epochs: estimate.epochs,
      billing_tokens: estimate.billingTokens,
      charged_tokens: estimate.chargedTokens,
      estimated_cost_usd: cost ?? null,
      training_price: {
        usd_per_million: prices.training ?? null,
        ...(prices.asOf ? { as_of: prices.asOf } : {}),
        ...(prices.source ? { source: prices.source } : {}),
      },
    };
  }

  private fileProblems(bytes: number): FormatProblem[] {
    const problems = checkFile({ examples: this.examples, bytes });
    const wrongFormat = this.format && checkModelFormat(this.format, this.model);
    return wrongFormat ? [wrongFormat, ...problems] : problems;
  }

  private countError(code: FormatProblemCode, lineNumber: number): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
    const lines = this.errorLines.get(code) ?? [];
    if (lines.length < MAX_LINES_PER_CODE) lines.push(lineNumber);
    this.errorLines.set(code, lines);
  }

  private countRoles(line: Record<string, unknown>, format: TrainingFormat): void {
    if (format === 'completion') return;
    const holder = format === 'preference' ? line.input : line;
    const list =
      typeof holder === 'object' && holder !== null ? (holder as { messages?: unknown }).messages : undefined;
    const roles = new Set(
      Array.isArray(list)
        ? list.map((m) => (typeof m === 'object' && m !== null ? (m as { role?: unknown }).role : undefined))
        : [],
    );
    if (!roles.has('system')) this.missingSystem += 1;
    if (!roles.has('user')) this.missingUser += 1;
  }
}
