import { chineseNumeralToInt } from './chinese-numerals.js';

const NUMERAL = '[零〇一二三四五六七八九十百千两\\d０-９]+';
const LABEL = `^第[ \\u3000]?(${NUMERAL}(?:-\\d+)?)[ \\u3000]?([条條])(之${NUMERAL})?`;
/**
 * `第五百零九条 …`, `第一百二十条之一 …`, `第一条：…`, and as written in traditional characters: `第 15-1 條 …`; the
 * label may stand alone on its line, its text starting on the next.
 */
const SPACED = new RegExp(`${LABEL}(?:[\\s\\u3000：:]+(.*))?$`);
/** `第二条消费者为…`: the text right after the label, as some exports write it. */
const GLUED = new RegExp(`${LABEL}(.+)$`);

export interface ArticleStart {
  label: string;
  /** NaN when the numeral cannot be read. */
  number: number;
  /** The text on the label's line after it. */
  rest: string;
}

function startOf(match: RegExpExecArray): ArticleStart {
  const numeral = (match[1] as string).replace(/-\d+$/, '');
  return {
    label: `第${match[1]}${match[2]}${match[3] ?? ''}`,
    number: chineseNumeralToInt(numeral),
    rest: match[4] ?? '',
  };
}

/**
 * Reads the article starts of a document, line by line in order. A label glued to its text is a start only when it
 * is the first one or the next number (`第九条规定的情形…` in article 2 is a paragraph that cites article 9), and
 * not on a line that goes on the line above (`…除依照本法` / `第三条规定的情形外`, wrapped by the page width).
 */
export function articleStartReader(): (line: string, goesOnAbove?: boolean) => ArticleStart | undefined {
  let last: number | undefined;
  return (line, goesOnAbove = false) => {
    const spaced = SPACED.exec(line);
    const glued = spaced ? undefined : GLUED.exec(line);
    const start = spaced ? startOf(spaced) : glued ? startOf(glued) : undefined;
    const notNext = last !== undefined && start?.number !== last + 1;
    if (!start || (glued && (glued[3] !== undefined || notNext || goesOnAbove))) return undefined;
    if (!Number.isNaN(start.number)) last = start.number;
    return start;
  };
}
