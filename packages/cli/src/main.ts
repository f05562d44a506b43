import { createRequire } from 'node:module';
import { redactEnvSecrets, TunekitError } from '@tunekit/core';
import { Command, CommanderError } from 'commander';
import { commanderErrorLine } from './commander-error-line.js';
import { commands } from './commands/index.js';
import { type CliIO, println, processIO } from './io.js';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../package.json') as { version: string }).version;

export function buildProgram(io: CliIO): Command {
  const program = new Command('tunekit')
    .description('Turn CSV, JSON and legal corpora into fine-tuning data, train, and prove the result.')
    .version(VERSION, '-v, --version')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (text, write) => write(commanderErrorLine(text)),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  tunekit run pipelines/toy-chat.yaml              prepare a dataset into runs/<name>/
  tunekit run pipelines/legal-zh-flagship.yaml     statutes → train → evaluate (offline in the sandbox without a key)
  tunekit validate pipelines/my.yaml               check a pipeline file without running it
  tunekit inspect train.jsonl --model gpt-4o-mini-2024-07-18   format errors, token counts and cost
  tunekit init --from data.csv > my.yaml           a commented starter pipeline for your file

Exit codes: 0 success, 1 the run or a gate failed, 2 a user error.`,
    );
  for (const register of commands) register(program, io);
  return program;
}

/** Runs the CLI and returns the exit code. A user error prints one line and returns 2; never a stack trace. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(helpForUnknownCommand(program, argv));
    return io.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

/**
 * `tunekit help runn` would print the whole help to stderr without saying what was wrong: it is asked as `tunekit runn`,
 * which says `unknown command 'runn' (did you mean run?)` in one line.
 */
function helpForUnknownCommand(program: Command, argv: string[]): string[] {
  const [command, topic] = argv.slice(2);
  if (command !== 'help' || topic === undefined || topic.startsWith('-')) return argv;
  const known = program.commands.some((c) => c.name() === topic || c.aliases().includes(topic));
  return known || topic === 'help' ? argv : [...argv.slice(0, 2), ...argv.slice(3)];
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0)
      return 0;
    return 2;
  }
  if (TunekitError.is(error)) {
    println(io.stderr, `tunekit: ${redactEnvSecrets(error.render(), io.env)}`);
    if (io.env.TUNEKIT_DEBUG && error.cause)
      println(io.stderr, redactEnvSecrets(String((error.cause as Error).stack ?? error.cause), io.env));
    return error.isUserError ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  const line = redactEnvSecrets(message.replace(/[\r\n]+/g, ' '), io.env);
  println(io.stderr, `tunekit: internal error: ${line} (set TUNEKIT_DEBUG=1 for details)`);
  if (io.env.TUNEKIT_DEBUG && error instanceof Error) println(io.stderr, redactEnvSecrets(error.stack ?? '', io.env));
  return 1;
}
