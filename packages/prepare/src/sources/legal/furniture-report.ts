import type { TextLine } from '../text-lines.js';
import type { FurnitureKind } from './page-furniture.js';

const EXAMPLES = 10;

/** What `drop_page_headers` dropped over a run: counts by kind and by file, and examples of different lines. */
export class FurnitureReport {
  private readonly counts: Record<FurnitureKind, number> = { page_number: 0, running_header: 0 };
  private readonly files: Record<string, number> = {};
  private readonly examples: { file: string; line: number; kind: FurnitureKind; text: string }[] = [];
  private readonly shown = new Set<string>();

  add(file: string, lines: readonly TextLine[], found: Map<number, FurnitureKind>): void {
    for (const [index, kind] of [...found].sort(([a], [b]) => a - b)) {
      const line = lines[index] as TextLine;
      const text = line.text.replace(/\f/g, '').trim();
      this.counts[kind]++;
      this.files[file] = (this.files[file] ?? 0) + 1;
      // One example of each line, numbers aside (`- 3 -` stands for every page number of its kind).
      const shape = `${kind}:${text.replace(/\d+/g, '#')}`;
      if (this.examples.length < EXAMPLES && !this.shown.has(shape)) {
        this.shown.add(shape);
        this.examples.push({ file, line: line.line, kind, text });
      }
    }
  }

  get dropped(): number {
    return this.counts.page_number + this.counts.running_header;
  }

  summary() {
    return {
      lines: this.dropped,
      page_numbers: this.counts.page_number,
      running_headers: this.counts.running_header,
      files: this.files,
      examples: this.examples,
    };
  }
}
