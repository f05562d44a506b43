import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { checkStepConformance, runStep } from '@tunekit/core/testing';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvStep as readTsv } from './read-csv.js';
import { readLegalStep } from './read-legal.js';

const data = resolve(import.meta.dirname, '../../../../data');
const broken = resolve(import.meta.dirname, '../../../../test/fixtures/broken/legal');

/** A folder with the given documents (name → text or bytes), for inputs the fixtures do not have. */
function folderWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'read-legal-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Columns a character takes on a page: two for CJK and full-width forms. */
const columns = (char: string) => (/[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1);

/** Hard-wraps CJK text as a PDF-to-text export does: anywhere (digits too) but inside a Latin word. */
function wrapCjk(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = indent;
  let used = [...indent].reduce((sum, c) => sum + columns(c), 0);
  for (const piece of text.match(/[A-Za-z]+|./gu) ?? []) {
    const size = [...piece].reduce((sum, c) => sum + columns(c), 0);
    if (used + size > width) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += piece;
    used += size;
  }
  return [...lines, line];
}

/** Hard-wraps English text at spaces. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

type Chunk = {
  law: string;
  article?: string;
  article_number?: number;
  heading_path: string;
  topic: string;
  headings: string[];
  text: string;
  part?: number;
};

describe('read-legal on the Chinese statutes', () => {
  it('makes one chunk per article of the consumer-protection law, with heading paths', async () => {
    const r = await runStep(readLegalStep, { path: 'statutes-zh/消费者权益保护法(2013-10-25).md' }, [], {
      baseDir: data,
    });
    const chunks = r.out.map((x) => x.data as Chunk);
    expect(chunks).toHaveLength(63);
    expect(chunks.map((c) => c.article_number)).toEqual(Array.from({ length: 63 }, (_, i) => i + 1));
    expect(chunks[0]).toMatchObject({
      law: '中华人民共和国消费者权益保护法',
      article: '第一条',
      heading_path: '第一章 › 第一条',
      topic: '总则',
    });
    const fifth = chunks[4]!;
    expect(fifth.text.split('\n\n')).toHaveLength(3);
    expect(fifth.text.startsWith('国家保护消费者的合法权益不受侵害。')).toBe(true);
    expect(chunks[62]).toMatchObject({ article: '第六十三条', heading_path: '第八章 › 第六十三条', topic: '附则' });
    expect(new Set(r.out.map((x) => x.group))).toEqual(new Set(['消费者权益保护法(2013-10-25).md']));
    expect(r.out[0]!.id).toBe('statutes-zh/消费者权益保护法(2013-10-25).md:13');
  });

  it('walks a folder: 编 / 分编 / 章 / 节 paths, chapter groups and long preambles split into parts', async () => {
    const r = await runStep(readLegalStep, { path: 'statutes-zh', group_by: 'chapter', max_chunk_tokens: 400 }, [], {
      baseDir: data,
    });
    const chunks = r.out.map((x) => x.data as Chunk);
    const a509 = r.out.find((x) => (x.data as Chunk).article === '第五百零九条')!;
    expect((a509.data as Chunk).heading_path).toBe('合同编 › 第一分编 › 第四章 › 第五百零九条');
    expect(a509.group).toBe('合同编.md › 合同编 › 第一分编 › 第四章');
    expect(new Set(chunks.filter((c) => c.law === '中华人民共和国宪法' && c.article).map((c) => c.article)).size).toBe(
      143,
    );
    const preamble = chunks.filter((c) => c.heading_path === '序言');
    expect(preamble.length).toBeGreaterThan(1);
    expect(preamble.map((c) => c.part)).toEqual(preamble.map((_, i) => i + 1));
    for (const part of preamble) expect(part.text).toMatch(/[。；！？]$/);
    expect(r.counters.documents).toBe(5);
    // `第二节  监  护`: the spaces that spread a short heading are typesetting, not part of its title.
    const a26 = chunks.find((c) => c.heading_path === '总则 › 第二章 › 第二节 › 第二十六条')!;
    expect([a26.topic, a26.headings.at(-1)]).toEqual(['监护', '第二节 监护']);
  });

  it('joins the lines of a hard-wrapped Chinese paragraph without spaces, also after full-width punctuation', async () => {
    const dir = folderWith({ 'notice.txt': '本通知所称经营者，\n是指从事商品经营的人；\n或者提供服务的人。\n' });
    const r = await runStep(readLegalStep, { path: 'notice.txt' }, [], { baseDir: dir });
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual([
      '本通知所称经营者，是指从事商品经营的人；或者提供服务的人。',
    ]);
  });

  it('names a document outside the pipeline folder as the pipeline does, so ids are the same on every machine', async () => {
    const dir = folderWith({ 'law.md': '# 快递暂行条例\n\n## 第一章 总则\n\n第一条 为了促进快递业健康发展。\n' });
    const pipelines = join(dir, 'pipelines');
    mkdirSync(pipelines);
    for (const path of ['../law.md', '..', join(dir, 'law.md')]) {
      const r = await runStep(readLegalStep, { path }, [], { baseDir: pipelines });
      expect(r.out.map((x) => x.id)).toEqual(['../law.md:5']);
    }
  });

  it('passes the step conformance checks', async () => {
    await checkStepConformance(readLegalStep, { path: 'statutes-zh/电子商务法(2018-08-31).md' }, [], { baseDir: data });
  });
  it('reads statutes in traditional characters (第 15-1 條, 編/節) and unnumbered parts such as 附　　则', async () => {
    const tw =
      '# 刑法\n\n第一編　總　　則\n\n第一節 法例\n\n第 1 條 行為之處罰。\n第 15-1 條 插入條文。\n\n附　　則\n\n第 2 條 本法施行。\n';
    const zh =
      '# 刑法\n\n第一章 总则\n\n第一条 为了惩罚犯罪。\n第一百二十条之一 资助恐怖活动。\n\n附　　则\n\n第二条 本法施行。\n';
    const r = await runStep(readLegalStep, { path: '.' }, [], { baseDir: folderWith({ 'tw.md': tw, 'zh.md': zh }) });
    expect(r.out.map((x) => x.data as Chunk).map((c) => [c.heading_path, c.article_number, c.text])).toEqual([
      ['第一編 › 第一節 › 第1條', 1, '行為之處罰。'],
      ['第一編 › 第一節 › 第15-1條', 15, '插入條文。'],
      ['附則 › 第2條', 2, '本法施行。'],
      ['第一章 › 第一条', 1, '为了惩罚犯罪。'],
      ['第一章 › 第一百二十条之一', 120, '资助恐怖活动。'],
      ['附则 › 第二条', 2, '本法施行。'],
    ]);
  });
});

describe('read-legal on other documents and broken folders', () => {
  it('splits English articles and sections, HTML and plain paragraphs; rejects unreadable files and keeps going', async () => {
    const r = await runStep(readLegalStep, { path: '.' }, [], { baseDir: broken });
    const by = (file: string) => r.out.filter((x) => x.source.file === file).map((x) => x.data as Chunk);
    expect(by('contract.md').map((c) => [c.article, c.heading_path])).toEqual([
      ['Article 1', 'Definitions › Article 1'],
      ['Article 2', 'Definitions › Article 2'],
      ['§ 3', 'Definitions › § 3'],
    ]);
    expect(by('contract.md')[0]!.text).toContain('(b) with due care.');
    expect(by('act.html').map((c) => [c.law, c.article])).toEqual([
      ['Data Act', 'Section 1'],
      ['Data Act', 'Section 2'],
    ]);
    expect(by('act.html')[0]!.text).toBe('Everyone has a right to privacy & data protection.');
    expect(by('notes.txt').map((c) => c.text)).toEqual([
      'Plain notes without any structure.',
      'A second paragraph that spans two lines.',
    ]);
    expect(r.rejected.map((x) => [x.code, x.record.source.file]).sort()).toEqual([['file_unreadable', 'scanned.txt']]);
  });

  it('stops with INPUT_NOT_FOUND when a path or glob matches nothing', async () => {
    const error = await runStep(readLegalStep, { path: 'nowhere/*.md' }, [], { baseDir: broken }).catch((e) => e);
    expect(TunekitError.is(error, 'INPUT_NOT_FOUND')).toBe(true);
    expect(error.render()).toMatch(/^nowhere\/\*\.md: no legal documents found/);
  });

  it('reads UTF-16 documents (NUL bytes are its ASCII) and rejects binary files without NUL bytes', async () => {
    const statute = '# 消费者法\n\n第一条 为了保护消费者。\n\n第二条 经营者应当诚信。\n';
    const dir = folderWith({
      'le.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(statute, 'utf16le')]),
      'be.md': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(statute, 'utf16le').swap16()]),
      'image.txt': Buffer.from(Array.from({ length: 3000 }, (_, i) => 0x80 + (i % 120))),
    });
    const r = await runStep(readLegalStep, { path: '.' }, [], { baseDir: dir });
    const texts = (file: string) => r.out.filter((x) => x.source.file === file).map((x) => (x.data as Chunk).text);
    expect(texts('le.md')).toEqual(['为了保护消费者。', '经营者应当诚信。']);
    expect(texts('be.md')).toEqual(texts('le.md'));
    expect(r.rejected.map((x) => [x.code, x.record.source.file])).toEqual([['file_unreadable', 'image.txt']]);
  });

  it('reads U+FFFD in a UTF-8 document (bytes EF BF BD) as text, not as a sign of another encoding or a binary file', async () => {
    const dir = folderWith({
      'terms.txt': 'Section 1. Scope\n\nThis \uFFFD applies.\n\nSection 2. Other\n\nText here.\n', // ISO-8859-1 to chardet
      // Garbled before it reached us: more than a tenth of its characters are U+FFFD, all valid UTF-8.
      'garbled.md': '# 法\n\n第一条 为了\uFFFD\uFFFD\uFFFD\uFFFD消费者。\n\n第二条 \uFFFD\uFFFD\uFFFD。\n',
    });
    const r = await runStep(readLegalStep, { path: '.' }, [], { baseDir: dir });
    expect(r.rejected).toEqual([]);
    const texts = r.out.map((x) => (x.data as Chunk).text);
    expect(texts).toContain('为了\uFFFD\uFFFD\uFFFD\uFFFD消费者。');
    expect(texts.some((text) => text.includes('This \uFFFD applies.'))).toBe(true);
  });

  it('stops on a GBK document read as UTF-8, naming file, line and the encoding option; rejects a corrupt article', async () => {
    const english = '# Small Act\n\nArticle 1 Sellers keep records.\n\nArticle 2 The seller (卖方) keeps them.\n';
    const dir = folderWith({
      'few.md': iconv.encode(english, 'gbk'), // a few Chinese characters: under a tenth of its text
      'zh.md': iconv.encode('# 消费者法\n\n第一条 为了保护消费者。\n\n第二条 经营者应当诚信。\n', 'gbk'),
    });
    for (const path of ['few.md', 'zh.md']) {
      const error = await runStep(readLegalStep, { path, encoding: 'utf-8' }, [], { baseDir: dir }).catch((e) => e);
      expect(TunekitError.is(error, 'INPUT_INVALID')).toBe(true);
      expect(error.context).toMatchObject({ file: path, line: path === 'few.md' ? 5 : 1, field: 'encoding' });
      expect(error.render()).toContain('the file is in another encoding');
    }
    // A UTF-8 statute with one corrupt byte: that article is rejected, the others read.
    const corrupt = Buffer.concat([
      Buffer.from('# 法\n\n第一条 文本一。\n\n第二条 坏'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('字。\n\n第三条 文本三。\n'),
    ]);
    const r = await runStep(readLegalStep, { path: 'c.md' }, [], { baseDir: folderWith({ 'c.md': corrupt }) });
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual(['文本一。', '文本三。']);
    expect(r.rejected.map((x) => [x.code, x.detail.line])).toEqual([['invalid_encoding', 5]]);
  });

  it('rejects a document with no text (empty, blank, or headings only) instead of dropping it unnoticed', async () => {
    const dir = folderWith({
      'empty.md': '',
      'blank.txt': ' \n\n\t\n',
      'headings.md': '# 民法典\n\n## 第一编 总则\n',
      'law.md': '# 法\n\n第一条 为了保护消费者。\n',
    });
    const r = await runStep(readLegalStep, { path: '.' }, [], { baseDir: dir });
    expect(r.out.map((x) => x.source.file)).toEqual(['law.md']);
    const rejected = r.rejected.map((x) => [x.record.source.file, x.code, x.detail.message]).sort();
    expect(rejected).toEqual([
      ['blank.txt', 'empty_document', 'the document is empty'],
      ['empty.md', 'empty_document', 'the document is empty'],
      ['headings.md', 'empty_document', 'the document has headings but no text under them'],
    ]);
  });

  it('reads documents in the encoding given (UTF-16 without a BOM, GBK), which detection alone cannot tell', async () => {
    const statute = '第一条 为了保护消费者。\n\n第二条 经营者应当诚信。\n';
    const utf16 = folderWith({ 'law.md': Buffer.from(statute, 'utf16le') });
    const texts = (r: Awaited<ReturnType<typeof runStep>>) => r.out.map((x) => (x.data as Chunk).text);
    const given = await runStep(readLegalStep, { path: '.', encoding: 'utf-16le' }, [], { baseDir: utf16 });
    expect(texts(given)).toEqual(['为了保护消费者。', '经营者应当诚信。']);
    const gbk = folderWith({ 'law.txt': iconv.encode(statute, 'gbk') });
    expect(texts(await runStep(readLegalStep, { path: '.', encoding: 'gbk' }, [], { baseDir: gbk }))).toEqual(
      texts(given),
    );
  });

  it('keeps dotted and ranged section numbers whole (Section 2.01, § 53a-21), without a whole number for them', async () => {
    const lease =
      '# Lease\n\nSection 2.01 Rent. Paid monthly.\nSection 2.02. Deposit.\n§ 53a-21 Terms.\nSection 3 Notices.\n';
    const r = await runStep(readLegalStep, { path: 'lease.txt' }, [], { baseDir: folderWith({ 'lease.txt': lease }) });
    expect(r.out.map((x) => x.data as Chunk).map((c) => [c.article, c.article_number, c.text])).toEqual([
      ['Section 2.01', undefined, 'Rent. Paid monthly.'],
      ['Section 2.02', undefined, 'Deposit.'],
      ['§ 53a-21', undefined, 'Terms.'],
      ['Section 3', 3, 'Notices.'],
    ]);
  });

  it("reads a plain-text English statute's name on its first line, and Part / Chapter lines as headings, not text", async () => {
    const act = [
      'Consumer Protection Act 2015',
      'PART I — GENERAL',
      'Chapter 1 General Provisions',
      'Article 1 This Act protects consumers.',
      'Article 2 This Act applies to sales of goods.',
      'Chapter 2 Notices',
      'Article 3 A seller gives notice in writing. Part 1 of this Act applies to it.',
      'PART II',
      'Chapter 3 General Provisions',
      'Article 4 Words have their ordinary meaning.\nA debtor may file under\nChapter 11 Bankruptcy Code',
      '',
    ].join('\n\n');
    const r = await runStep(readLegalStep, { path: 'act.txt' }, [], { baseDir: folderWith({ 'act.txt': act }) });
    const chunks = r.out.map((x) => x.data as Chunk);
    expect(chunks.map((c) => [c.law, c.article, c.topic, c.text, c.headings])).toEqual([
      [
        'Consumer Protection Act 2015',
        'Article 1',
        'General Provisions (PART I GENERAL)',
        'This Act protects consumers.',
        ['PART I GENERAL', 'Chapter 1 General Provisions'],
      ],
      [
        'Consumer Protection Act 2015',
        'Article 2',
        'General Provisions (PART I GENERAL)',
        'This Act applies to sales of goods.',
        ['PART I GENERAL', 'Chapter 1 General Provisions'],
      ],
      [
        'Consumer Protection Act 2015',
        'Article 3',
        'Notices',
        'A seller gives notice in writing. Part 1 of this Act applies to it.',
        ['PART I GENERAL', 'Chapter 2 Notices'],
      ],
      [
        'Consumer Protection Act 2015',
        'Article 4',
        'General Provisions (PART II)',
        'Words have their ordinary meaning.\n\nA debtor may file under\n\nChapter 11 Bankruptcy Code',
        ['PART II', 'Chapter 3 General Provisions'],
      ],
    ]);
    expect(r.discarded).toEqual([]);
  });

  it('reads HTML as a browser shows it: named entities, collapsed whitespace, table cells apart, <pre> kept', async () => {
    const page = [
      '<html><head><title>x</title></head><body><h1>Privacy Act</h1>',
      '<p>Section 1. The &ldquo;controller&rdquo; &mdash; a person&hellip; &eacute;l&egrave;ve &amp;amp; &#xD800;</p>',
      '<p>Section 2. A controller shall',
      '   keep   records.</p>',
      '<table><tr><td>Section 3.</td><td>Term</td><td>one year</td></tr></table>',
      '<pre>Section 4. Form:\n  Name</pre><p>第五条&emsp;中文</p>',
    ].join('\n');
    const r = await runStep(readLegalStep, { path: 'act.html' }, [], { baseDir: folderWith({ 'act.html': page }) });
    expect(r.out.map((x) => x.data as Chunk).map((c) => [c.article, c.text])).toEqual([
      ['Section 1', 'The “controller” — a person… élève &amp; \ufffd'],
      ['Section 2', 'A controller shall keep records.'],
      ['Section 3', 'Term one year'],
      ['Section 4', 'Form:\n\nName\n\n第五条\u2003中文'],
    ]);
  });

  it('joins the lines of hard-wrapped English clauses, keeps list items apart', async () => {
    const msa = [
      '# Services Agreement',
      '1. "Agreement" means this agreement, as amended from time to',
      'time by the parties, including sub-',
      'contracted services,',
      'Schedule A and its annexes.',
      '(a) on time; and',
      '(b) with due care.',
      'A new paragraph.',
      '2. Fees.',
    ].join('\n');
    const r = await runStep(readLegalStep, { path: 'msa.txt' }, [], { baseDir: folderWith({ 'msa.txt': msa }) });
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual([
      '"Agreement" means this agreement, as amended from time to time by the parties, including sub-contracted ' +
        'services, Schedule A and its annexes.\n\n(a) on time; and\n\n(b) with due care.\n\nA new paragraph.',
      'Fees.',
    ]);
  });
});

describe('read-legal line numbers', () => {
  it('numbers chunks of an HTML document by the line of the .html file their text starts on', async () => {
    const page = [
      '<html><head><title>Data Act</title>',
      '<style>p { margin: 0 }</style></head>',
      '<body><h1>Data Act</h1>',
      '<p>Section 1. Everyone has a right',
      'to privacy.</p>',
      '<p>',
      '  Section 2. Controllers shall',
      '  keep records.</p><p>Section 3. Fees.</p>',
      '</body></html>',
    ].join('\n');
    const r = await runStep(readLegalStep, { path: 'act.html' }, [], { baseDir: folderWith({ 'act.html': page }) });
    expect(r.out.map((x) => [(x.data as Chunk).article, x.source.line, x.id])).toEqual([
      ['Section 1', 4, 'act.html:4'],
      ['Section 2', 7, 'act.html:7'],
      ['Section 3', 8, 'act.html:8'],
    ]);
  });

  it("takes a page's <title> for the law's name when it has no <h1>", async () => {
    const page =
      '<html><head>\n<title>Data Protection Act</title>\n</head><body>\n<p>Section 1. A.</p><p>Section 2. B.</p></body></html>';
    const r = await runStep(readLegalStep, { path: 'act.html' }, [], { baseDir: folderWith({ 'act.html': page }) });
    expect(r.out.map((x) => [(x.data as Chunk).law, (x.data as Chunk).article, x.source.line])).toEqual([
      ['Data Protection Act', 'Section 1', 4],
      ['Data Protection Act', 'Section 2', 4],
    ]);
  });

  it('treats a lone \\r (classic Mac OS) as a line break, as \\n and \\r\\n, with the right line numbers', async () => {
    const dir = folderWith({
      'mac.txt': 'Article 1. Scope.\rArticle 2. Term.\r\rArticle 3. Fees.\r',
      'mixed.md': '# 法\r\n\r第一条 为了保护消费者。\n\r\n第二条 经营者应当诚信。\r',
      'page.html': '<p>Section 1. A.</p>\r<p>Section 2. B.</p>',
    });
    const r = await runStep(readLegalStep, { path: '.' }, [], { baseDir: dir });
    expect(r.out.map((x) => [x.id, (x.data as Chunk).article, (x.data as Chunk).text])).toEqual([
      ['mac.txt:1', 'Article 1', 'Scope.'],
      ['mac.txt:2', 'Article 2', 'Term.'],
      ['mac.txt:4', 'Article 3', 'Fees.'],
      ['mixed.md:3', '第一条', '为了保护消费者。'],
      ['mixed.md:5', '第二条', '经营者应当诚信。'],
      ['page.html:1', 'Section 1', 'A.'],
      ['page.html:2', 'Section 2', 'B.'],
    ]);
  });
});

describe('read-legal on hard-wrapped text (PDF-to-text)', () => {
  it('joins the wrapped lines of a Chinese statute back into its paragraphs; articles, items and paragraphs stay', async () => {
    const markdown = await runStep(readLegalStep, { path: 'statutes-zh/消费者权益保护法(2013-10-25).md' }, [], {
      baseDir: data,
    });
    const articles = markdown.out.map((x) => x.data as Chunk);
    // As printed: 24 characters a line, the first line of each paragraph indented by two full-width spaces.
    const page = articles.flatMap((c) => [
      ...c.text
        .split('\n\n')
        .flatMap((paragraph, i) => wrapCjk(i === 0 ? `${c.article}　${paragraph}` : paragraph, 48, '　　')),
    ]);
    const wrapped = await runStep(readLegalStep, { path: 'law.txt' }, [], {
      baseDir: folderWith({ 'law.txt': `${page.join('\n')}\n` }),
    });
    expect(wrapped.out.map((x) => (x.data as Chunk).article)).toEqual(articles.map((c) => c.article));
    expect(wrapped.out.map((x) => (x.data as Chunk).text)).toEqual(articles.map((c) => c.text));
  });

  it('joins a number the width broke inside CJK text, never two numbers on two lines', async () => {
    const fine =
      '经营者违反本法规定的，由有关行政部门责令改正，可以根据情节单处或者并处警告、没收违法所得，处以罚款10000元以下，并于2013年10月25日起施行。';
    const duty =
      '经营者应当保证其提供的商品或者服务符合保障人身、财产安全的要求，对可能危及人身、财产安全的商品和服务，应当向消费者作出真实的说明和明确的警示。';
    const lines = [
      ...wrapCjk(`第一条　${fine}`, 40),
      ...wrapCjk(`第二条　${duty}`, 40),
      ...wrapCjk(`第三条　${duty}`, 40),
      '第四条　本条所称金额如下：',
      '1000',
      '2000',
    ];
    expect(lines[0]!.endsWith('罚款')).toBe(false);
    expect(lines.some((line) => /^\d/.test(line) && /\d$/.test(lines[lines.indexOf(line) - 1]!))).toBe(true);
    const r = await runStep(readLegalStep, { path: 'law.txt' }, [], {
      baseDir: folderWith({ 'law.txt': lines.join('\n') }),
    });
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual([fine, duty, duty, '本条所称金额如下：\n\n1000\n\n2000']);
  });

  it('starts a paragraph at an item (（一）, 二、) even when the line above ran to the full width', async () => {
    const duty =
      '经营者应当保证其提供的商品或者服务符合保障人身、财产安全的要求，对可能危及人身、财产安全的商品和服务，应当向消费者作出真实的说明和明确的警示。';
    const intro = '经营者应当遵守下列规定，不得有下列行为之一';
    expect(`第二条　${intro}`.length * 2).toBe(50);
    const lines = [
      ...wrapCjk(`第一条　${duty}`, 50),
      `第二条　${intro}`,
      '（一）依法经营；',
      '二、诚实信用。',
      ...wrapCjk(`第三条　${duty}`, 50),
      ...wrapCjk(`第四条　${duty}`, 50),
    ];
    const r = await runStep(readLegalStep, { path: 'law.txt' }, [], {
      baseDir: folderWith({ 'law.txt': lines.join('\n') }),
    });
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual([
      duty,
      `${intro}\n\n（一）依法经营；\n\n二、诚实信用。`,
      duty,
      duty,
    ]);
  });

  it('keeps a wrapped line that starts with 第X条 glued to text in its article: a citation, not a new article', async () => {
    const duty =
      '经营者应当保证其提供的商品或者服务符合保障人身、财产安全的要求，对可能危及人身、财产安全的商品和服务，应当向消费者作出真实的说明和明确的警示。';
    const cited = ['第二条　经营者应当履行其义务，除依照本法', '第三条规定的情形外。'];
    expect(cited[0]!.length * 2).toBe(40);
    const lines = [
      ...wrapCjk(`第一条　${duty}`, 40),
      ...cited,
      ...wrapCjk(`第三条　${duty}`, 40),
      ...wrapCjk(`第四条　${duty}`, 40),
    ];
    const r = await runStep(readLegalStep, { path: 'law.txt' }, [], {
      baseDir: folderWith({ 'law.txt': lines.join('\n') }),
    });
    expect(r.out.map((x) => [(x.data as Chunk).article, (x.data as Chunk).text])).toEqual([
      ['第一条', duty],
      ['第二条', '经营者应当履行其义务，除依照本法第三条规定的情形外。'],
      ['第三条', duty],
      ['第四条', duty],
    ]);
  });

  it('keeps a wrapped line that starts with Section N of … in its section: a citation, not a new section', async () => {
    const rows = (await runStep(readTsv, { path: 'legalbench/cuad_audit_rights/train.tsv' }, [], { baseDir: data }))
      .out;
    const clauses = rows.map((row) => (row.data as { text: string }).text.replace(/\s+/g, ' ').trim());
    const citing = 'The Customer may audit the records kept under Section 2 of this Agreement once a year.';
    const texts = [...clauses.slice(0, 3), citing, ...clauses.slice(3)];
    const width = [50, 52, 54, 56, 58, 60, 62, 64].find((w) =>
      wrapWords(`Section 4. ${citing}`, w).some((line) => line.startsWith('Section 2 of')),
    )!;
    const lines = texts.flatMap((text, i) => [...wrapWords(`Section ${i + 1}. ${text}`, width), '']);
    expect(lines.some((line) => line.startsWith('Section 2 of'))).toBe(true);
    const r = await runStep(readLegalStep, { path: 'msa.txt' }, [], {
      baseDir: folderWith({ 'msa.txt': lines.join('\n') }),
    });
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual(texts);
  });

  it('joins English lines that run to the full width with one space; short lines, blank lines and sections end paragraphs', async () => {
    const rows = (await runStep(readTsv, { path: 'legalbench/cuad_audit_rights/train.tsv' }, [], { baseDir: data }))
      .out;
    const clauses = rows.map((row) => (row.data as { text: string }).text.replace(/\s+/g, ' ').trim());
    const lines = clauses.flatMap((text, i) => [...wrapWords(`Section ${i + 1}. ${text}`, 64), ...(i % 2 ? [''] : [])]);
    const r = await runStep(readLegalStep, { path: 'contract.txt' }, [], {
      baseDir: folderWith({ 'contract.txt': ['# Audit Clauses', '', ...lines].join('\n') }),
    });
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual(clauses);
    const notice = [
      'The Supplier shall keep complete and accurate records of all Services',
      'Fees invoiced under this Agreement for three (3) years.',
      'Notices.',
      'Each notice shall be given in writing to the address set out below and',
      'Section 12 of the Master Agreement applies.',
    ];
    const note = await runStep(readLegalStep, { path: 'note.txt' }, [], {
      baseDir: folderWith({
        'note.txt': [...notice, '', ...clauses.flatMap((clause) => [...wrapWords(clause, 72), ''])].join('\n'),
      }),
    });
    expect(note.out.map((x) => (x.data as Chunk).text)).toEqual([
      `${notice[0]} ${notice[1]}`,
      'Notices.',
      `${notice[3]} ${notice[4]}`,
      ...clauses,
    ]);
  });
});

describe('read-legal page furniture', () => {
  /** The clauses of a real contract task as numbered sections, hard-wrapped at 64 columns. */
  async function contractLines(): Promise<{ clauses: string[]; lines: string[] }> {
    const rows = (await runStep(readTsv, { path: 'legalbench/cuad_audit_rights/train.tsv' }, [], { baseDir: data }))
      .out;
    const clauses = rows.map((row) => (row.data as { text: string }).text.replace(/\s+/g, ' ').trim());
    return { clauses, lines: clauses.flatMap((text, i) => wrapWords(`Section ${i + 1}. ${text}`, 64)) };
  }

  it('drops page numbers and running headers and footers of a PDF export, and joins paragraphs across pages', async () => {
    const { clauses, lines } = await contractLines();
    const pages: string[] = [];
    for (let start = 0, page = 1; start < lines.length; start += 7, page++) {
      const body = lines.slice(start, start + 7);
      pages.push(['MASTER SERVICES AGREEMENT', '', ...body, '', `Confidential      Page ${page} of 4`].join('\n'));
    }
    const file = `${pages.join('\n\f')}\n\f`;
    const r = await runStep(readLegalStep, { path: 'msa.txt' }, [], { baseDir: folderWith({ 'msa.txt': file }) });
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual(clauses);
    expect(new Set(r.out.map((x) => (x.data as Chunk).law))).toEqual(new Set(['MASTER SERVICES AGREEMENT']));
    expect(r.reports.page_furniture).toEqual({
      lines: pages.length * 2,
      page_numbers: 0,
      running_headers: pages.length * 2,
      files: { 'msa.txt': pages.length * 2 },
      examples: [
        { file: 'msa.txt', line: 1, kind: 'running_header', text: 'MASTER SERVICES AGREEMENT' },
        { file: 'msa.txt', line: 11, kind: 'running_header', text: 'Confidential      Page 1 of 4' },
      ],
    });
    const fileLines = file.split('\n');
    const starts = clauses.map((_, i) => fileLines.findIndex((line) => line.startsWith(`Section ${i + 1}.`)) + 1);
    expect(r.out.map((x) => x.source.line)).toEqual(starts);
  });

  it('drops - 1 -, 第 2 页 and Page 3 of 3 and the running header; headings repeated at page tops are kept', async () => {
    const statute = [
      '中华人民共和国快递暂行条例',
      '第一章 总则',
      '第一条 为了促进快递业健康发展，保障快递安全。',
      '- 1 -',
      '中华人民共和国快递暂行条例',
      '第一节 一般规定',
      '第二条 本条例适用于快递业务。',
      '第 2 页',
      '中华人民共和国快递暂行条例',
      '第二章 经营主体',
      '第一节 一般规定',
      '第三条 经营快递业务，应当依法取得快递业务经营许可。',
      'Page 3 of 3',
    ].join('\n');
    const dir = folderWith({ 'law.txt': statute });
    const r = await runStep(readLegalStep, { path: 'law.txt' }, [], { baseDir: dir });
    expect(r.out.map((x) => [(x.data as Chunk).heading_path, (x.data as Chunk).text])).toEqual([
      ['第一章 › 第一条', '为了促进快递业健康发展，保障快递安全。'],
      ['第一章 › 第一节 › 第二条', '本条例适用于快递业务。'],
      ['第二章 › 第一节 › 第三条', '经营快递业务，应当依法取得快递业务经营许可。'],
    ]);
    expect(r.reports.page_furniture).toMatchObject({ page_numbers: 3, running_headers: 3 });
    expect(r.out.map((x) => (x.data as Chunk).law)).toEqual(Array(3).fill('中华人民共和国快递暂行条例'));
    const kept = await runStep(readLegalStep, { path: 'law.txt', drop_page_headers: false }, [], { baseDir: dir });
    expect((kept.out[0]!.data as Chunk).text).toBe(
      '为了促进快递业健康发展，保障快递安全。\n\n- 1 -\n\n中华人民共和国快递暂行条例',
    );
    expect(kept.reports.page_furniture).toBeUndefined();
  });

  it('keeps text that repeats at the bottom of pages under its own section: a footer is set apart by a blank line', async () => {
    const pages = Array.from({ length: 4 }, (_, page) =>
      [
        `Section ${page + 1}. The Supplier shall keep complete and accurate records.`,
        'The records are kept for three years.',
        '',
        `- ${page + 1} -`,
      ].join('\n'),
    );
    const r = await runStep(readLegalStep, { path: 'msa.txt' }, [], {
      baseDir: folderWith({ 'msa.txt': pages.join('\n\f') }),
    });
    for (const chunk of r.out) expect((chunk.data as Chunk).text).toMatch(/three years\.$/);
    expect(r.reports.page_furniture).toMatchObject({ page_numbers: 4, running_headers: 0 });
  });

  it('does not take a running header that marks pages (CONFIDENTIAL, a dated draft) for the title', async () => {
    for (const header of ['CONFIDENTIAL', 'Draft of 2024-03-01']) {
      const pages = Array.from({ length: 3 }, (_, page) =>
        [header, '', `Section ${page + 1}. The Supplier shall keep records.`, '', `- ${page + 1} -`].join('\n'),
      );
      const r = await runStep(readLegalStep, { path: 'msa.txt' }, [], {
        baseDir: folderWith({ 'msa.txt': pages.join('\n\f') }),
      });
      expect(r.out.map((x) => (x.data as Chunk).law)).toEqual(['msa', 'msa', 'msa']);
      expect(r.reports.page_furniture).toMatchObject({ running_headers: 3 });
    }
  });

  it('drops the Roman page numbers of front matter: - iii -, Page iv, and i, ii alone at page edges', async () => {
    const pages = [
      ['SERVICES AGREEMENT', '', 'The parties to this agreement are named below.', '', 'i'],
      ['Recitals continue here in the front matter.', '', 'ii'],
      ['- iii -', '', 'The parties agree as follows.'],
      ['The recitals end on this page.', '', 'Page iv of iv'],
      ['Section 1. Terms defined here apply to this Agreement.', '', '1'],
      ['Section 2. The Supplier shall deliver the Services.', '', '2'],
    ];
    const file = `${pages.map((page) => page.join('\n')).join('\n\f')}\n`;
    const r = await runStep(readLegalStep, { path: 'msa.txt' }, [], { baseDir: folderWith({ 'msa.txt': file }) });
    // The agreement's name on its first line is its title.
    expect(r.out.map((x) => (x.data as Chunk).law)).toEqual(Array(3).fill('SERVICES AGREEMENT'));
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual([
      [
        'The parties to this agreement are named below.',
        'Recitals continue here in the front matter.',
        'The parties agree as follows.',
        'The recitals end on this page.',
      ].join('\n\n'),
      'Terms defined here apply to this Agreement.',
      'The Supplier shall deliver the Services.',
    ]);
    expect(r.reports.page_furniture).toMatchObject({ page_numbers: 6, running_headers: 0 });

    // Without form feeds: lower-case numerals alone on their lines, rising and far apart.
    const page = (n: string) => [1, 2, 3, 4].map((k) => `Paragraph ${k} of the preface on page ${n}.`);
    const flat = ['Preface', ...['vii', 'viii', 'ix'].flatMap((n) => [...page(n), n])];
    const preface = await runStep(readLegalStep, { path: 'p.txt' }, [], {
      baseDir: folderWith({ 'p.txt': flat.join('\n\n') }),
    });
    expect((preface.out[0]!.data as Chunk).text).not.toMatch(/^(?:vii|viii|ix)$/m);
    expect(preface.reports.page_furniture).toMatchObject({ page_numbers: 3 });
  });

  it('keeps Roman numerals that are text: items (iv), Article IV, PART II, a heading IV, a lone v', async () => {
    const pages = [
      ['Article IV', '', 'Section 1. The Supplier shall deliver:', '(iv) the Services;', '(v) the Fees.', '', '1'],
      ['PART II', '', 'Section 2. The Supplier shall keep records.', '', '2'],
      ['IV', 'RESERVED MATTERS', '', 'Section 3. Nothing here is reserved.', '', 'v'],
    ];
    const file = `${pages.map((page) => page.join('\n')).join('\n\f')}\n`;
    const r = await runStep(readLegalStep, { path: 'msa.txt' }, [], { baseDir: folderWith({ 'msa.txt': file }) });
    const texts = r.out.map((x) => (x.data as Chunk).text).join('\n\n');
    for (const kept of ['(iv) the Services;', '(v) the Fees.', '\nIV\n', '\nv']) expect(texts).toContain(kept);
    // A heading, not text of the section above it.
    expect(r.out.map((x) => (x.data as Chunk).headings)).toEqual([[], ['PART II'], ['PART II']]);
    expect(r.rejected.map((x) => x.detail.message)).toEqual(['Article IV has no text']);
    expect(r.reports.page_furniture).toMatchObject({ page_numbers: 2 });

    // Item labels on lines of their own, close together, are no page numbers either.
    const items =
      'Section 1. The Supplier shall:\n\ni\n\ndeliver;\n\nii\n\ninvoice;\n\niii\n\nreport.\n\nSection 2. End.\n';
    const listed = await runStep(readLegalStep, { path: 'l.txt' }, [], { baseDir: folderWith({ 'l.txt': items }) });
    expect((listed.out[0]!.data as Chunk).text).toBe(
      'The Supplier shall:\n\ni\n\ndeliver;\n\nii\n\ninvoice;\n\niii\n\nreport.',
    );
  });

  it('keeps numbers on lines of their own that are not page numbers', async () => {
    const table = '第一条 罚款标准如下：\n1000\n2000\n3000\n第二条 本法自公布之日起施行。\n';
    const r = await runStep(readLegalStep, { path: 'law.txt' }, [], { baseDir: folderWith({ 'law.txt': table }) });
    expect((r.out[0]!.data as Chunk).text).toBe('罚款标准如下：\n\n1000\n\n2000\n\n3000');
    expect(r.reports.page_furniture).toBeUndefined();
  });
});

describe('read-legal on short documents of long lines', () => {
  it('does not take a few long paragraphs of similar length for hard-wrapped text (a Big5 statute)', async () => {
    const tw = [
      '# 消費者保護法',
      '',
      '第 1 條 為保護消費者權益，促進國民消費生活安全，提昇國民消費生活品質，特制定本法。',
      '有關消費者之保護，依本法之規定，本法未規定者，適用其他法律。',
      '第 2 條 本法所用名詞定義如下：',
      '一、消費者：指以消費為目的而為交易、使用商品或接受服務者。',
      '二、企業經營者：指以設計、生產、製造、輸入、經銷商品或提供服務為營業者。',
    ].join('\n');
    const r = await runStep(readLegalStep, { path: 'tw.txt' }, [], {
      baseDir: folderWith({ 'tw.txt': iconv.encode(tw, 'big5') }),
    });
    expect(r.out.map((x) => (x.data as Chunk).text.split('\n\n').length)).toEqual([2, 3]);
  });
});

describe('read-legal on articles laid out otherwise', () => {
  it('reads an article whose text starts on the line after its label, and rejects an article with no text', async () => {
    const law =
      '第一条\n为了保护消费者的合法权益，制定本法。\n第二条\n消费者为生活消费需要购买商品。\n第三条　（删除）\n第四条\n第五条　经营者应当诚信。\n';
    const lease = 'Article 1. Scope.\nArticle 2.\nArticle 3. Fees.\n';
    const r = await runStep(readLegalStep, { path: '.' }, [], {
      baseDir: folderWith({ 'law.txt': law, 'lease.txt': lease }),
    });
    expect(r.out.map((x) => [x.source.line, (x.data as Chunk).article, (x.data as Chunk).text])).toEqual([
      [1, '第一条', '为了保护消费者的合法权益，制定本法。'],
      [3, '第二条', '消费者为生活消费需要购买商品。'],
      [7, '第五条', '经营者应当诚信。'],
      [1, 'Article 1', 'Scope.'],
      [3, 'Article 3', 'Fees.'],
    ]);
    expect(r.rejected.map((x) => [x.code, x.record.source, x.detail])).toEqual([
      [
        'repealed_article',
        { file: 'law.txt', line: 5 },
        {
          message: '第三条 is repealed (（删除）): nothing to learn from it (keep_repealed: true keeps it)',
          line: 5,
          key: 'text',
        },
      ],
      ['empty_article', { file: 'law.txt', line: 6 }, { message: '第四条 has no text', line: 6, key: 'text' }],
      ['empty_article', { file: 'lease.txt', line: 2 }, { message: 'Article 2 has no text', line: 2, key: 'text' }],
    ]);
  });

  it('rejects repealed and reserved articles unless keep_repealed, and keeps an article that only mentions repeal', async () => {
    const law = '第一条 本法自公布之日起施行。\n第二条 [删除]\n第三条 （已废止）\n第四条 删除本法第二条。\n';
    const msa = [
      'Section 1. Scope. This Agreement covers the Services.',
      'Section 2. [Reserved]',
      'Section 3. Intentionally Omitted.',
      'Section 4. (Repealed)',
      'Section 5. Deleted words are not a repeal.',
    ].join('\n');
    const baseDir = folderWith({ 'law.txt': law, 'msa.txt': msa });
    const dropped = await runStep(readLegalStep, { path: '.' }, [], { baseDir });
    expect(dropped.out.map((x) => (x.data as Chunk).article)).toEqual(['第一条', '第四条', 'Section 1', 'Section 5']);
    expect(dropped.rejected.map((x) => [x.code, x.record.source.line])).toEqual([
      ['repealed_article', 2],
      ['repealed_article', 3],
      ['repealed_article', 2],
      ['repealed_article', 3],
      ['repealed_article', 4],
    ]);
    const kept = await runStep(readLegalStep, { path: '.', keep_repealed: true }, [], { baseDir });
    expect(kept.out).toHaveLength(9);
    expect(kept.rejected).toEqual([]);
  });

  it('starts an article at 第X条 glued to its text or followed by a colon when it is the next number', async () => {
    const law = [
      '第一条为了保护消费者的合法权益，制定本法。',
      '第二条：消费者为生活消费需要购买商品。',
      '第九条规定的情形除外。',
      '第三条经营者应当诚信。',
    ].join('\n');
    const r = await runStep(readLegalStep, { path: 'law.txt' }, [], { baseDir: folderWith({ 'law.txt': law }) });
    expect(r.out.map((x) => [x.source.line, (x.data as Chunk).article_number, (x.data as Chunk).text])).toEqual([
      [1, 1, '为了保护消费者的合法权益，制定本法。'],
      [2, 2, '消费者为生活消费需要购买商品。\n\n第九条规定的情形除外。'],
      [4, 3, '经营者应当诚信。'],
    ]);
  });

  it('puts the numbered clauses of a contract under their ARTICLE, whose title is their topic', async () => {
    const msa = [
      '# Services Agreement',
      'ARTICLE 1 DEFINITIONS',
      '1. "Affiliate" means any entity that controls a party.',
      '2. "Services" means the services.',
      'ARTICLE 2',
      'PAYMENT',
      '1. Fees are due monthly:',
      '(a) in arrears; and',
      '(b) in US dollars.',
      'ARTICLE 3 The Supplier shall perform the Services.',
      '1. Taxes are extra.',
      'ARTICLE 4 TERM',
      'This Agreement lasts one year.',
    ].join('\n');
    const r = await runStep(readLegalStep, { path: 'msa.txt' }, [], { baseDir: folderWith({ 'msa.txt': msa }) });
    expect(r.out.map((x) => (x.data as Chunk).article)).toEqual([
      'Article 1.1',
      'Article 1.2',
      'Article 2.1',
      'ARTICLE 3',
      'Article 3.1',
      'ARTICLE 4',
    ]);
    expect(r.out.map((x) => x.data as Chunk).map((c) => [c.heading_path, c.topic, c.text])).toEqual([
      ['ARTICLE 1 › 1.', 'DEFINITIONS', '"Affiliate" means any entity that controls a party.'],
      ['ARTICLE 1 › 2.', 'DEFINITIONS', '"Services" means the services.'],
      ['ARTICLE 2 › 1.', 'PAYMENT', 'Fees are due monthly:\n\n(a) in arrears; and\n\n(b) in US dollars.'],
      ['ARTICLE 3', '', 'The Supplier shall perform the Services.'],
      ['ARTICLE 3 › 1.', 'ARTICLE 3', 'Taxes are extra.'],
      ['ARTICLE 4', 'TERM', 'This Agreement lasts one year.'],
    ]);
  });

  it('takes the title of an ARTICLE over body text out of its text for its topic, as it does over clauses', async () => {
    const contract = [
      '# Supply Agreement',
      '',
      'ARTICLE 5 CONFIDENTIALITY',
      '',
      "Each party shall keep the other party's information confidential.",
      '',
      'The obligations in this Article survive termination.',
      '',
      'ARTICLE 6',
      'GOVERNING LAW',
      '',
      'This Agreement is governed by the laws of England.',
      '',
      'ARTICLE 7 Term and Termination',
      '',
      'This Agreement lasts one year.',
      '1. Either party may terminate on notice.',
      '',
      'Section 8. Notices',
      '',
      'Notices are given in writing.',
      '',
      'ARTICLE 9 ENTIRE AGREEMENT',
      '',
      'ARTICLE 10 The Supplier shall perform the Services.',
      '',
      'It shall do so with care.',
    ].join('\n');
    const r = await runStep(readLegalStep, { path: 'c.txt' }, [], { baseDir: folderWith({ 'c.txt': contract }) });
    expect(r.out.map((x) => x.data as Chunk).map((c) => [c.article, c.heading_path, c.topic, c.text])).toEqual([
      [
        'ARTICLE 5',
        'ARTICLE 5',
        'CONFIDENTIALITY',
        "Each party shall keep the other party's information confidential.\n\nThe obligations in this Article survive termination.",
      ],
      ['ARTICLE 6', 'ARTICLE 6', 'GOVERNING LAW', 'This Agreement is governed by the laws of England.'],
      ['ARTICLE 7', 'ARTICLE 7', 'Term and Termination', 'This Agreement lasts one year.'],
      ['Article 7.1', 'ARTICLE 7 › 1.', 'Term and Termination', 'Either party may terminate on notice.'],
      ['Section 8', 'Section 8', 'Notices', 'Notices are given in writing.'],
      // Only a title: it stays the text. A sentence is no title.
      ['ARTICLE 9', 'ARTICLE 9', '', 'ENTIRE AGREEMENT'],
      ['ARTICLE 10', 'ARTICLE 10', '', 'The Supplier shall perform the Services.\n\nIt shall do so with care.'],
    ]);
  });

  it('takes Markdown footnotes out of the article they follow and gives each article the notes it refers to', async () => {
    const law =
      '# 法\n\n第一条 为了保护消费者的合法权益[^1]，制定本法。\n\n第二条 经营者应当诚信[^2][^x]。\n\n[^1]: 2013年修正。\n[^2]: 见\n    第五条。\n';
    const r = await runStep(readLegalStep, { path: 'law.md' }, [], { baseDir: folderWith({ 'law.md': law }) });
    expect(r.out.map((x) => x.data as Chunk & { footnotes?: string[] }).map((c) => [c.text, c.footnotes])).toEqual([
      ['为了保护消费者的合法权益，制定本法。', ['2013年修正。']],
      ['经营者应当诚信[^x]。', ['见第五条。']],
    ]);
  });

  it('takes the footnotes at the foot of the pages of a PDF export out of the text, and their superscript numbers', async () => {
    const sections = [
      'Section 1. The Licensee shall pay royalties on the net sales of every Product sold in the Territory during the Term.1 The Licensor2 may audit the books of the Licensee once in every calendar year, on thirty days notice.',
      'Section 2. Payments are due within 30 days of the invoice and bear interest at the rate set out in Schedule 2 when they are late, from the day they were due until the day they are paid in full.',
      'Section 3. The Licensee shall keep complete and accurate records of all sales of the Products,3 and shall keep them for at least three years after the end of the calendar year they relate to.',
    ];
    const lines = sections.flatMap((text) => wrapWords(text, 64));
    const notes = [
      ['1 Royalties are computed quarterly on the net sales of the', 'Products.'],
      ['2 Or an auditor that it appoints.'],
      ['3 In paper or electronic form.'],
    ];
    // Page 1 ends inside section 2, whose text goes on at the top of page 2.
    const cut = lines.findIndex((line) => line.startsWith('Section 2.')) + 2;
    const pages = [
      [...lines.slice(0, cut), '', '________', ...notes[0]!, ...notes[1]!, '', '- 1 -'],
      [...lines.slice(cut), '', ...notes[2]!, '', '- 2 -'],
    ];
    const file = pages.map((page) => page.join('\n')).join('\n\f');
    const r = await runStep(readLegalStep, { path: 'licence.txt' }, [], {
      baseDir: folderWith({ 'licence.txt': file }),
    });
    expect(r.out.map((x) => x.data as Chunk & { footnotes?: string[] }).map((c) => [c.text, c.footnotes])).toEqual([
      [
        sections[0]!.replace('Section 1. ', '').replace('Term.1', 'Term.').replace('Licensor2', 'Licensor'),
        ['Royalties are computed quarterly on the net sales of the Products.', 'Or an auditor that it appoints.'],
      ],
      [sections[1]!.replace('Section 2. ', ''), undefined],
      [sections[2]!.replace('Section 3. ', '').replace('Products,3', 'Products,'), ['In paper or electronic form.']],
    ]);
  });

  it('leaves numbered lines at the foot of a page as text unless each has one superscript reference on its page', async () => {
    const page = (body: string, foot: string, n: number) => `${body}\n\n${foot}\n\n- ${n} -`;
    const file = [
      // Two numbers that could refer to note 1; a capital before the digit (Exhibit A1) is no reference.
      page('Section 1. The Licensee shall pay royalties.1 See clause 4 of annex.1 below.', '1 A note.', 1),
      page('Section 2. The territories are in Exhibit A1 to this Agreement.', '1 Another line.', 2),
      page('Section 3. The Licensee shall keep records.', '1 A numbered line with no reference.', 3),
    ].join('\n\f');
    const r = await runStep(readLegalStep, { path: 'l.txt' }, [], { baseDir: folderWith({ 'l.txt': file }) });
    expect(r.out.map((x) => (x.data as Chunk & { footnotes?: string[] }).footnotes)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(r.out.map((x) => (x.data as Chunk).text)).toEqual([
      'The Licensee shall pay royalties.1 See clause 4 of annex.1 below.\n\n1 A note.',
      'The territories are in Exhibit A1 to this Agreement.\n\n1 Another line.',
      'The Licensee shall keep records.\n\n1 A numbered line with no reference.',
    ]);
    // Without form feeds there are no pages to find the foot of.
    const flat =
      'Section 1. The Licensee shall pay royalties.1\n\n1 Royalties are computed quarterly.\n\nSection 2. End.\n';
    const plain = await runStep(readLegalStep, { path: 'f.txt' }, [], { baseDir: folderWith({ 'f.txt': flat }) });
    expect((plain.out[0]!.data as Chunk).text).toBe(
      'The Licensee shall pay royalties.1\n\n1 Royalties are computed quarterly.',
    );
  });

  it('keeps a Markdown table one block with a row a line, in statutes, contracts and plain text', async () => {
    const table = '| 违法行为 | 罚款 |\n|---|---|\n| 虚假宣传 | 10000元 |';
    const dir = folderWith({
      'law.md': `# 法\n\n第一条 罚款标准如下：\n${table}\n第二条 本法自公布之日起施行。\n`,
      'fees.md': `# Fees\n\nThe fees are as follows:\n\n${table}\n\nPayment is due monthly.\n`,
      'msa.md': `Section 1. Fees:\n${table}\nSection 2. Term.\n`,
    });
    const r = await runStep(readLegalStep, { path: '.' }, [], { baseDir: dir });
    expect(r.out.map((x) => [x.source.file, (x.data as Chunk).text])).toEqual([
      ['fees.md', 'The fees are as follows:'],
      ['fees.md', table],
      ['fees.md', 'Payment is due monthly.'],
      ['law.md', `罚款标准如下：\n\n${table}`],
      ['law.md', '本法自公布之日起施行。'],
      ['msa.md', `Fees:\n\n${table}`],
      ['msa.md', 'Term.'],
    ]);
  });

  it('takes the law name a plain-text statute starts with for its title, not for a chunk of text', async () => {
    const law =
      '中华人民共和国快递暂行条例（2018年）\n\n第一条 为了促进快递业健康发展。\n第二条 本条例适用于快递业务。\n';
    const r = await runStep(readLegalStep, { path: 'law.txt' }, [], { baseDir: folderWith({ 'law.txt': law }) });
    expect(r.out.map((x) => [(x.data as Chunk).law, (x.data as Chunk).article])).toEqual([
      ['中华人民共和国快递暂行条例（2018年）', '第一条'],
      ['中华人民共和国快递暂行条例（2018年）', '第二条'],
    ]);
  });

  it('warns when article numbers jump or repeat (an article lost or read as text), and lists where', async () => {
    const law = '第一条 甲。\n第二条 乙。\n第二条之一 丙。\n第四条 丁。\n第四条 戊。\n';
    const r = await runStep(readLegalStep, { path: 'law.txt' }, [], { baseDir: folderWith({ 'law.txt': law }) });
    expect(r.out).toHaveLength(5);
    expect(r.warnings).toEqual([
      'read-legal: law.txt:4: 第四条 follows 第二条 (and 1 more breaks): an article may be missing or read as text',
    ]);
    expect(r.reports.article_numbering).toEqual([
      { file: 'law.txt', line: 4, article: '第四条', after: '第二条' },
      { file: 'law.txt', line: 5, article: '第四条', after: '第四条' },
    ]);
  });

  it('warns when a file repeats the articles of a law read from another file (two versions), not for parts of one code', async () => {
    const v2009 = '# 中华人民共和国消费者权益保护法\n\n第一条 旧文。\n第二条 旧文二。\n';
    const v2013 = '# 中华人民共和国消费者权益保护法\n\n第一条 新文。\n第二条 新文二。\n第三条 新增。\n';
    const general = '# 中华人民共和国民法典\n\n第一条 总则一。\n第二条 总则二。\n';
    const contracts = '# 中华人民共和国民法典\n\n第四百六十三条 合同一。\n第四百六十四条 合同二。\n';
    const baseDir = folderWith({
      'a-2009.md': v2009,
      'b-2013.md': v2013,
      'c-总则.md': general,
      'd-合同编.md': contracts,
    });
    const r = await runStep(readLegalStep, { path: '.' }, [], { baseDir });
    expect(r.out).toHaveLength(9);
    expect(r.warnings).toEqual([
      'read-legal: b-2013.md: 2 article(s) of 中华人民共和国消费者权益保护法 were already read from a-2009.md (第一条 first): the same questions come again, with other answers where the text differs; keep one version, or give each document its own title',
    ]);
    expect(r.reports.repeated_articles).toEqual([
      { file: 'b-2013.md', law: '中华人民共和国消费者权益保护法', earlier: 'a-2009.md', count: 2, first: '第一条' },
    ]);
  });

  it('warns of three repeating files one by one and counts the rest in one line (a folder of look-alike contracts)', async () => {
    const nda = (party: string) =>
      `# Non-Disclosure Agreement\n\nSection 1. ${party} keeps the information secret.\n\nSection 2. This lasts two years.\n`;
    const files = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => [`${name}.md`, nda(name.toUpperCase())]),
    );
    const r = await runStep(readLegalStep, { path: '.' }, [], { baseDir: folderWith(files) });
    expect(r.out).toHaveLength(12);
    expect(r.warnings.map((w) => w.split(' of ')[0])).toEqual([
      'read-legal: b.md: 2 article(s)',
      'read-legal: c.md: 2 article(s)',
      'read-legal: d.md: 2 article(s)',
      'read-legal: 2 more file(s) repeat the articles',
    ]);
    expect((r.reports.repeated_articles as unknown[]).length).toBe(5);
  });

  it('reads article and chapter numbers written in full-width digits (第１２条)', async () => {
    const law = '第１章 总则\n第１条 为了保护消费者。\n第２条 经营者应当诚信。\n第１０条 本法施行。\n';
    const r = await runStep(readLegalStep, { path: 'law.txt' }, [], { baseDir: folderWith({ 'law.txt': law }) });
    expect(r.out.map((x) => [(x.data as Chunk).heading_path, (x.data as Chunk).article_number])).toEqual([
      ['第１章 › 第１条', 1],
      ['第１章 › 第２条', 2],
      ['第１章 › 第１０条', 10],
    ]);
  });
});
