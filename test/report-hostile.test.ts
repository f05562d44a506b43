import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '@tunekit/cli';
import {
  type ItemRow,
  type ReportData,
  renderHtml,
  renderJunit,
  renderMarkdown,
  writeReports,
} from '@tunekit/evaluate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HOSTILE = [
  '<script>alert("xss")</script>',
  '</script><script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '" onmouseover="alert(1)" x="',
  "' autofocus onfocus='alert(1)",
  '<svg onload=alert(1)><a href="javascript:alert(1)">x</a></svg>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is the hostile input
  '{{constructor.constructor("alert(1)")()}} ${process.env.OPENAI_API_KEY} <%= 7*7 %>',
  '<!-- comment --> <![CDATA[ ]]> &amp; &lt; &#x3c;',
  'pipe | in | cell\nnew line | `code` *bold* [link](https://evil.example/x.png) ![img](https://evil.example/t.png) @channel',
  'control \u0000\u0001\u0007\u001b[31m\u007f chars and \u2028 line \u2029 separators',
  '<style>body{display:none}</style><link rel=stylesheet href=https://evil.example/x.css>',
  `long ${'A'.repeat(20_000)} line`,
  '合同无效。<b>粗体</b> 答案：B',
];
const NAME_A = 'tuned <b>"model"</b>';
const NAME_B = "gpt-4o </script> few-shot & 'baseline'";

function fixture(): { data: ReportData; rows: ItemRow[] } {
  const scorers = [
    { name: 'exact', kind: 'binary' as const, description: 'exact <match>' },
    { name: 'judge', kind: 'continuous' as const, description: HOSTILE[0]! },
  ];
  const rows: ItemRow[] = HOSTILE.map((text, i) => ({
    id: `item-${i}-<${i}>`,
    prompt: text,
    reference: HOSTILE[(i + 1) % HOSTILE.length]!,
    outputs: {
      [NAME_A]: {
        output: HOSTILE[(i + 2) % HOSTILE.length]!,
        latencyMs: 100 + i,
        scores: {
          exact: { score: i % 2, pass: i % 2 === 1 },
          judge: { score: 0.8, reason: HOSTILE[(i + 3) % HOSTILE.length]! },
        },
      },
      [NAME_B]:
        i === 4
          ? { output: null, error: `timeout ${HOSTILE[1]}`, scores: {} }
          : {
              output: HOSTILE[(i + 4) % HOSTILE.length]!,
              scores: {
                exact: { score: 0, pass: false },
                judge: { score: 0, error: `judge reply is not a JSON verdict: "${HOSTILE[2]}"` },
              },
            },
    },
  }));
  const data: ReportData = {
    formatVersion: 1,
    meta: {
      pipeline: `consumer-law ${HOSTILE[0]}`,
      runId: 'run-<1>',
      createdAt: '2026-01-01T00:00:00.000Z',
      sandbox: true,
      toolVersion: '0.1.0',
      datasetHash: 'abc123',
      seeds: { bootstrap: 7 },
      items: rows.length,
    },
    candidates: [
      { name: NAME_A, model: 'ft:gpt-4o-mini:<org>', provider: 'sandbox', prompt: 'as is', isBaseline: false },
      { name: NAME_B, model: 'gpt-4o', provider: 'sandbox', prompt: 'few-shot k=5', isBaseline: true },
    ],
    scorers,
    summaries: [
      { candidate: NAME_A, scorer: 'exact', mean: 0.46, ci: { low: 0.2, high: 0.7 }, n: 13, errors: 0, passRate: 0.46 },
      { candidate: NAME_B, scorer: 'exact', mean: 0, ci: { low: 0, high: 0 }, n: 12, errors: 1, passRate: 0 },
      { candidate: NAME_A, scorer: 'judge', mean: 0.8, ci: { low: 0.8, high: 0.8 }, n: 13, errors: 0 },
      { candidate: NAME_B, scorer: 'judge', mean: null, ci: null, n: 0, errors: 13 },
    ],
    baseline: NAME_B,
    comparisons: [
      {
        candidate: NAME_A,
        baseline: NAME_B,
        scorer: 'exact',
        n: 12,
        diff: 0.42,
        ci: { low: 0.17, high: 0.67 },
        test: 'mcnemar-exact',
        pValue: 0.03,
        wins: 5,
        ties: 7,
        losses: 0,
      },
    ],
    gate: {
      metric: 'exact',
      non_inferiority_margin: 0.02,
      baseline: NAME_B,
      kind: 'non_inferiority',
      passed: true,
      checks: [
        {
          candidate: NAME_A,
          passed: true,
          diff: 0.42,
          ci: { low: 0.17, high: 0.67 },
          explanation: `${NAME_A}: lower bound 0.17 > −0.02 ${HOSTILE[3]}`,
        },
      ],
      explanation: `gate passed on exact: ${HOSTILE[0]}`,
    },
    economics: [
      {
        candidate: NAME_A,
        requests: 13,
        cacheHits: 0,
        tokensInPerRequest: 120,
        tokensOutPerRequest: 40,
        costPer1kUsd: 0.21,
        latencyP50Ms: 110,
        latencyP95Ms: 190,
        promptTokensSavedPerRequest: 900,
        trainingCostUsd: 3.2,
        breakEvenRequests: 1450,
        priceAsOf: '2026-01 <source>',
      },
      {
        candidate: NAME_B,
        requests: 13,
        cacheHits: 2,
        tokensInPerRequest: 1020,
        tokensOutPerRequest: 45,
        costPer1kUsd: 2.4,
        latencyP50Ms: 480,
        latencyP95Ms: 900,
      },
    ],
    judges: [
      {
        scorer: 'judge',
        model: HOSTILE[5]!,
        requests: 26,
        cacheHits: 3,
        tokensInPerRequest: 300,
        tokensOutPerRequest: 30,
        costUsd: 0.05,
        priceAsOf: '2024-08 <b>source</b>',
      },
    ],
    cost: { candidatesUsd: 0.034, judgesUsd: 0.05, spentUsd: 0.07 },
    training: {
      model: 'ft:gpt-4o-mini:<org>',
      baseModel: 'gpt-4o-mini',
      trainedTokens: 120000,
      costUsd: 3.2,
      loss: [
        { step: 1, trainLoss: 2.1 },
        { step: 10, trainLoss: 1.2, validLoss: 1.4 },
        { step: 20, trainLoss: 0.8, validLoss: 1.1 },
      ],
    },
    items: { file: 'eval/items.jsonl', count: rows.length },
  };
  return { data, rows };
}

const between = (text: string, start: string, end: string) => {
  const from = text.indexOf(start);
  return text.slice(from + start.length, text.indexOf(end, from + start.length));
};

describe('report.html with hostile data', () => {
  let html = '';
  beforeAll(async () => {
    const { data, rows } = fixture();
    html = await renderHtml(data, rows);
  });

  it('embeds item data as JSON that cannot break out and parses back exactly', () => {
    const open = '<script type="application/json" id="item-data">';
    const block = between(html, open, '</script>');
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    const payload = JSON.parse(block) as {
      rows: { prompt: string; outputs: ({ output: string | null } | null)[] }[];
      candidates: string[];
    };
    const { rows } = fixture();
    expect(payload.candidates).toEqual([NAME_A, NAME_B]);
    expect(payload.rows.map((r) => r.prompt)).toEqual(
      rows.map((r) => (r.prompt.length > 8000 ? `${r.prompt.slice(0, 8000)}…` : r.prompt)),
    );
    expect(payload.rows[0]!.outputs[0]!.output).toBe(HOSTILE[2]);
  });

  it('has exactly the two script elements and no tag from the data outside the JSON block', () => {
    const page = html.replace(between(html, '<script type="application/json" id="item-data">', '</script>'), '');
    expect(page.match(/<script/g)).toHaveLength(2);
    for (const raw of [
      '<img',
      '<svg onload',
      '<a href',
      '<b>',
      '<link',
      '<style>body',
      '</script><script>alert',
      'onerror="alert',
      '" onmouseover="',
    ]) {
      expect(page).not.toContain(raw);
    }
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(page).toContain('tuned &lt;b&gt;&quot;model&quot;&lt;/b&gt;');
    expect(page).toContain('gpt-4o &lt;/script&gt; few-shot &amp; &#39;baseline&#39;');
  });

  it('carries a strict CSP whose hashes match the inline style and script, and requests nothing remote', () => {
    const csp = between(html, '<meta http-equiv="Content-Security-Policy" content="', '"').replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    const hash = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
    expect(csp).toContain(hash(between(html, '<style>', '</style>')));
    expect(csp).toContain(hash(between(html, '<script>', '</script>')));
    const page = html.replace(between(html, '<script type="application/json" id="item-data">', '</script>'), '');
    expect(page).not.toMatch(/\b(?:src|href|action)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(page).not.toMatch(/@import|url\(/);
  });

  it('keeps control characters out and renders the verdict, banner and charts', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for control characters
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    for (const id of [
      'verdict',
      'sandbox-banner',
      'chart-scores',
      'chart-cost-quality',
      'chart-latency',
      'chart-loss',
      'item-search',
      'filter-view',
      'item-table',
    ]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    const verdict = between(html, 'data-testid="verdict"', '</section>');
    expect(verdict).toContain('GATE PASSED');
    expect(verdict).toContain('is better than');
    expect(verdict).toContain('cheaper by $2.19 per 1k requests');
    expect(verdict).toContain('pays back training after 1,450 requests');
  });

  it('uses no innerHTML in its script', () => {
    const script = between(html, '<script>', '</script>');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    expect(script).toContain('textContent');
  });
});

describe('report.md and junit.xml with hostile data', () => {
  it('keeps every markdown table row at its column count', () => {
    const text = renderMarkdown(fixture().data);
    expect(text).not.toMatch(/<script|<img|<b>/);
    expect(text).toContain('sandbox: simulated models');
    const tableLines = text.split('\n').filter((l) => l.startsWith('|'));
    expect(tableLines.length).toBeGreaterThan(6);
    const cells = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
    const header = text.split('\n').findIndex((l) => l.startsWith('| scorer'));
    const width = cells(text.split('\n')[header]!);
    for (let i = header; text.split('\n')[i]?.startsWith('|'); i++) expect(cells(text.split('\n')[i]!)).toBe(width);
    const judges = text.split('\n').findIndex((l) => l.startsWith('| judge | model'));
    expect(cells(text.split('\n')[judges + 2]!)).toBe(cells(text.split('\n')[judges]!));
    expect(text).not.toMatch(/<svg|<a href/);
    expect(text).toContain('(candidates $0.034, judges $0.050); $0.070 paid in this run');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for control characters
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  });

  it('writes well-formed XML', () => {
    const xml = renderJunit(fixture().data);
    expect(isWellFormedXml(xml)).toBe(true);
    expect(xml).toContain('tests="1" failures="0"');
    const failing = fixture().data;
    failing.gate = { ...failing.gate!, passed: false, checks: [{ ...failing.gate!.checks[0]!, passed: false }] };
    const failed = renderJunit(failing);
    expect(isWellFormedXml(failed)).toBe(true);
    expect(failed).toContain('<failure message="');
  });

  it('fails in junit.xml a failed gate that had no candidate to check', () => {
    const lonely = fixture().data;
    lonely.gate = { ...lonely.gate!, passed: false, checks: [], explanation: 'gate failed on exact: no candidate' };
    const xml = renderJunit(lonely);
    expect(isWellFormedXml(xml)).toBe(true);
    expect(xml).toContain('tests="1" failures="1"');
  });
});

/** A small XML well-formedness check: balanced tags, quoted attributes, no raw `<` or bare `&` in text. */
function isWellFormedXml(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token =
    /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<&]*(?:&(?:amp|lt|gt|quot|#39);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  // biome-ignore lint/suspicious/noAssignInExpressions: tokenizer loop
  while ((match = token.exec(body)) !== null) {
    consumed = token.lastIndex;
    const [, close, name, , selfClose, text] = match;
    if (text !== undefined) {
      if (/&(?!(?:amp|lt|gt|quot|#39);)/.test(text)) return false;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML forbids these
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return false;
    } else if (close) {
      if (stack.pop() !== name) return false;
    } else if (!selfClose) stack.push(name!);
  }
  return consumed === body.length && stack.length === 0;
}

describe('tunekit report RUN_DIR', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tunekit-report-'));
    const { data, rows } = fixture();
    await writeReports({ dir, data, formats: ['json'], rows: () => [] });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'eval')));
    await writeFile(join(dir, 'eval/items.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const sink = (append: (s: string) => void) =>
      new Writable({
        write: (chunk, _e, done) => {
          append(String(chunk));
          done();
        },
      });
    const io = {
      stdout: sink((s) => {
        out += s;
      }),
      stderr: sink((s) => {
        err += s;
      }),
      env: {},
      isTTY: false,
      color: false,
      exitCode: 0,
    };
    const code = await main(['node', 'tunekit', ...args], io);
    return { code, out, err };
  };

  it('renders html, md and junit from report.json and the per-item JSONL', async () => {
    const result = await run('report', dir, '--format', 'html,md,junit');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(JSON.parse(between(html, '<script type="application/json" id="item-data">', '</script>')).rows).toHaveLength(
      HOSTILE.length,
    );
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('### Scores');
    expect(isWellFormedXml(await readFile(join(dir, 'junit.xml'), 'utf8'))).toBe(true);
  });

  it('fails with one line and exit 2 on a bad format or a folder without report.json', async () => {
    const bad = await run('report', dir, '--format', 'pdf');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    const missing = await run('report', join(dir, 'eval'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/report\.json.*no report\.json|no report\.json/);
  });
});
