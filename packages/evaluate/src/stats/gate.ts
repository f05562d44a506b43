import { intervalWords } from '../report/interval-method.js';
import { formatDecidingP } from '../report/p-value-text.js';
import type { Comparison, GateCheck, GateResult, GateSpec } from '../report/report-data.js';
import { findingOf } from './finding.js';
import { MIN_ITEMS } from './min-items.js';

/**
 * The gate over the comparisons of the gated candidates against the baseline on `spec.metric`.
 * Non-inferiority passes when the lower 95% bound of (candidate − baseline) > −margin; improvement when it is
 * > min_improvement and the candidate is significantly better (p < 0.05 after the report's correction, see
 * `findingOf`). Either needs at least MIN_ITEMS paired items; a candidate without a comparison (no paired items)
 * fails. The gate passes when every check does.
 */
export function evaluateGate(
  spec: GateSpec,
  baseline: string,
  comparisons: readonly Comparison[],
  candidates: readonly string[],
): GateResult {
  const improvement = spec.min_improvement !== undefined;
  const kind = improvement ? 'min_improvement' : 'non_inferiority';
  const threshold = improvement ? (spec.min_improvement as number) : -(spec.non_inferiority_margin ?? 0);
  const checks = candidates.map((candidate): GateCheck => {
    const comparison = comparisons.find(
      (c) => c.candidate === candidate && c.scorer === spec.metric && c.baseline === baseline,
    );
    if (!comparison || comparison.ci === null || comparison.diff === null) {
      return {
        candidate,
        passed: false,
        diff: null,
        ci: null,
        explanation: `no paired ${spec.metric} scores for ${candidate} and ${baseline}`,
      };
    }
    const claim = improvement
      ? `better than ${baseline} by more than ${fmt(threshold)}`
      : `not worse than ${baseline} by more than ${fmt(-threshold)}`;
    const finding = findingOf(comparison);
    const refused = (reason: string): GateCheck => ({
      candidate,
      passed: false,
      diff: comparison.diff,
      ci: comparison.ci,
      explanation: `${candidate}: ${reason}: cannot claim ${claim}`,
    });
    if (finding === 'too-few-items')
      return refused(`too few items to tell (${comparison.n} paired, at least ${MIN_ITEMS} needed)`);
    if (improvement && finding !== 'better') {
      const evidence = `${formatDecidingP(comparison)}, n = ${comparison.n}`;
      return refused(
        finding === 'worse' ? `worse than ${baseline} (${evidence})` : `no significant difference (${evidence})`,
      );
    }
    const low = comparison.ci.low;
    const passed = low > threshold;
    const [lowText, thresholdText] = apart(low, threshold);
    const method = intervalWords(comparison.ciMethod);
    const explanation = `${candidate}: lower bound ${lowText}${method} ${passed ? '>' : '≤'} ${thresholdText}: ${passed ? '' : 'cannot claim '}${claim}`;
    return { candidate, passed, diff: comparison.diff, ci: comparison.ci, explanation };
  });
  const passed = checks.length > 0 && checks.every((c) => c.passed);
  const summary = checks.length === 0 ? 'gate has no candidate to check' : checks.map((c) => c.explanation).join('; ');
  return {
    ...spec,
    baseline,
    kind,
    passed,
    checks,
    explanation: `${passed ? 'gate passed' : 'gate failed'} on ${spec.metric}: ${summary}`,
  };
}

function fmt(value: number, digits = 3): string {
  const fixed = value.toFixed(digits);
  const text = Number(fixed) === 0 ? '0' : fixed.replace(/0+$/, '').replace(/\.$/, '');
  return text.replace('-', '−');
}

/** Two different numbers with the digits that keep them apart: "−0.0199 > −0.02", never "−0.02 > −0.02". */
function apart(a: number, b: number): [string, string] {
  let digits = 3;
  while (digits < 8 && a !== b && fmt(a, digits) === fmt(b, digits)) digits++;
  return [fmt(a, digits), fmt(b, digits)];
}
