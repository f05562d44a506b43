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
import { findPageFurniture, withoutFurniture } from './page-furniture.js';
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
  /** Its Markdown footnotes that the text refers to, by id. */
  notes: Map<string, string>;
}

/** The document's lines, numbered as in the file (for HTML, the line of the file each line of text starts on). */
async function readLines(file: LegalFile, encoding: string | undefined): Promise<TextLine[]> {
  const text = decodeDocument(await readFile(file.absolute), encoding);
  return /\.html?$/i.test(file.name) ? htmlToLines(text) : documentLines(text);
}

function parse(lines: TextLine[], wrap: WrapLayout | undefined, name: string, splitOn: ReadDocumentOptions['splitOn']) {
  const fallbackTitle = basename(name, extname(name));
  if (splitOn !== 'paragraph') {
    if (looksLikeChineseStatute(lines)) return parseChineseStatute(lines, fallbackTitle, wrap);
    if (looksLikeEnglishStructure(lines)) return parseEnglishStructure(lines, fallbackTitle, wrap);
  }
  return parseParagraphs(lines, fallbackTitle, wrap);
}

/**
 * Reads a legal document into units: decoded, split into numbered lines, page furniture dropped, its wrap width
 * measured, footnotes taken out of the flow, then parsed as a Chinese statute, an English structure or paragraphs.
 */
export async function readDocument(file: LegalFile, options: ReadDocumentOptions): Promise<ReadDocument> {
  const read = await readLines(file, options.encoding);
  const found = options.furniture ? findPageFurniture(read) : new Map();
  options.furniture?.add(file.name, read, found);
  const wrap = wrapLayout(read.filter((_, index) => !found.has(index)));
  const lines = withoutFurniture(read, found, wrap !== undefined);
  const body = extractFootnotes(lines);
  return { lines, doc: parse(body.lines, wrap, file.name, options.splitOn), notes: body.notes };
}
