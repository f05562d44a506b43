/**
 * report.html in a real browser (headless Debian chromium through playwright-core): the flagship's report renders
 * with no console message and no request, answers "better, cheaper, how sure", and its search and filters pick the
 * rows computed here independently from eval/items.jsonl; a second run on hostile chat lines shows them as text only.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ItemRow } from '@tunekit/evaluate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from './helpers/browser.js';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, REPO_ROOT, removeDir } from './helpers/temp-dir.js';

const SLOW = 240_000;

/** Hostile strings without `.`, `!` or `?`, so the sandbox's extractive base model answers each one whole. */
const HOSTILE = [
  '<script>__pwned=1</script>',
  '</script><script>__pwned=2</script>',
  '<img src=x onerror="__pwned=3">',
  "{{constructor['constructor']('__pwned=4')()}} ${__pwned=5} <%= 7*7 %>",
  '" onmouseover="__pwned=6" x="',
  "<svg onload=__pwned=7><a href='javascript:__pwned=8'>x</a></svg>",
  'control \u0001\u0007\u001b[31m\u007f chars \u2028 and separators',
  `long ${'A'.repeat(6000)} line`,
  '合同无效 <b>粗体</b> 答案 B',
];
const HOSTILE_NAME = 'base <img src=x onerror=__pwned=9>';

interface Loaded {
  page: Page;
  console: string[];
  errors: string[];
  requests: string[];
  dialogs: string[];
}

async function readRows(dir: string): Promise<ItemRow[]> {
  const text = await readFile(join(dir, 'eval/items.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ItemRow);
}

/** Opens a report with every console message, page error, request, dialog and CSP violation recorded. */
async function openReport(browser: Browser, file: string): Promise<Loaded> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const loaded: Loaded = { page, console: [], errors: [], requests: [], dialogs: [] };
  page.on('console', (message) => loaded.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => loaded.errors.push(error.message));
  page.on('request', (request) => loaded.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    loaded.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(pathToFileURL(file).href);
  await page
    .locator('[data-testid=item-count]')
    .filter({ hasText: /\d+ of \d+ items/ })
    .waitFor();
  return loaded;
}

const visibleIds = (page: Page) =>
  page.$$eval('[data-testid=item-row]', (rows) => rows.map((row) => (row as HTMLElement).dataset.itemId!));

const countText = (page: Page) => page.locator('[data-testid=item-count]').textContent();

describe.skipIf(!CHROMIUM)('report.html in headless chromium', () => {
  let browser: Browser;
  let flagship = '';
  let hostile = '';
  beforeAll(async () => {
    browser = await launchChromium();
    flagship = await makeTempDir('report-browser-');
    const run = await runCli([
      'run',
      join(REPO_ROOT, 'pipelines/legal-zh-flagship.yaml'),
      '--out',
      flagship,
      '--sandbox',
    ]);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(run.code).toBe(0);
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await removeDir(flagship);
    if (hostile) await removeDir(hostile);
  });

  describe('the flagship report', () => {
    let loaded: Loaded;
    let rows: ItemRow[];
    beforeAll(async () => {
      rows = await readRows(flagship);
      loaded = await openReport(browser, join(flagship, 'report.html'));
    });

    it('renders with no console message, no page error, no CSP violation and no request but the page', async () => {
      const { page } = loaded;
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(loaded.console).toEqual([]);
      expect(loaded.errors).toEqual([]);
      expect(loaded.requests).toEqual([pathToFileURL(join(flagship, 'report.html')).href]);
      expect(await page.title()).toContain('legal-zh-flagship');
    });

    it('says better or worse, cheaper or dearer, and how sure, under the sandbox banner', async () => {
      const { page } = loaded;
      await expect(page.getByTestId('sandbox-banner').isVisible()).resolves.toBe(true);
      expect(await page.getByTestId('sandbox-banner').textContent()).toContain('sandbox: simulated models');
      const verdict = page.getByTestId('verdict');
      expect(await verdict.isVisible()).toBe(true);
      const headline = (await verdict.locator('h2').textContent()) ?? '';
      expect(headline).toMatch(
        /^(tuned is better than|tuned is worse than|tuned shows no significant difference from) gpt-4o 5-shot on token-f1 /,
      );
      expect(headline).toMatch(/\[[+−]?\d\.\d{3}, [+−]?\d\.\d{3}\]/);
      expect(headline).toMatch(/(cheaper|dearer) by \$[\d.]+ per 1k requests/);
      expect(headline).toMatch(/gate (passed|failed)/);
      for (const id of ['kpi-quality', 'kpi-cost', 'kpi-break-even', 'kpi-latency'])
        expect(await page.getByTestId(id).isVisible()).toBe(true);
      expect(await page.getByTestId('kpi-latency').textContent()).toMatch(/\d+ ms \/ \d+ ms/);
    });

    it('shows what the judge cost next to the candidates, and the evaluation total', async () => {
      const { page } = loaded;
      const judges = page.getByTestId('judge-cost-table');
      expect(await judges.isVisible()).toBe(true);
      expect(await judges.locator('tbody tr').first().textContent()).toMatch(/^judgegpt-4o-2024-08-06\d+ \(\d+\)/);
      expect(await page.getByTestId('evaluation-cost').textContent()).toMatch(
        /cost \$[\d.]+ at catalog prices \(candidates \$[\d.]+, judges \$[\d.]+\); /,
      );
    });

    it('draws every chart label inside its chart at a legible size', async () => {
      const problems = await loaded.page.$$eval('svg.chart', (charts) =>
        charts.flatMap((svg) => {
          const box = svg.getBoundingClientRect();
          const scale = box.width / (svg as SVGSVGElement).viewBox.baseVal.width;
          return [...svg.querySelectorAll('text')].flatMap((text) => {
            const r = text.getBoundingClientRect();
            const size = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
            const inside =
              r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
            return inside && size >= 10
              ? []
              : [`${svg.id}: "${text.textContent}" ${size.toFixed(1)}px inside=${inside}`];
          });
        }),
      );
      expect(problems).toEqual([]);
      expect(await loaded.page.locator('svg.chart').count()).toBe(4);
    });

    it('search narrows the rows to those holding the text, and clearing restores them', async () => {
      const { page } = loaded;
      const haystack = (row: ItemRow) =>
        [
          row.id,
          row.prompt,
          row.reference,
          ...Object.values(row.outputs).map((o) => `${o.output ?? ''} ${o.error ?? ''}`),
        ].join(' ');
      // An article number (第…条) that some items mention and others do not: the split decides which, so ask the data.
      const articles = [...new Set(rows.flatMap((row) => row.prompt.match(/第[一二三四五六七八九十百零]+条/g) ?? []))];
      const needle = articles.find((a) => {
        const hits = rows.filter((row) => haystack(row).includes(a)).length;
        return hits > 0 && hits < rows.length;
      });
      expect(needle).toBeDefined();
      const expected = rows.filter((row) => haystack(row).includes(needle!));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(rows.length);
      await page.getByTestId('item-search').fill(needle!);
      const ids = await visibleIds(page);
      expect(ids.sort()).toEqual(expected.map((row) => row.id).sort());
      for (const text of await page.locator('[data-testid=item-row]').allTextContents())
        expect(text).toContain(needle!);
      expect(await countText(page)).toBe(`${expected.length} of ${rows.length} items`);
      await page.getByTestId('item-search').fill('');
      expect(await visibleIds(page)).toHaveLength(rows.length);
      expect(await countText(page)).toBe(`${rows.length} of ${rows.length} items`);
    });

    it('"candidates disagree" and a score range pick the rows computed from eval/items.jsonl', async () => {
      const { page } = loaded;
      const usable = (s: ItemRow['outputs'][string]['scores'][string] | undefined) =>
        s !== undefined && typeof s.score === 'number' && !s.error;
      const disagree = rows.filter((row) => {
        const outputs = Object.values(row.outputs);
        const scorers = new Set(outputs.flatMap((o) => Object.keys(o.scores)));
        return [...scorers].some((name) => {
          const scores = outputs.map((o) => o.scores[name]).filter(usable);
          if (scores.length < 2) return false;
          const values = scores.map((s) => s!.score as number);
          return new Set(scores.map((s) => s!.pass)).size > 1 || Math.max(...values) - Math.min(...values) > 0.25;
        });
      });
      await page.getByTestId('filter-view').selectOption('disagree');
      expect((await visibleIds(page)).sort()).toEqual(disagree.map((r) => r.id).sort());
      await page.getByTestId('filter-view').selectOption('all');

      const inRange = (candidate: string | null) =>
        rows.filter((row) =>
          Object.entries(row.outputs).some(([name, o]) => {
            const s = o.scores['token-f1'];
            return (candidate === null || name === candidate) && usable(s) && s!.score! >= 0.3 && s!.score! <= 0.6;
          }),
        );
      await page.getByTestId('filter-scorer').selectOption('token-f1');
      await page.getByTestId('filter-min').fill('0.3');
      await page.getByTestId('filter-max').fill('0.6');
      const any = inRange(null);
      expect(any.length).toBeGreaterThan(0);
      expect(any.length).toBeLessThan(rows.length);
      expect((await visibleIds(page)).sort()).toEqual(any.map((r) => r.id).sort());
      await page.getByTestId('filter-candidate').selectOption({ label: 'gpt-4o 5-shot' });
      expect((await visibleIds(page)).sort()).toEqual(
        inRange('gpt-4o 5-shot')
          .map((r) => r.id)
          .sort(),
      );
      await page.getByTestId('filter-candidate').selectOption('');
      await page.getByTestId('filter-min').fill('');
      await page.getByTestId('filter-max').fill('');
      expect(await visibleIds(page)).toHaveLength(rows.length);
    });

    it('opens a row on click to show the judge reasons', async () => {
      const { page } = loaded;
      const row = page.locator('[data-testid=item-row]').first();
      expect(await row.locator('.reason').first().isVisible()).toBe(false);
      await row.click();
      expect(await row.getAttribute('class')).toContain('open');
      expect(await row.locator('.reason').first().isVisible()).toBe(true);
      expect(await row.locator('.reason').first().textContent()).toMatch(/^judge: /);
    });

    it('saves a screenshot next to the report', async () => {
      const file = join(flagship, 'report.png');
      await loaded.page.screenshot({ path: file, fullPage: true });
      expect((await stat(file)).size).toBeGreaterThan(20_000);
    });
  });

  describe('a report of hostile items and outputs', () => {
    let loaded: Loaded;
    let rows: ItemRow[];
    beforeAll(async () => {
      hostile = await makeTempDir('report-hostile-');
      const line = (text: string, i: number) =>
        JSON.stringify({
          messages: [
            { role: 'user', content: text },
            { role: 'assistant', content: `ref ${i} ${HOSTILE[(i + 1) % HOSTILE.length]}` },
          ],
        });
      await writeFile(join(hostile, 'hostile.jsonl'), `${HOSTILE.map(line).join('\n')}\n`);
      await writeFile(
        join(hostile, 'pipeline.yaml'),
        [
          'name: hostile',
          'model: gpt-4o-mini-2024-07-18',
          'dataset:',
          '  from: { use: read-jsonl, with: { path: hostile.jsonl } }',
          'evaluate:',
          '  data: train',
          '  candidates:',
          `    - { name: ${JSON.stringify(HOSTILE_NAME)}, model: gpt-4o-mini-2024-07-18 }`,
          '    - { name: base, model: gpt-4o-mini-2024-07-18 }',
          '  scorers: [token-f1, exact]',
          '  compare: { baseline: base }',
          '',
        ].join('\n'),
      );
      const out = join(hostile, 'run');
      const run = await runCli(['run', join(hostile, 'pipeline.yaml'), '--out', out, '--sandbox']);
      expect(run.code).toBe(0);
      rows = await readRows(out);
      loaded = await openReport(browser, join(out, 'report.html'));
    }, SLOW);

    it('runs no script from the data: no dialog, no __pwned, no console message, no request', async () => {
      const { page } = loaded;
      await page.locator('[data-testid=item-row]').first().click();
      await page.mouse.move(300, 300);
      expect(loaded.dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(loaded.errors).toEqual([]);
      expect(loaded.console).toEqual([]);
      expect(loaded.requests).toHaveLength(1);
    });

    it('adds no element from the data to the DOM', async () => {
      const dom = await loaded.page.evaluate(() => ({
        scripts: document.scripts.length,
        images: document.images.length,
        handlers: [...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
        ),
        anchors: document.querySelectorAll('a').length,
        bold: document.querySelectorAll('b').length,
      }));
      expect(dom).toEqual({ scripts: 2, images: 0, handlers: [], anchors: 0, bold: 0 });
    });

    it('shows prompts, references, outputs and candidate names verbatim as text', async () => {
      const { page } = loaded;
      expect(rows).toHaveLength(HOSTILE.length);
      for (const text of HOSTILE) expect(rows.some((row) => row.prompt.startsWith(text.slice(0, 40)))).toBe(true);
      const outputs = rows.flatMap((row) => Object.values(row.outputs).map((o) => o.output ?? ''));
      for (const text of HOSTILE.slice(0, 6)) expect(outputs).toContain(text);
      for (const row of rows) {
        const cell = page.locator(`[data-testid=item-row][data-item-id="${row.id}"]`);
        expect(await cell.locator('.prompt').textContent()).toBe(row.prompt);
        const shown = await cell.locator('td.out .text').allTextContents();
        expect(shown).toEqual(Object.values(row.outputs).map((o) => o.output));
      }
      const text = (await page.locator('body').textContent()) ?? '';
      for (const needle of [...HOSTILE.slice(0, 6), HOSTILE_NAME, '<b>粗体</b>']) expect(text).toContain(needle);
      await page.screenshot({ path: join(hostile, 'run/report.png'), fullPage: true });
    });
  });
});
