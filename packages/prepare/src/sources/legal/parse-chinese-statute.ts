import type { TextLine } from '../text-lines.js';
import { articleStartReader } from './article-start.js';
import { joinWords } from './cjk-join.js';
import type { Heading, ParsedDocument } from './legal-chunk.js';
import { appendTableRow } from './table-rows.js';
import { UnitBuilder } from './unit-builder.js';
import type { WrapLayout } from './wrap-width.js';
import { joinWrapped, wrapsOnto } from './wrapped-line.js';

const NUMERAL = '[零〇一二三四五六七八九十百千两\\d０-９]+';
const STRUCTURE = new RegExp(`^第[ \\u3000]?${NUMERAL}[ \\u3000]?(分编|分編|编|編|章|节|節)(?=[\\s\\u3000]|$)`);
const LEVEL: Record<string, number> = { 编: 0, 編: 0, 分编: 1, 分編: 1, 章: 2, 节: 3, 節: 3 };
/** `附则`, `总　　则`: the parts of a code that have no number (the last one of 刑法), at the top level. */
const UNNUMBERED_PART = /^[附总總分][\s\u3000]*[则則]$/;

/** `中华人民共和国消费者权益保护法`, `快递暂行条例（2018年）`: a law's name on a line of its own, as plain text gives it. */
const LAW_NAME =
  /^[^\s，。；：！？、,.;:!?]{2,40}(?:法|条例|條例|规定|規定|办法|辦法|决定|決定|细则|細則|章程|解释|解釋|规则|規則|通则|通則)(?:[（(][^）)]{1,20}[）)])?$/;

/** True when the text reads like a Chinese statute (several lines start with 第X条). */
export function looksLikeChineseStatute(lines: readonly TextLine[]): boolean {
  const articleStart = articleStartReader();
  let articles = 0;
  for (const { text } of lines) if (articleStart(text.trim()) && ++articles >= 2) return true;
  return false;
}

/** A heading, the title (`# …`, or a law's name before anything else when `atStart`), or undefined for text. */
function headingOf(raw: string, isFirstH1: boolean, atStart: boolean): Heading | 'title' | undefined {
  const markdown = /^(#{1,6})\s+(.*)$/.exec(raw);
  const text = (markdown ? markdown[2] : raw)?.trim() ?? '';
  const structure = STRUCTURE.exec(text);
  if (structure) {
    const label = (structure[0] as string).replace(/[ \u3000]/g, '');
    const title = joinWords(
      text
        .slice(structure[0].length)
        .trim()
        .split(/[\s\u3000]+/),
    );
    return { label, title, level: LEVEL[structure[1] as string] ?? 2 };
  }
  if (UNNUMBERED_PART.test(text)) return { label: text.replace(/[\s\u3000]/g, ''), title: '', level: 0 };
  if (!markdown) return atStart && LAW_NAME.test(text) ? 'title' : undefined;
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
export function parseChineseStatute(
  lines: readonly TextLine[],
  fallbackTitle: string,
  wrap?: WrapLayout,
): ParsedDocument {
  const infoEnd = lines.findIndex(({ text }) => text.includes('<!-- INFO END -->'));
  const builder = new UnitBuilder();
  const articleStart = articleStartReader();
  // The line above as written, while it is text of the open unit (no blank line or heading since).
  let above: string | undefined;
  lines.forEach(({ text, line: lineNumber }, index) => {
    const line = text.trim();
    const previous = above;
    above = undefined;
    if (!line || line.startsWith('<!--')) return;
    const heading = headingOf(line, builder.title === '', builder.title === '' && builder.isEmpty);
    if (heading === 'title') {
      builder.title = (/^#\s+(.*)$/.exec(line)?.[1] ?? line).trim();
      return;
    }
    if (heading) {
      builder.heading(heading);
      return;
    }
    if (index < infoEnd) return;
    const wrapped = wrap !== undefined && previous !== undefined && wrapsOnto(previous, text, wrap);
    const article = articleStart(line, wrapped);
    if (article) {
      const { label, number, rest } = article;
      builder.open({ kind: 'article', label, number, line: lineNumber, first: rest });
      above = text;
      return;
    }
    above = text;
    const paragraphs = builder.openUnit?.paragraphs;
    if (previous !== undefined && appendTableRow(paragraphs, line)) return;
    const last = paragraphs?.at(-1);
    if (wrapped && paragraphs && last !== undefined) {
      paragraphs[paragraphs.length - 1] = joinWrapped(last, line, true);
      return;
    }
    builder.openOrText(lineNumber).paragraphs.push(line);
  });
  return builder.result(fallbackTitle);
}
