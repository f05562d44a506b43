import { findingOf } from '../stats/finding.js';
import { MIN_ITEMS } from '../stats/min-items.js';
import { formatCount, formatInterval, formatMs, formatScore, formatSigned, formatUsd } from './format.js';
import { intervalWords } from './interval-method.js';
import { formatDecidingP, formatDecidingPWithRaw } from './p-value-text.js';
import type { Comparison, ReportData } from './report-data.js';

export interface Verdict {
  /** pass/fail when a gate ran; none otherwise. */
  status: 'pass' | 'fail' | 'none';
  /** One sentence: the answer to "better, cheaper, how sure". Plain text: renderers escape it. */
  headline: string;
  /** Supporting sentences (quality, cost, pay-back, latency, gate). Plain text. */
  details: string[];
  /** What the verdict compares, when there is a baseline to compare against. */
  subject?: { candidate: string; baseline: string; metric: string };
}

const NO_SCORES = 'No scores.';

/** The comparison the verdict speaks of, when it has one. */
export function subjectComparison(data: ReportData, verdict: Verdict): Comparison | undefined {
  const subject = verdict.subject;
  if (!subject) return undefined;
  return data.comparisons.find(
    (c) => c.candidate === subject.candidate && c.scorer === subject.metric && c.baseline === subject.baseline,
  );
}

/** Candidates with errors and not one scored item: a report must say so, not only show empty cells. */
function unscored(data: ReportData): string[] {
  return data.candidates
    .map((c) => c.name)
    .filter((name) => {
      const own = data.summaries.filter((s) => s.candidate === name);
      return own.length > 0 && own.every((s) => s.n === 0 && s.errors > 0);
    });
}

/**
 * The verdict about the main candidate (the first gated one, else the model this run trained, else the first
 * non-baseline) against the baseline.
 */
export function buildVerdict(data: ReportData): Verdict {
  const verdict = compareMain(data);
  const failed = unscored(data);
  if (failed.length === 0) return verdict;
  const sentence = `${failed.join(', ')}: no item scored, every one failed (see the errors in the per-item results)`;
  if (verdict.headline === NO_SCORES)
    return { ...verdict, headline: `No scores: ${failed.join(', ')} failed on every item.` };
  return { ...verdict, details: [sentence, ...verdict.details] };
}

/**
 * Scorers whose rows compare against the verdict's baseline: all but a pairwise judge with a baseline of its own. That
 * judge answers another question (against another candidate); the verdict weighs quality, cost and pay-back against
 * one baseline, so it does not read those rows (the tables show them, against whom on each row).
 */
function scorersAgainst(data: ReportData, baseline: string | undefined): string[] {
  return data.scorers
    .map((scorer) => scorer.name)
    .filter((name) => data.comparisons.every((c) => c.scorer !== name || c.baseline === baseline));
}

/**
 * Without a baseline no difference is tested: the highest mean is named as such, not as the best (its interval may
 * overlap the next one's).
 */
function untestedHeadline(data: ReportData, metric: string | undefined): string {
  const scored = data.summaries.filter((s) => s.scorer === metric && s.mean !== null).sort((a, b) => b.mean! - a.mean!);
  const top = scored[0];
  if (!top) return NO_SCORES;
  const figure = `${formatScore(top.mean)} ${formatInterval(top.ci)}`;
  if (scored.length === 1) return `${top.candidate} on ${metric}: ${figure}.`;
  return `Highest mean on ${metric}: ${top.candidate} (${figure}); no baseline is named, so no difference was tested.`;
}

/** Better or worse only when `findingOf` allows it; otherwise why it cannot be told. */
function qualitySentence(comparison: Comparison, size: string, metric: string): string {
  const { candidate, baseline, n } = comparison;
  switch (findingOf(comparison)) {
    case 'better':
      return `${candidate} is better than ${baseline} on ${metric} by ${size}`;
    case 'worse':
      return `${candidate} is worse than ${baseline} on ${metric} by ${size}`;
    case 'too-few-items':
      return `too few items to tell ${candidate} from ${baseline} on ${metric} (${n} paired, at least ${MIN_ITEMS} needed; ${size})`;
    default:
      return `${candidate} shows no significant difference from ${baseline} on ${metric} (${size}, ${formatDecidingP(comparison)}, n = ${n})`;
  }
}

function compareMain(data: ReportData): Verdict {
  const status = data.gate ? (data.gate.passed ? 'pass' : 'fail') : 'none';
  const baseline = data.baseline;
  const others = data.candidates.filter((c) => !c.isBaseline);
  const trained = data.training?.model ? others.find((c) => c.model === data.training?.model) : undefined;
  const candidate = data.gate?.checks[0]?.candidate ?? (trained ?? others[0])?.name;
  const metric = data.gate?.metric ?? scorersAgainst(data, baseline)[0];
  if (!baseline || !candidate || !metric) {
    if (!metric && data.comparisons.length > 0) {
      const none = baseline ? `No scorer compares against ${baseline}` : 'No baseline is named';
      const headline = `${none}: the pairwise judges compare against baselines of their own (see the comparison table).`;
      return { status, headline, details: [] };
    }
    return { status, headline: untestedHeadline(data, metric), details: [] };
  }
  const parts: string[] = [];
  const details: string[] = [];
  const comparison = data.comparisons.find(
    (c) => c.candidate === candidate && c.scorer === metric && c.baseline === baseline,
  );
  if (comparison?.ci && comparison.diff !== null) {
    const size = `${formatSigned(comparison.diff)} ${formatInterval(comparison.ci, true)}`;
    parts.push(qualitySentence(comparison, size, metric));
    details.push(
      `${metric}: ${candidate} − ${baseline} = ${size}, 95% CI${intervalWords(comparison.ciMethod)}, ${formatDecidingPWithRaw(comparison)}, n = ${comparison.n} (${comparison.wins} wins, ${comparison.ties} ties, ${comparison.losses} losses)`,
    );
  } else parts.push(`${candidate} and ${baseline} have no paired ${metric} scores`);
  const mine = data.economics.find((e) => e.candidate === candidate);
  const theirs = data.economics.find((e) => e.candidate === baseline);
  if (mine?.costPer1kUsd != null && theirs?.costPer1kUsd != null) {
    const saving = theirs.costPer1kUsd - mine.costPer1kUsd;
    parts.push(
      Math.abs(saving) < 5e-7
        ? 'at the same cost per request'
        : saving > 0
          ? `cheaper by ${formatUsd(saving)} per 1k requests`
          : `dearer by ${formatUsd(-saving)} per 1k requests`,
    );
    details.push(
      `cost per 1,000 requests: ${candidate} ${formatUsd(mine.costPer1kUsd)}, ${baseline} ${formatUsd(theirs.costPer1kUsd)}`,
    );
  }
  if (mine?.trainingCostUsd != null) {
    if (mine.breakEvenRequests === undefined)
      parts.push('its training pay-back is unknown (no catalog price for one of the two models)');
    else if (mine.breakEvenRequests !== null)
      parts.push(`pays back training after ${formatCount(mine.breakEvenRequests)} requests`);
    else parts.push('never pays back its training cost at these prices');
    details.push(`training cost ${formatUsd(mine.trainingCostUsd)}`);
  }
  if (mine?.latencyP50Ms != null && theirs?.latencyP50Ms != null) {
    details.push(
      `latency p50: ${candidate} ${formatMs(mine.latencyP50Ms)}, ${baseline} ${formatMs(theirs.latencyP50Ms)}`,
    );
  }
  if (data.gate) parts.push(data.gate.passed ? 'gate passed' : 'gate failed');
  if (data.gate) details.push(data.gate.explanation);
  return { status, headline: `${parts.join(', ')}.`, details, subject: { candidate, baseline, metric } };
}
