import { TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from './placeholders.js';

const values = { train_file: '/run/train.jsonl', output_dir: '/run/out', base_model: 'Qwen/Qwen2.5-7B-Instruct' };

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(TunekitError.is(error)).toBe(true);
    return (error as TunekitError).render();
  }
  throw new Error('expected an error');
}

describe('fillPlaceholders', () => {
  it('fills known names, with or without spaces inside the braces', () => {
    expect(fillPlaceholders('--data={{train_file}} --out {{ output_dir }}', values, 'command[1]', true)).toBe(
      '--data=/run/train.jsonl --out /run/out',
    );
  });

  it('leaves other {{…}} of a config template alone (chat templates are Jinja)', () => {
    const template = 'base_model: {{base_model}}\nchat_template_jinja: "{{ message.content }}{{eos_token}}"';
    expect(fillPlaceholders(template, values, 'config.template', false)).toBe(
      'base_model: Qwen/Qwen2.5-7B-Instruct\nchat_template_jinja: "{{ message.content }}{{eos_token}}"',
    );
  });

  it('refuses an unknown name in the command, naming the field and the known names', () => {
    expect(problem(() => fillPlaceholders('{{train}}', values, 'command[2]', true))).toMatch(
      /trainer-command: `command\[2\]`: unknown placeholder \{\{train\}\}.*\{\{train_file\}\}/,
    );
  });

  it('refuses a placeholder this run has no value for, saying how to give it one', () => {
    expect(problem(() => fillPlaceholders('{{validation_file}}', values, 'command[3]', true))).toMatch(
      /\{\{validation_file\}\} has no value in this run.*add a `split` step/,
    );
    expect(problem(() => fillPlaceholders('{{epochs}}', values, 'env.EPOCHS', false))).toMatch(/set `epochs`/);
  });
});
