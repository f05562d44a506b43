import { chineseNumeralToInt } from './chinese-numerals.js';
import type { Heading, LegalUnit, ParsedDocument } from './legal-chunk.js';

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
    return { label: label as string, title: rest.join(' '), level: LEVEL[structure[1] as string] ?? 2 };
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
  let title = '';
  const stack: Heading[] = [];
  const units: LegalUnit[] = [];
  let current: LegalUnit | undefined;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('<!--')) return;
    const heading = headingOf(line, title === '');
    if (heading === 'title') {
      title = (/^#\s+(.*)$/.exec(line)?.[1] ?? line).trim();
      return;
    }
    if (heading) {
      while (stack.length > 0 && (stack.at(-1) as Heading).level >= heading.level) stack.pop();
      stack.push(heading);
      current = undefined;
      return;
    }
    if (index < infoEnd) return;
    const article = ARTICLE.exec(line);
    if (article) {
      const label = `第${article[1]}条${article[2] ?? ''}`;
      const number = chineseNumeralToInt(article[1] as string);
      current = { kind: 'article', label, headings: [...stack], line: index + 1, paragraphs: [article[3] as string] };
      if (!Number.isNaN(number)) current.number = number;
      units.push(current);
      return;
    }
    if (!current) {
      current = { kind: 'text', headings: [...stack], line: index + 1, paragraphs: [] };
      units.push(current);
    }
    current.paragraphs.push(line);
  });
  return { title: title || fallbackTitle, units };
}
