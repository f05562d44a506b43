import { basename } from 'node:path';
import { retirementNotice } from '@tunekit/core';
import type { FORMAT_PROBLEM_CODES } from '../validate/problem-codes.js';
import type { Distribution } from './distribution.js';
import type { InspectReport } from './inspect-report.js';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** The human form of an inspect report: a few lines and one table, no colours. */
export function renderInspectReport(report: InspectReport): string {
  const out: string[] = [];
  out.push(
    `${basename(report.file)}: ${number.format(report.examples)} example${report.examples === 1 ? '' : 's'} (${report.format}), ${number.format(report.valid_examples)} valid`,
  );
  out.push(
    `model ${report.model} (${report.encoding}), per-example limit ${number.format(report.example_token_limit)} tokens`,
  );
  out.push('');
  const errors = Object.entries(report.format_errors);
  if (errors.length === 0) out.push('Format errors: none');
  else {
    out.push('Format errors:');
    for (const [code, count] of errors) {
      const lines = report.format_error_lines[code as keyof typeof FORMAT_PROBLEM_CODES] ?? [];
      const more = count > lines.length ? ', …' : '';
      out.push(`  ${code.padEnd(36)} ${String(count).padStart(6)}  line ${lines.join(', ')}${more}`);
    }
  }
  for (const problem of report.file_problems) out.push(`File: ${problem.message}`);
  for (const advice of report.completion_advice) out.push(`Advice: ${advice.message}`);
  const repeats = repeatLines(report);
  if (repeats) out.push(repeats);
  if (report.missing_system || report.missing_user) {
    out.push(
      `Warnings: ${report.missing_system} without a system message, ${report.missing_user} without a user message`,
    );
  }
  out.push('');
  out.push(row('per example', ['min', 'max', 'mean', 'median', 'p10', 'p90']));
  out.push(distributionRow('messages', report.messages));
  out.push(distributionRow('tokens', report.tokens));
  out.push(distributionRow('assistant tokens', report.assistant_tokens));
  out.push('');
  if (report.too_long > 0) {
    out.push(
      `${report.too_long} over the limit (line ${report.too_long_lines.join(', ')}): truncated to ${number.format(report.example_token_limit)} tokens in training`,
    );
  }
  out.push(
    `Estimate: ${report.epochs} epoch${report.epochs === 1 ? '' : 's'} × ${number.format(report.billing_tokens)} billing tokens = ${number.format(report.charged_tokens)} charged tokens`,
  );
  out.push(costLine(report));
  if (report.retires) out.push(`Retires: ${retirementNotice(report.retires)}`);
  return `${out.join('\n')}\n`;
}

/** `Repeats: …` when lines repeat an earlier line or ask its prompt with another answer; undefined otherwise. */
function repeatLines(report: InspectReport): string | undefined {
  const said: string[] = [];
  const pairs = (list: [number, number][], total: number, says: (line: number, first: number) => string) =>
    `line ${list.map(([line, first]) => says(line, first)).join(', ')}${total > list.length ? ', …' : ''}`;
  if (report.repeated_examples > 0) {
    const n = report.repeated_examples;
    said.push(
      `${number.format(n)} line${n === 1 ? '' : 's'} repeat${n === 1 ? 's' : ''} an earlier one (${pairs(report.repeated_example_lines, n, (line, first) => `${line} repeats ${first}`)})`,
    );
  }
  if (report.conflicting_answers > 0) {
    const n = report.conflicting_answers;
    said.push(
      `${number.format(n)} ask${n === 1 ? 's' : ''} an earlier line's prompt with another answer (${pairs(report.conflicting_answer_lines, n, (line, first) => `${line} asks what ${first} asks`)}): a model trained on both picks one at random`,
    );
  }
  return said.length > 0 ? `Repeats: ${said.join('; ')}` : undefined;
}

function costLine(report: InspectReport): string {
  const price = report.training_price;
  if (report.estimated_cost_usd === null || price.usd_per_million === null)
    return 'Cost: no training price for this model';
  const when = [price.as_of, price.source].filter(Boolean).join(', ');
  return `Cost: ≈ $${report.estimated_cost_usd.toFixed(2)} at $${price.usd_per_million.toFixed(2)} per 1M training tokens${when ? ` (${when})` : ''}`;
}

function distributionRow(label: string, d: Distribution): string {
  return row(
    label,
    [d.min, d.max, d.mean, d.median, d.p10, d.p90].map((v) => number.format(v)),
  );
}

function row(label: string, cells: string[]): string {
  return `${label.padEnd(18)}${cells.map((cell) => cell.padStart(10)).join('')}`;
}
