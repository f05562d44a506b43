import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { TextLine } from '../text-lines.js';
import { decodeDocument } from './decode-document.js';
import { documentLines } from './document-lines.js';
import { extractFootnotes } from './footnotes.js';
import type { FurnitureReport } from './furniture-report.js';
import { htmlToLines } from './html-to-text.js';
import type { ParsedDocument } from './legal-chunk.js';
import type { LegalFile } from './list-files.js';
import { NotePlaceholders } from './note-placeholders.js';
import { findPageFootnotes } from './page-footnotes.js';
import { type FurnitureKind, findPageFurniture, withoutFurniture } from './page-furniture.js';
import { looksLikeChineseStatute, parseChineseStatute } from './parse-chinese-statute.js';
import { looksLikeEnglishStructure, parseEnglishStructure } from './parse-english.js';
import { parseParagraphs } from './parse-paragraphs.js';
import { type WrapLayout, wrapLayout } from './wrap-width.js';

export interface ReadDocumentOptions {
  encoding: string | undefined;
  splitOn: 'auto' | 'article' | 'paragraph';
  /** Where dropped page furniture is told; absent: page furniture stays text. */
  furniture: FurnitureReport | undefined;
}

export interface ReadDocument {
  /** Its lines as read (page furniture dropped), numbered as in the file. */
  lines: TextLine[];
  doc: ParsedDocument;
  /** Its footnotes that the text refers to (Markdown ones, and those at the foot of PDF pages), by id. */
  notes: Map<string, string>;
  /** Lines of the file whose bytes are not UTF-8 (a UTF-8 document's corrupt lines). */
  invalidLines: number[];
}

/** The document's lines, numbered as in the file (for HTML, the line of the file each line of text starts on). */
async function readLines(file: LegalFile, encoding: string | undefined) {
  const { text, invalidLines } = decodeDocument(await readFile(file.absolute), encoding);
  return { read: /\.html?$/i.test(file.name) ? htmlToLines(text) : documentLines(text), invalidLines };
}

/** Running headers that mark a page, not name the document. */
const PAGE_LABEL = /confidential|draft|privileged|proprietary|机密|秘密|草案|内部/i;

/**
 * The law's name when a PDF export repeats it as the running header: its first line is then dropped as page
 * furniture, and the title would otherwise fall back to the file name.
 */
function runningHeaderTitle(read: readonly TextLine[], found: Map<number, FurnitureKind>): string | undefined {
  const first = read.findIndex((line) => line.text.trim() !== '');
  if (first < 0 || found.get(first) !== 'running_header') return undefined;
  const text = (read[first] as TextLine).text.trim().replace(/\s+/g, ' ');
  return /\d/.test(text) || PAGE_LABEL.test(text) ? undefined : text;
}

function parse(
  lines: TextLine[],
  wrap: WrapLayout | undefined,
  fallbackTitle: string,
  splitOn: ReadDocumentOptions['splitOn'],
) {
  if (splitOn !== 'paragraph') {
    if (looksLikeChineseStatute(lines)) return parseChineseStatute(lines, fallbackTitle, wrap);
    if (looksLikeEnglishStructure(lines)) return parseEnglishStructure(lines, fallbackTitle, wrap);
  }
  return parseParagraphs(lines, fallbackTitle, wrap);
}

/**
 * Reads a legal document into units: decoded, split into numbered lines, page furniture dropped, its wrap width
 * measured, footnotes (Markdown ones, and those at the foot of the pages of a PDF export) taken out of the flow, then
 * parsed as a Chinese statute, an English structure or paragraphs.
 */
export async function readDocument(file: LegalFile, options: ReadDocumentOptions): Promise<ReadDocument> {
  const { read, invalidLines } = await readLines(file, options.encoding);
  const furniture = findPageFurniture(read);
  const found = options.furniture ? furniture : new Map<number, FurnitureKind>();
  options.furniture?.add(file.name, read, found);
  const wrap = wrapLayout(read.filter((_, index) => !found.has(index)));
  const lines = withoutFurniture(read, found, wrap !== undefined);
  const title = runningHeaderTitle(read, found) ?? basename(file.name, extname(file.name));
  const parsed = (from: readonly TextLine[]) => {
    const body = extractFootnotes(from);
    return { doc: parse(body.lines, wrap, title, options.splitOn), notes: body.notes };
  };
  const { noteLines, references } = findPageFootnotes(read, furniture);
  const placeholders = references.length > 0 ? new NotePlaceholders(read, references) : undefined;
  if (placeholders?.usable) {
    const drop = new Set([...found.keys(), ...noteLines]);
    const { doc, notes } = parsed(withoutFurniture(placeholders.mark(read), drop, wrap !== undefined));
    const resolved = placeholders.resolve(doc);
    // A reference the parse put in a heading or a title: read the document as if it had no page footnotes.
    if (resolved) return { lines, doc: resolved, notes: new Map([...notes, ...placeholders.notes]), invalidLines };
  }
  return { lines, ...parsed(lines), invalidLines };
}
