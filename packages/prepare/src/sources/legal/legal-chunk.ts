/** A heading above a chunk: `第四章` + `合同的履行`, `Article 3` + `Term`, or a Markdown heading. */
export interface Heading {
  label: string;
  title: string;
  /** Nesting level (smaller is higher: 编 0, 分编 1, 章 2, 节 3; Markdown `#` count otherwise). */
  level: number;
}

/** One structural unit of a legal document, before long units are split into parts. */
export interface LegalUnit {
  kind: 'article' | 'section' | 'clause' | 'paragraph' | 'text';
  /** `第五百零九条`, `Article 12`, `§ 3`, `1.2`; absent for plain paragraphs. */
  label?: string;
  /** Its own title (`ARTICLE 5 CONFIDENTIALITY` over body text), taken out of its paragraphs: the chunk's topic. */
  title?: string;
  /** The unit's number as an integer when it has one (第五百零九条 → 509). */
  number?: number;
  headings: Heading[];
  /** 1-based line of the unit's first line in the document text. */
  line: number;
  /** The unit's paragraphs, without its label. */
  paragraphs: string[];
}

export interface ParsedDocument {
  title: string;
  units: LegalUnit[];
}
