import { open } from 'node:fs/promises';
import { basename, extname, relative, resolve } from 'node:path';
import { TunekitError, writeFileAtomic } from '@tunekit/core';
import { println } from '../io.js';
import { checkFileTarget, checkInputFile } from '../path-checks.js';
import type { RegisterCommand } from './command.js';

interface Sniffed {
  kind: 'csv' | 'jsonl' | 'chat';
  columns: string[];
  delimiter?: string;
}

const USER_FIELD = /^(question|input|prompt|query|instruction|text|user|q)$/i;
const ASSISTANT_FIELD = /^(answer|output|response|completion|label|target|assistant|a)$/i;

async function firstLine(path: string): Promise<string> {
  await checkInputFile(path, '--from');
  const unreadable = (cause: NodeJS.ErrnoException) => {
    throw new TunekitError(
      cause.code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_INVALID',
      cause.code === 'ENOENT' ? 'no such file' : `cannot read it: ${cause.message}`,
      {
        cause,
        context: { file: path, field: '--from' },
      },
    );
  };
  const handle = await open(path).catch(unreadable);
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0).catch(unreadable);
    // Column names read from a binary file (or UTF-16 text) would be garbage written into the pipeline.
    if (buffer.subarray(0, bytesRead).includes(0)) {
      throw new TunekitError('INPUT_INVALID', 'is not UTF-8 text (a binary file, or UTF-16)', {
        context: { file: path, field: '--from', hint: 'init reads the columns of a UTF-8 CSV or JSON Lines file' },
      });
    }
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return text.split(/\r?\n/)[0] ?? '';
  } finally {
    await handle.close();
  }
}

async function sniff(path: string): Promise<Sniffed> {
  const line = await firstLine(path);
  const extension = extname(path).toLowerCase();
  if (extension === '.jsonl' || extension === '.json' || line.trimStart().startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new TunekitError('INPUT_INVALID', 'the first line is not a JSON object (expected JSON Lines)', {
        context: { file: path, line: 1 },
      });
    }
    const columns = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
    return { kind: columns.includes('messages') ? 'chat' : 'jsonl', columns };
  }
  const delimiter =
    extension === '.tsv'
      ? '\t'
      : ([',', '\t', ';'] as const).reduce(
          (best, d) => (line.split(d).length > line.split(best).length ? d : best),
          ',' as string,
        );
  const columns = line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  return { kind: 'csv', columns, delimiter };
}

function starter(path: string, fromDir: string, sniffed: Sniffed): string {
  const file = relative(fromDir, resolve(path)) || basename(path);
  const name =
    basename(path, extname(path))
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '') || 'my-pipeline';
  const user = sniffed.columns.find((c) => USER_FIELD.test(c)) ?? sniffed.columns[0] ?? 'question';
  const assistant =
    sniffed.columns.find((c) => ASSISTANT_FIELD.test(c) && c !== user) ??
    sniffed.columns.find((c) => c !== user) ??
    'answer';
  const source =
    sniffed.kind === 'csv'
      ? `    use: read-csv\n    with: { path: ${JSON.stringify(file)}${sniffed.delimiter === ',' ? '' : `, delimiter: ${JSON.stringify(sniffed.delimiter)}`} }`
      : `    use: read-jsonl\n    with: { path: ${JSON.stringify(file)} }`;
  const shaping =
    sniffed.kind === 'chat'
      ? '    # The rows already are OpenAI chat lines (`messages`): they pass through unchanged.\n    - use: to-chat\n'
      : `    # Map each row to a chat line. Templates are logic-less: {{column}} inserts a field.\n    - use: to-chat\n      with:\n        system: "You are a helpful assistant."   # one fixed system prompt for every example\n        user: "{{${user}}}"\n        assistant: "{{${assistant}}}"\n`;
  return `# yaml-language-server: $schema=https://tunekit.dev/schema/pipeline.schema.json
# A starter pipeline written by \`tunekit init\` from ${basename(path)}
# (columns: ${sniffed.columns.join(', ') || 'none found'}). Edit, then: tunekit validate <this file> && tunekit run <this file>
name: ${name}
model: gpt-4o-mini-2024-07-18        # target model: tokenizer, per-example limit and prices

dataset:
  from:
${source}
  steps:
${shaping}    - use: validate                  # OpenAI's format rules; bad lines go to rejects.jsonl with the reason
    - use: dedupe                    # exact duplicates (add near: { threshold: 0.8 } for near-duplicates)
    - use: token-budget              # drop examples over the model's per-example limit
    - use: split
      with: { validation: 0.1, seed: 7 }   # a seeded, stable train/validation split

# Uncomment to fine-tune (runs in the sandbox when OPENAI_API_KEY is not set):
# train:
#   use: trainer-openai
#   with: { suffix: ${name.slice(0, 40)}, max_cost_usd: 10 }
# or train an open-weight model on your own GPU (docs/guides/moving-off-openai.md):
#   use: trainer-command
#   with: { command: [axolotl, train, "{{config}}"], config: { template: axolotl.yml }, model: my-lora }
`;
}

export const registerInit: RegisterCommand = (program, io) => {
  program
    .command('init')
    .description('Write a commented starter pipeline, looking at the columns of a CSV or JSONL file.')
    .option('--from <file>', 'a CSV, TSV or JSONL file whose columns shape the starter')
    .option('-o, --out <file>', 'write to this file instead of printing (an existing file is kept: see --force)')
    .option('--force', 'with --out: overwrite the file if it exists')
    .action(async (flags: { from?: string; out?: string; force?: boolean }) => {
      if (flags.out) await checkFileTarget(flags.out, '--out', { force: flags.force });
      const outDir = flags.out ? resolve(flags.out, '..') : process.cwd();
      const sniffed: Sniffed = flags.from
        ? await sniff(flags.from)
        : { kind: 'csv', columns: ['question', 'answer'], delimiter: ',' };
      const text = starter(flags.from ?? 'data.csv', outDir, sniffed);
      if (flags.out) {
        await writeFileAtomic(resolve(flags.out), text);
        println(io.stdout, `wrote ${flags.out}`);
      } else io.stdout.write(text);
    });
};
