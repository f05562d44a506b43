import { chineseNumeralToInt } from './chinese-numerals.js';
import { joinWords } from './cjk-join.js';
import type { Heading, ParsedDocument } from './legal-chunk.js';
import { UnitBuilder } from './unit-builder.js';

const NUMERAL = '[零〇一二三四五六七八九十百千两\\d]+';
const ARTICLE = new RegExp(`^第(${NUMERAL})条(之${NUMERAL})?[\\s\\u3000]+(.*)$`);
const STRUCTURE = new RegExp(`^第${NUMERAL}(分编|编|章|节)(?=[\\s\\u3000]|$)`);
const LEVEL: Record<string, number> = { 编: 0, 分编: 1, 章: 2, 节: 3 };

/** True when the text reads like a Chinese statute (several lines start with 第X条). */
export function looksLikeChineseStatute(lines: string[]): boolean {
  let articles = 0;
  for (const line of lines) if (ARTICLE.test(line.trim()) && ++articles >= 2) return true;
  return false;
}

function headingOf(raw: string, isFirstH1: boolean): Heading | 'title' | undefined {
  const markdown = /^(#{1,6})\s+(.*)$/.exec(raw);
  const text = (markdown ? markdown[2] : raw)?.trim() ?? '';
  const structure = STRUCTURE.exec(text);
  if (structure) {
    const [label, ...rest] = text.split(/[\s\u3000]+/);
    return { label: label as string, title: joinWords(rest), level: LEVEL[structure[1] as string] ?? 2 };
  }
  if (!markdown) return undefined;
  const depth = (markdown[1] as string).length;
  if (depth === 1 && isFirstH1) return 'title';
  // `# 合同编` (a book of a code) or `## 序言`: unnumbered headings keep their text as the label.
  return { label: text, title: '', level: depth === 1 ? 0 : depth + 1 };
}

/**
 * Splits a Chinese statute into one unit per article (第X条 with all its paragraphs), each with its heading path
 * (编 / 分编 / 章 / 节). Text outside articles (a preamble) becomes `text` units; the adoption history before
 * `<!-- INFO END -->` is skipped.
 */
export function parseChineseStatute(lines: string[], fallbackTitle: string): ParsedDocument {
  const infoEnd = lines.findIndex((line) => line.includes('<!-- INFO END -->'));
  const builder = new UnitBuilder();
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('<!--')) return;
    const heading = headingOf(line, builder.title === '');
    if (heading === 'title') {
      builder.title = (/^#\s+(.*)$/.exec(line)?.[1] ?? line).trim();
      return;
    }
    if (heading) {
      builder.heading(heading);
      return;
    }
    if (index < infoEnd) return;
    const article = ARTICLE.exec(line);
    if (article) {
      const label = `第${article[1]}条${article[2] ?? ''}`;
      const number = chineseNumeralToInt(article[1] as string);
      builder.open({ kind: 'article', label, number, line: index + 1, first: article[3] as string });
      return;
    }
    builder.openOrText(index + 1).paragraphs.push(line);
  });
  return builder.result(fallbackTitle);
}
