import { TunekitError } from '@tunekit/core';
import { InvalidUtf8Lines } from '@tunekit/format';
import { isUtf8Encoding } from './text-encoding.js';

const NON_ASCII = /[^\p{ASCII}]/u;

/** The lines of a row: its first and last (a CSV row with line breaks in quotes spans several), and what ends them. */
export interface RowLines {
  first: number;
  last?: number;
  lineBreak?: '\n' | '\r';
}

/**
 * Tells a file read in the wrong encoding from a few corrupt lines in a file read right. Text the decoder could not
 * read holds U+FFFD. When the first line with any non-ASCII text already fails, the file is in another encoding (an
 * ISO-8859-1 export read as UTF-8): every such row would be rejected, so it is one run error naming the file and the
 * line and suggesting the `encoding` option. After a line that decoded, a failing one is a corrupt row: rejected.
 *
 * U+FFFD is also a character a UTF-8 file may hold (bytes EF BF BD, left by an earlier conversion): in a UTF-8 file a
 * line holding it fails only when its bytes are not UTF-8. Only such lines cost a look at the file's bytes.
 */
export class DecodeWatch {
  private decodedNonAscii = false;
  private utf8Lines: InvalidUtf8Lines | undefined;

  /** `file` as the pipeline names it (for messages), `absolute` to read its bytes. */
  constructor(
    private readonly file: string,
    private readonly absolute: string,
    private readonly encoding: string,
    private readonly step: string,
  ) {}

  /** True when the text holds no U+FFFD, so it decoded; false when `decoded` must look at its bytes. */
  clean(text: string): boolean {
    if (text.includes('\uFFFD')) return false;
    if (!this.decodedNonAscii && NON_ASCII.test(text)) this.decodedNonAscii = true;
    return true;
  }

  /**
   * For text holding U+FFFD: true when it decoded (the character is in the data), false for a corrupt row (reject
   * it); throws when the file is in another encoding.
   */
  async decoded(lines: RowLines): Promise<boolean> {
    if (isUtf8Encoding(this.encoding)) {
      this.utf8Lines ??= new InvalidUtf8Lines(this.absolute, lines.lineBreak);
      if (!(await this.utf8Lines.anyIn(lines.first, lines.last))) {
        this.decodedNonAscii = true;
        return true;
      }
    }
    if (this.decodedNonAscii) return false;
    throw inAnotherEncoding(this.file, lines.first, this.encoding, this.step);
  }
}

/** The run error of a file whose first line with non-ASCII text does not decode; `readsAs` an encoding that reads it. */
export function inAnotherEncoding(
  file: string,
  line: number,
  encoding: string,
  step: string,
  readsAs?: string,
): TunekitError {
  const example = readsAs ? `${readsAs}` : 'iso-8859-1, windows-1252, gb18030';
  return new TunekitError(
    'INPUT_INVALID',
    `not valid ${encoding} text (the first line with non-ASCII characters): the file is in another encoding`,
    {
      context: {
        file,
        line,
        step,
        field: 'encoding',
        hint: `set the encoding option to the file’s (e.g. ${example}), or leave it out to detect it`,
      },
    },
  );
}
