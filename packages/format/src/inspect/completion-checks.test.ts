import { describe, expect, it } from 'vitest';
import { CompletionChecks } from './completion-checks.js';

function adviceFor(pairs: [string, string][]) {
  const checks = new CompletionChecks();
  for (const [prompt, completion] of pairs) checks.add(prompt, completion);
  return checks.advice();
}
const codes = (pairs: [string, string][]) => adviceFor(pairs).map((a) => a.code);

/** A file as the legacy tool wanted it: separator, leading space, ending, lower case, enough distinct pairs. */
const clean = Array.from(
  { length: 120 },
  (_, i) => [`is clause ${i} about refunds? ->`, ` ${i % 2 ? 'yes' : 'no'}, see section ${i}\n`] as [string, string],
);

describe('CompletionChecks (the advice of openai tools fine_tunes.prepare_data)', () => {
  it('has nothing to say about a file prepared as the tool advised, or an empty one', () => {
    expect(adviceFor(clean)).toEqual([]);
    expect(adviceFor([])).toEqual([]);
  });

  it('suggests a separator and an ending that appear nowhere in the texts', () => {
    const pairs = clean.map(
      ([p, c], i) => [`${p.slice(0, -3)}${i % 2 ? ' ->' : ''}`, c.slice(0, -1)] as [string, string],
    );
    const advice = adviceFor(pairs);
    expect(advice.find((a) => a.code === 'no_common_separator')?.message).toContain('e.g. " ->"');
    expect(advice.find((a) => a.code === 'no_common_ending')?.message).toContain('e.g. "\\n"');
    // " ->" inside a prompt, and a line break in one: the next unused candidate.
    const arrows = pairs.map(([p, c], i) => [i === 0 ? `a -> b\n${p}` : p, c] as [string, string]);
    expect(adviceFor(arrows).find((a) => a.code === 'no_common_separator')?.message).toContain(
      'e.g. "\\n\\n###\\n\\n"',
    );
  });

  it('counts completions without a leading space, long and repeated pairs', () => {
    const pairs: [string, string][] = [
      ...clean.slice(0, 110),
      ['is clause 1 about refunds? ->', 'no space\n'],
      [`${'x'.repeat(10_000)} ->`, ' long\n'],
      clean[3]!,
      clean[3]!,
    ];
    const advice = adviceFor(pairs);
    expect(advice.find((a) => a.code === 'completion_without_leading_space')?.message).toMatch(/^1 completion/);
    expect(advice.find((a) => a.code === 'long_examples')?.message).toMatch(/^1 example/);
    expect(advice.find((a) => a.code === 'duplicate_pairs')?.message).toMatch(/^2 prompt\/completion/);
  });

  it('flags identical prompts or completions, a long common prefix, upper case and few examples', () => {
    expect(
      codes([
        ['same ->', ' a\n'],
        ['same ->', ' b\n'],
      ]),
    ).toContain('same_prompt');
    expect(
      codes([
        ['a ->', ' same\n'],
        ['b ->', ' same\n'],
      ]),
    ).toContain('same_completion');
    const prefixed = clean.map(([p, c]) => [`Answer as a lawyer would: ${p}`, c] as [string, string]);
    expect(adviceFor(prefixed).find((a) => a.code === 'common_prompt_prefix')?.message).toContain('36 characters');
    const shouting = clean.map(([p, c]) => [p.toUpperCase(), c.toUpperCase()] as [string, string]);
    expect(codes(shouting)).toContain('mostly_upper_case');
    expect(codes([['ПРАВО ->', ' ДА\n']])).toContain('mostly_upper_case'); // not only ASCII
    expect(codes(clean.slice(0, 99))).toEqual(['few_examples']);
  });
});
