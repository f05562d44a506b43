import { TunekitError } from '@tunekit/core';

const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * Tells a file read in the wrong encoding from a few corrupt lines in a file read right. Text the decoder could not
 * read holds U+FFFD. When the first line with any non-ASCII text already fails, the file is in another encoding (an
 * ISO-8859-1 export read as UTF-8): every such row would be rejected, so it is one run error naming the file and the
 * line and suggesting the `encoding` option. After a line that decoded, a failing one is a corrupt row: rejected.
 */
export class DecodeWatch {
  private decodedNonAscii = false;

  constructor(
    private readonly file: string,
    private readonly encoding: string,
    private readonly step: string,
  ) {}

  /** True when the text decoded; false for a corrupt row (reject it); throws when the file is in another encoding. */
  decoded(text: string, line: number): boolean {
    if (!text.includes('\uFFFD')) {
      if (!this.decodedNonAscii && NON_ASCII.test(text)) this.decodedNonAscii = true;
      return true;
    }
    if (this.decodedNonAscii) return false;
    throw new TunekitError(
      'INPUT_INVALID',
      `not valid ${this.encoding} text (the first line with non-ASCII characters): the file is in another encoding`,
      {
        context: {
          file: this.file,
          line,
          step: this.step,
          field: 'encoding',
          hint: 'set the encoding option to the file’s (e.g. iso-8859-1, windows-1252, gb18030), or leave it out to detect it',
        },
      },
    );
  }
}
