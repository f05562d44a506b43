import { relative } from 'node:path';
import type { EvaluationOutcome, Manifest } from '@tunekit/core';
import { formatCount, formatCounted, formatMs, formatUsd, table } from './format.js';

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

interface EstimateLike {
  examples?: number;
  epochs?: number;
  billingTokens?: number;
  chargedTokens?: number;
  costUsd?: number;
  estimatedCostUsd?: number;
}

/** The training estimate of train.jsonl when the train phase made one, else the dataset's (before the split). */
function estimateLines(manifest: Manifest): string[] {
  const train = (manifest.train as { estimate?: EstimateLike & { trainingTokens?: number } } | undefined)?.estimate;
  const dataset = manifest.estimate as EstimateLike | undefined;
  const chosen = train ? { ...train, chargedTokens: train.trainingTokens } : dataset;
  if (chosen?.chargedTokens === undefined) return [];
  const scope = train
    ? `train.jsonl, ${formatCounted(train.examples ?? 0, 'example')}`
    : `${formatCounted(dataset?.examples ?? 0, 'example')} before the split`;
  return [
    `estimate  ${formatCount(chosen.billingTokens ?? 0)} billing tokens × ${chosen.epochs} epochs = ${formatCount(chosen.chargedTokens)} training tokens ${pricedOn(chosen.costUsd ?? chosen.estimatedCostUsd, manifest.model)} (${scope})`,
  ];
}

/** "≈ $0.20 on gpt-4o-mini", or, without a training price (a self-hosted trainer), whose tokenizer counted. */
function pricedOn(costUsd: number | undefined, model: string | undefined): string {
  return costUsd === undefined ? `by the ${model} tokenizer, no training price` : `≈ ${formatUsd(costUsd)} on ${model}`;
}

type EvaluationCost = NonNullable<EvaluationOutcome['cost']>;

/** What the evaluation's requests cost: "$0.42 of model requests (judges $0.30), $0.12 paid in this run". */
function evaluationCost(cost: EvaluationCost): string {
  const total = cost.candidatesUsd === null || cost.judgesUsd === null ? null : cost.candidatesUsd + cost.judgesUsd;
  const judges =
    cost.judgesUsd === 0 ? '' : ` (judges ${cost.judgesUsd === null ? 'unpriced' : formatUsd(cost.judgesUsd)})`;
  const requests =
    total === null
      ? 'model requests not all priced (a model has no catalog price)'
      : `${formatUsd(total)} of model requests at catalog prices`;
  return `${requests}${judges}, ${formatUsd(cost.spentUsd)} paid in this run`;
}

/** The plain-text summary printed after `tunekit run`. */
export function renderRunSummary(manifest: Manifest, runDir: string): string {
  const lines: string[] = [];
  if (manifest.sandbox) lines.push('sandbox: simulated models — figures show the workflow, not real model quality', '');
  if (manifest.ledger.length > 0) {
    const rows: (string | number)[][] = [['step', 'in', 'out', 'rejected', 'discarded', 'time']];
    for (const step of manifest.steps)
      rows.push([step.step, step.in, step.out, step.rejected, step.discarded, formatMs(step.ms)]);
    lines.push(table(rows));
    const read = manifest.steps.filter((s) => s.role === 'source').reduce((sum, s) => sum + s.in, 0);
    const last = manifest.ledger.at(-1)!;
    const rejected = manifest.ledger.reduce((sum, s) => sum + s.rejected, 0);
    const discarded = manifest.ledger.reduce((sum, s) => sum + s.discarded, 0);
    lines.push(
      '',
      `dataset   ${formatCount(read)} read → ${formatCount(last.out)} written, ${formatCount(rejected)} rejected, ${formatCount(discarded)} discarded (ledger balanced)`,
    );
  }
  lines.push(...estimateLines(manifest));
  const train = manifest.train as
    | {
        estimate?: { costUsd?: number };
        result?: { status?: string; model?: string; baseModel?: string; trainedTokens?: number; costUsd?: number };
      }
    | undefined;
  if (train?.result) {
    const r = train.result;
    const figures = [
      ...(r.trainedTokens === undefined ? [] : [`${formatCount(r.trainedTokens)} trained tokens`]),
      r.costUsd === undefined ? 'no training bill' : formatUsd(r.costUsd),
    ];
    const base = r.baseModel ? ` (on ${r.baseModel})` : '';
    lines.push(`train     ${r.status}: ${r.model ?? '(no model)'}${base} · ${figures.join(' · ')}`);
  }
  const evaluate = manifest.evaluate as
    | {
        summary?: string;
        reports?: string[];
        cost?: EvaluationCost;
      }
    | undefined;
  if (evaluate?.summary) lines.push(`evaluate  ${evaluate.summary}`);
  const cost = evaluate?.cost;
  // Outputs files scored without a judge call no model: nothing to say.
  if (cost && (cost.candidatesUsd !== 0 || cost.judgesUsd !== 0 || cost.spentUsd !== 0))
    lines.push(`          ${evaluationCost(cost)}`);
  lines.push(
    `run       ${shown(runDir)}/ (manifest.json${Object.keys(manifest.outputs)
      .map((k) => `, ${k}.jsonl`)
      .join('')})`,
  );
  const html = evaluate?.reports?.find((r) => r.endsWith('.html'));
  if (html) lines.push(`report    ${shown(html)}`);
  return lines.join('\n');
}
