import { describe, expect, it } from 'vitest';
import { clauseCitation } from './clause-citation.js';

const under = (label: string) => [{ label, title: '', level: 1 }];

describe('clauseCitation', () => {
  it('cites a clause by its article or section, as contracts do', () => {
    expect(clauseCitation('1.', under('ARTICLE 2'))).toBe('Article 2.1');
    expect(clauseCitation('3)', under('Section 4'))).toBe('Section 4.3');
    expect(clauseCitation('(a)', under('Section 7'))).toBe('Section 7(a)');
    expect(clauseCitation('(iv)', under('Clause 12'))).toBe('Clause 12(iv)');
  });

  it('reads the article of a Markdown or HTML heading that carries its title too', () => {
    expect(clauseCitation('1.', under('ARTICLE 1 DEFINITIONS'))).toBe('Article 1.1');
    expect(clauseCitation('(b)', under('Section 2.01 Rent'))).toBe('Section 2.01(b)');
    expect(clauseCitation('2.', under('Article IV — Payment'))).toBe('Article IV.2');
    expect(clauseCitation('1.', under('Section headings'))).toBe('1.');
  });

  it('leaves other labels as they are: top-level articles, statutes, clauses under a chapter', () => {
    expect(clauseCitation('Article 5', [])).toBe('Article 5');
    expect(clauseCitation('1.', [])).toBe('1.');
    expect(clauseCitation('第五条', under('第一章'))).toBe('第五条');
    expect(clauseCitation('1.', under('Chapter 2'))).toBe('1.');
  });
});
