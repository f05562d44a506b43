import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TrainingDataFormat } from '../contracts/trainer.js';
import { TunekitError } from '../errors.js';

/** The format of a training file, from its first non-empty line (the dataset steps have validated the rest). */
export async function detectTrainingFormat(path: string): Promise<TrainingDataFormat> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      return formatOf(JSON.parse(line.replace(/^\uFEFF/, '')) as unknown, path, lineNumber);
    }
  } catch (cause) {
    if (TunekitError.is(cause)) throw cause;
    const code = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_INVALID';
    throw new TunekitError(code, `cannot read the training file: ${(cause as Error).message}`, {
      cause,
      context: { file: path, line: lineNumber || undefined },
    });
  } finally {
    lines.close();
  }
  throw new TunekitError('INPUT_INVALID', 'the training file is empty', { context: { file: path } });
}

function formatOf(line: unknown, file: string, lineNumber: number): TrainingDataFormat {
  if (typeof line === 'object' && line !== null) {
    if ('messages' in line) return 'chat';
    if ('preferred_output' in line || 'input' in line) return 'preference';
    if ('prompt' in line && 'completion' in line) return 'completion';
  }
  throw new TunekitError(
    'INPUT_INVALID',
    'not a training line: expected `messages`, `input`/`preferred_output` or `prompt`/`completion`',
    {
      context: { file, line: lineNumber },
    },
  );
}
