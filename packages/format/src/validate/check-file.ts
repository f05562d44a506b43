import { type FormatProblem, formatProblem } from './problem-codes.js';

export const MIN_EXAMPLES = 10;
/** The Uploads API's limit (trainer-openai sends a file over 64 MB there, in parts); `/v1/files` alone takes 512 MB. */
export const MAX_FILE_BYTES = 8 * 1024 ** 3;

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
        `the file is ${(file.bytes / 1024 ** 3).toFixed(2)} GB; the upload limit is 8 GB`,
      ),
    );
  }
  return problems;
}
