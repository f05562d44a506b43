import { describe, expect, it } from 'vitest';
import { JsonArrayReader, type ReaderEvent } from './json-array-reader.js';

/** Every event of reading `chunks` in order (offsets in UTF-16 units: twice the character index). */
function read(chunks: string[], at?: string): ReaderEvent[] {
  const reader = new JsonArrayReader(at, 'utf16');
  const events: ReaderEvent[] = [];
  for (const chunk of chunks) {
    reader.push(chunk);
    for (let e = reader.next(); e; e = reader.next()) events.push(e);
  }
  reader.end();
  for (let e = reader.next(); e; e = reader.next()) events.push(e);
  return events;
}

const documents: [string, string | undefined][] = [
  [
    '[{"q": "a\\"b\\\\", "n": -1.5e+3}, {"x": [1, [2, {}], []]},\n {"u": "\\u00e9\\ud83d\\ude00 法"}, null, true, 0]',
    undefined,
  ],
  ['[{"q": 1}, {"q": 2} x', undefined],
  ['[{"q": 1}, {"q": 2}, ]', undefined],
  ['[{"q": 1},\n {"q": "unterminated}, {"q": 3}]', undefined],
  ['[{"q": 01}]', undefined],
  ['[{"q": 1}, {"q": tru}]', undefined],
  ['[{"q": 1}, {"q": 2}', undefined],
  ['  [ ]  ', undefined],
  ['{"meta": {"a": [1, {"b": "]}"}]}, "data": {"items": [{"q": 1}, {"q": 2}]}, "tail": [3]}', 'data.items'],
  ['{"meta": 1, "data": {"items": [{"q": 1}, {"q": "x\\q"}]}}', 'data.items'],
  ['{"data": {"items": [{"q": 1}]}}', 'data.nope'],
  ['{"data": "items"}', 'data.items'],
];

describe('JsonArrayReader', () => {
  it('gives the same events whatever the chunks', () => {
    for (const [text, at] of documents) {
      // `near` is the text after an error that had arrived: the one thing chunks may change.
      const events = (chunks: string[]) => read(chunks, at).map((e) => (e.kind === 'syntax' ? { ...e, near: '' } : e));
      const whole = events([text]);
      expect(events([...text]), text).toEqual(whole);
      for (let cut = 1; cut < text.length; cut++) {
        expect(events([text.slice(0, cut), text.slice(cut)]), `${text} cut at ${cut}`).toEqual(whole);
      }
    }
  });

  it('reads what JSON.parse reads and refuses what it refuses, keeping the elements before an error', () => {
    // A seeded generator: the same documents on every run.
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const value = (depth: number): unknown => {
      const kind = depth > 2 ? Math.floor(random() * 4) : Math.floor(random() * 6);
      if (kind === 0) return pick(['', 'a', 'é"\\\n\t', '法律', '\u0001', 'x'.repeat(30)]);
      if (kind === 1) return pick([0, -1, 1.5, 1e21, -0.000123, 1.2345678901234567e19]);
      if (kind === 2) return pick([true, false, null]);
      if (kind === 3) return {};
      if (kind === 4) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 3) }, (_, i) => [`k${i}`, value(depth + 1)]),
      );
    };
    const junk = [',', ']', '}', '[', '{', '"', ':', 'x', '\\', '0', '-', '.', 'e', 'n', ' ', '\n', '\u0000'];
    let invalid = 0;
    for (let round = 0; round < 3000; round++) {
      const elements = Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({ v: value(0) }));
      let text = JSON.stringify(elements, null, random() < 0.5 ? 1 : undefined);
      const at = Math.floor(random() * text.length);
      const edit = Math.floor(random() * 3);
      if (edit === 0) text = text.slice(0, at) + text.slice(at + 1);
      else if (edit === 1) text = text.slice(0, at) + pick(junk) + text.slice(at);
      else text = text.slice(0, at) + pick(junk) + text.slice(at + 1);
      let parsed: unknown;
      let valid = true;
      try {
        parsed = JSON.parse(text);
      } catch {
        valid = false;
        invalid++;
      }
      const chunkSize = 1 + Math.floor(random() * 8);
      const chunks = Array.from({ length: Math.ceil(text.length / chunkSize) }, (_, i) =>
        text.slice(i * chunkSize, (i + 1) * chunkSize),
      );
      const events = read(chunks);
      const last = events.at(-1)!;
      const found = events.filter((e) => e.kind === 'element');
      if (valid && Array.isArray(parsed)) {
        expect(last, text).toEqual({ kind: 'end', elements: parsed.length });
        expect(
          found.map((e) => e.value),
          text,
        ).toEqual(parsed);
      } else if (valid || /^[ \t\n\r]*[-{"\dtfn]/.test(text)) {
        // Not an array (a document that is also broken later is refused for not being an array, before that).
        expect(last.kind, text).toBe('path');
      } else {
        if (last.kind !== 'syntax') throw new Error(`no syntax error for ${JSON.stringify(text)}`);
        expect(last.elements).toBe(found.length);
        // Each element returned is what JSON.parse reads from the text between its start and the next one's (or
        // the error, or the start of the element the error is in).
        const starts = found.map((e) => e.offset! / 2);
        starts.push((last.element?.offset ?? last.offset!) / 2);
        for (const [i, e] of found.entries()) {
          let slice = text.slice(starts[i], starts[i + 1]).trimEnd();
          if (i === found.length - 1 && last.where === 'after') slice = slice.replace(/\]$/, '').trimEnd();
          if (i < found.length - 1 || last.where !== 'after' || last.element) slice = slice.replace(/,$/, '');
          expect(e.value, `${text} element ${i}`).toEqual(JSON.parse(slice));
        }
      }
    }
    expect(invalid).toBeGreaterThan(1000);
  });

  it('returns every complete element before an error that ends a chunk', () => {
    const text = `[${Array.from({ length: 100 }, (_, i) => `{"i": ${i}}`).join(',')}] x`;
    const events = read([text]);
    expect(events.filter((e) => e.kind === 'element')).toHaveLength(100);
    expect(events.at(-1)).toMatchObject({
      kind: 'syntax',
      where: 'after',
      elements: 100,
      offset: 2 * (text.length - 1),
    });
  });
});
