import { type FormatProblem, formatProblem } from './problem-codes.js';

export const MIN_EXAMPLES = 10;
/** The /files upload limit; the /uploads API takes up to 8 GB in parts. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** File-level rules, checked once the whole file (or stream) has been seen. */
export function checkFile(file: { examples: number; bytes: number }): FormatProblem[] {
  const problems: FormatProblem[] = [];
  if (file.examples < MIN_EXAMPLES) {
    problems.push(
      formatProblem(
        'too_few_examples',
        `the file has ${file.examples} example${file.examples === 1 ? '' : 's'}; fine-tuning needs at least ${MIN_EXAMPLES} (50–100 recommended)`,
      ),
    );
  }
  if (file.bytes > MAX_FILE_BYTES) {
    problems.push(
      formatProblem(
        'file_too_large',
        `the file is ${(file.bytes / 1024 / 1024).toFixed(1)} MB; the upload limit is 512 MB`,
      ),
    );
  }
  return problems;
}
