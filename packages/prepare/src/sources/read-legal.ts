import { basename } from 'node:path';
import { type DataRecord, defineStep, recordId, type StepContext } from '@tunekit/core';
import { z } from 'zod';
import { inAnotherEncoding } from './decode-watch.js';
import { type NumberingBreak, numberingBreaks } from './legal/article-numbering.js';
import { clauseCitation } from './legal/clause-citation.js';
import { NotInEncoding } from './legal/decode-document.js';
import { resolveFootnotes } from './legal/footnotes.js';
import { FurnitureReport } from './legal/furniture-report.js';
import type { LegalUnit, ParsedDocument } from './legal/legal-chunk.js';
import { type LegalFile, listLegalFiles } from './legal/list-files.js';
import { type ReadDocument, readDocument } from './legal/read-document.js';
import { repealMarker } from './legal/repealed-article.js';
import { ArticleOrigins, type RepeatedArticles } from './legal/repeated-articles.js';
import { splitByTokens } from './legal/split-by-tokens.js';
import { LawTopics } from './legal/topic-names.js';
import { rowReject } from './row-reject.js';
import { checkEncodingOption, encodingName } from './text-encoding.js';

const options = z
  .object({
    path: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .describe('Files, folders or globs of .md/.txt/.html documents, relative to the pipeline file'),
    split_on: z
      .enum(['auto', 'article', 'paragraph'])
      .default('auto')
      .describe('auto: articles/sections when the document has them, else paragraphs'),
    max_chunk_tokens: z
      .number()
      .int()
      .positive()
      .default(1024)
      .describe(
        'Longer articles are split into parts of at most this many tokens: by paragraph, then sentence, then word',
      ),
    group_by: z
      .enum(['document', 'chapter'])
      .default('document')
      .describe('Group key of each chunk (for the split step)'),
    drop_page_headers: z
      .boolean()
      .default(true)
      .describe(
        'Drop page furniture: page numbers (- 12 -, 第 3 页, Page 3 of 40, Roman ones: - iv -, Page ix) and headers and footers repeated at page edges; counted with examples in the manifest (page_furniture)',
      ),
    keep_repealed: z
      .boolean()
      .default(false)
      .describe(
        'Keep articles whose whole text is a repeal marker (（删除）, [Repealed], [Reserved]); by default they go to rejects as repealed_article',
      ),
    encoding: encodingName()
      .optional()
      .describe('utf-8, utf-16le, gbk, gb18030, ...; detected per document when absent'),
  })
  .strict();

type ReadLegalOptions = z.output<typeof options>;

/** The path separator of heading paths, e.g. `合同编 › 第四章 › 第五百零九条`. */
export const PATH_SEPARATOR = ' › ';

function chunkData(
  doc: ParsedDocument,
  unit: LegalUnit,
  paragraphs: string[],
  notes: Map<string, string>,
  topic: string,
  part?: [number, number],
) {
  const { text, footnotes } = resolveFootnotes(paragraphs.join('\n\n'), notes);
  const headingPath = [...unit.headings.map((h) => h.label), ...(unit.label ? [unit.label] : [])];
  return {
    law: doc.title,
    kind: unit.kind,
    ...(unit.label !== undefined && { article: clauseCitation(unit.label, unit.headings) }),
    ...(unit.number !== undefined && { article_number: unit.number }),
    heading_path: headingPath.join(PATH_SEPARATOR),
    headings: unit.headings.map((h) => (h.title ? `${h.label} ${h.title}` : h.label)),
    topic,
    text,
    ...(footnotes.length > 0 && { footnotes }),
    ...(part && { part: part[0], parts: part[1] }),
  };
}

/** Keyed by the document's file name, not its path, so the split does not move when the corpus folder does. */
function groupOf(file: LegalFile, unit: LegalUnit, by: ReadLegalOptions['group_by']): string {
  const document = basename(file.name);
  if (by === 'document' || unit.headings.length === 0) return document;
  // The chapter is the deepest 章 (level 2) or, without one, the deepest heading.
  const upToChapter = unit.headings.filter((h) => h.level <= 2);
  const chapterPath = (upToChapter.length > 0 ? upToChapter : unit.headings).map((h) => h.label);
  return [document, ...chapterPath].join(PATH_SEPARATOR);
}

/** Files warned of one by one when they repeat another file's articles; the rest are counted in one line. */
const REPEATS_WARNED = 3;

async function* readLegal(opts: ReadLegalOptions, ctx: StepContext): AsyncGenerator<DataRecord> {
  const entries = Array.isArray(opts.path) ? opts.path : [opts.path];
  const files = await listLegalFiles(ctx.baseDir, entries, ctx.step);
  const encoding = opts.encoding ? checkEncodingOption(opts.encoding, ctx.step) : undefined;
  const model = await ctx.model();
  const countTokens = (text: string) => model.countTokens(text);
  const furniture = opts.drop_page_headers ? new FurnitureReport() : undefined;
  const numbering: ({ file: string } & NumberingBreak)[] = [];
  const lawTopics = new LawTopics();
  const articleOrigins = new ArticleOrigins();
  const repeated: RepeatedArticles[] = [];
  for (const file of files) {
    let document: ReadDocument;
    try {
      document = await readDocument(file, { encoding, splitOn: opts.split_on, furniture });
    } catch (error) {
      if (error instanceof NotInEncoding) {
        throw inAnotherEncoding(file.name, error.line, error.encoding, ctx.step, error.readsAs);
      }
      ctx.reject(rowReject(file.name, 0, {}), 'file_unreadable', { message: (error as Error).message });
      continue;
    }
    const { doc, lines, notes, invalidLines } = document;
    if (doc.units.length === 0) {
      // Nothing to yield: said in rejects, so a blank export does not vanish from the run unnoticed.
      const message = lines.every((line) => line.text.trim() === '')
        ? 'the document is empty'
        : 'the document has headings but no text under them';
      ctx.reject(rowReject(file.name, 0, {}), 'empty_document', { message });
      continue;
    }
    ctx.count('documents');
    const breaks = numberingBreaks(doc.units);
    if (breaks.length > 0) {
      const first = breaks[0] as NumberingBreak;
      ctx.logger.warn(
        `${ctx.step}: ${file.name}:${first.line}: ${first.article} follows ${first.after}` +
          (breaks.length > 1 ? ` (and ${breaks.length - 1} more breaks)` : '') +
          ': an article may be missing or read as text',
      );
      for (const numberingBreak of breaks) numbering.push({ file: file.name, ...numberingBreak });
    }
    const repeats = articleOrigins.noteFile(
      file.name,
      doc.title,
      doc.units.map((unit) => unit.label && clauseCitation(unit.label, unit.headings)),
    );
    if (repeats && repeated.push(repeats) <= REPEATS_WARNED) {
      ctx.logger.warn(
        `${ctx.step}: ${file.name}: ${repeats.count} article(s) of ${repeats.law} were already read from ${repeats.earlier} (${repeats.first} first): the same questions come again, with other answers where the text differs; keep one version, or give each document its own title`,
      );
    }
    const topicOf = lawTopics.topicsOf(doc.title, file.name.replace(/\.[^./]+$/, ''), doc.units);
    for (const [index, unit] of doc.units.entries()) {
      const source = { file: file.name, line: unit.line };
      const corrupt = firstIn(invalidLines, unit.line, doc.units[index + 1]?.line);
      if (corrupt !== undefined) {
        // Bytes that are not UTF-8 became U+FFFD: the text is not what the file says.
        ctx.reject(rowReject(file.name, unit.line, { law: doc.title, article: unit.label }), 'invalid_encoding', {
          message: `line ${corrupt} is not valid UTF-8 text`,
          line: corrupt,
        });
        continue;
      }
      if (unit.paragraphs.length === 0) {
        // `第四条` or `Article 5` with nothing under it: said in rejects, not dropped with no trace.
        const data = { law: doc.title, article: unit.label };
        ctx.reject(rowReject(file.name, unit.line, data), 'empty_article', {
          message: `${unit.label} has no text`,
          line: unit.line,
          key: 'text',
        });
        continue;
      }
      const marker = opts.keep_repealed ? undefined : repealMarker(unit.paragraphs);
      if (marker !== undefined) {
        const data = { law: doc.title, article: unit.label, text: marker };
        ctx.reject(rowReject(file.name, unit.line, data), 'repealed_article', {
          message: `${unit.label} is repealed (${marker}): nothing to learn from it (keep_repealed: true keeps it)`,
          line: unit.line,
          key: 'text',
        });
        continue;
      }
      const group = groupOf(file, unit, opts.group_by);
      const parts = splitByTokens(unit.paragraphs, opts.max_chunk_tokens, countTokens);
      if (parts.length === 1) {
        yield {
          id: recordId(source),
          source,
          group,
          data: chunkData(doc, unit, unit.paragraphs, notes, topicOf(unit)),
          meta: {},
        };
        continue;
      }
      ctx.count('split_units');
      for (const [index, paragraphs] of parts.entries()) {
        const data = chunkData(doc, unit, paragraphs, notes, topicOf(unit), [index + 1, parts.length]);
        yield { id: recordId(source, index + 1), source, group, data, meta: {} };
      }
    }
  }
  if (furniture && furniture.dropped > 0) ctx.report('page_furniture', furniture.summary());
  if (numbering.length > 0) ctx.report('article_numbering', numbering.slice(0, 50));
  if (repeated.length > REPEATS_WARNED) {
    ctx.logger.warn(
      `${ctx.step}: ${repeated.length - REPEATS_WARNED} more file(s) repeat the articles of a law read from another file (manifest: repeated_articles)`,
    );
  }
  if (repeated.length > 0) ctx.report('repeated_articles', repeated.slice(0, 50));
}

/** The first of the sorted `lines` from `start` on, before `end` when given. */
function firstIn(lines: readonly number[], start: number, end: number | undefined): number | undefined {
  const found = lines.find((line) => line >= start);
  return found !== undefined && (end === undefined || found < end) ? found : undefined;
}

export const readLegalStep = defineStep({
  id: 'read-legal',
  role: 'source',
  description: 'Reads legal documents (statutes, contracts) into one chunk per article/section, or per paragraph.',
  options,
  create: (opts) => ({ specVersion: 'v1', run: (_input, ctx) => readLegal(opts, ctx) }),
});
