import { expect, it } from 'vitest';
import { fourItemComparison } from './fixtures/four-items.js';
import { twoCandidates } from './fixtures/two-candidates.js';
import { renderJunit } from './render-junit.js';

it('junit.xml prints a mean as the other reports do, not as float noise', () => {
  const mean = (0.6 + 0.7 + 0.8 + 0.9) / 4;
  expect(mean).toBe(0.7499999999999999);
  const data = twoCandidates({
    items: 4,
    summaries: [{ candidate: 'tuned', scorer: 'f1', mean, ci: { low: 0.07, high: 1 }, n: 4, errors: 0 }],
    comparison: fourItemComparison(),
  });
  expect(renderJunit(data)).toContain('<system-out>mean 0.750 [0.070, 1.000] n=4 errors=0</system-out>');
});
