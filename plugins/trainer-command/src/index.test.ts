import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { trainerCommand } from './index.js';

describe('trainerCommand', () => {
  it('shows on its reference page an example whose options its schema accepts', () => {
    const example = parse(trainerCommand.example ?? '') as { train: { use: string; with: unknown } };
    expect(example.train.use).toBe('trainer-command');
    expect(trainerCommand.options.safeParse(example.train.with).error).toBeUndefined();
  });
});
