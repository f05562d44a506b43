import { escapeXml as x } from './escape.js';
import { formatInterval, formatScore, formatSigned } from './format.js';
import { intervalWords } from './interval-method.js';
import type { ReportData } from './report-data.js';

/**
 * `junit.xml` for CI: one testcase per gated candidate × gated metric (failed when the gate fails). Without a gate,
 * one passing testcase per candidate × scorer records the scores.
 */
export function renderJunit(data: ReportData): string {
  const cases: string[] = [];
  let failures = 0;
  if (data.gate) {
    const gate = data.gate;
    const classname = `tunekit.gate.${x(gate.metric)}`;
    const failed = (name: string, message: string, body: string) => {
      failures++;
      cases.push(
        `    <testcase classname="${classname}" name="${x(name)}"><failure message="${x(message)}" type="${gate.kind}">${x(body)}</failure></testcase>`,
      );
    };
    for (const check of gate.checks) {
      const name = `${check.candidate} vs ${gate.baseline} on ${gate.metric}`;
      const body = `${check.explanation}; difference ${formatSigned(check.diff)} ${formatInterval(check.ci, true)}`;
      if (check.passed)
        cases.push(
          `    <testcase classname="${classname}" name="${x(name)}"><system-out>${x(body)}</system-out></testcase>`,
        );
      else failed(name, check.explanation, body);
    }
    // A gate that fails with nothing to check (no candidate but the baseline) must still fail in CI.
    if (gate.checks.length === 0 && !gate.passed) failed(`gate on ${gate.metric}`, gate.explanation, gate.explanation);
  } else {
    for (const s of data.summaries) {
      const text = `mean ${formatScore(s.mean)} ${formatInterval(s.ci)}${intervalWords(s.ciMethod)} n=${s.n} errors=${s.errors}`;
      cases.push(
        `    <testcase classname="tunekit.score.${x(s.scorer)}" name="${x(`${s.candidate} on ${s.scorer}`)}"><system-out>${x(text)}</system-out></testcase>`,
      );
    }
  }
  const suite = `tunekit evaluation: ${data.meta.pipeline}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tunekit" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${x(suite)}" tests="${cases.length}" failures="${failures}" errors="0" timestamp="${x(data.meta.createdAt)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
