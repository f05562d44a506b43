import { describe, expect, it } from 'vitest';
import { escapeCell, optionsTable } from '../packages/cli/src/docs/options-table.js';
import { referencePages } from '../packages/cli/src/docs/reference-pages.js';

/** The cells of a GFM table row: split on `|` that no backslash escapes. */
function cells(row: string): string[] {
  return row
    .replace(/^\|\s?/, '')
    .replace(/\s?\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('reference tables escape a pipe inside a cell once', () => {
  it('trainer-openai: `method` reads `"supervised"` \\| `"dpo"`', async () => {
    const page = (await referencePages()).find((p) => p.path === 'trainers/trainer-openai.md');
    const row = page?.text.split('\n').find((line) => line.startsWith('| `method` |'));
    expect(row).toBeDefined();
    expect(cells(row!)).toHaveLength(5);
    expect(cells(row!)[1]).toBe('`"supervised"` \\| `"dpo"`');
  });

  it('no page has a doubled backslash before a pipe, and every row keeps five cells', async () => {
    for (const page of await referencePages()) {
      expect(page.text, page.path).not.toMatch(/\\\\\|/);
      for (const line of page.text.split('\n').filter((l) => l.startsWith('| `')))
        expect(cells(line), `${page.path}: ${line}`).toHaveLength(5);
    }
  });

  it('a default shown in a code span keeps its JSON escapes as they are', () => {
    const table = optionsTable({ properties: { separator: { type: 'string', default: '\n|\n' } } });
    expect(table).toContain('| `"\\n\\|\\n"` |');
    expect(escapeCell('a | b\nc')).toBe('a \\| b c');
  });
});
