import { describe, expect, it } from 'vitest';
import type { DataRecord } from '../contracts/record.js';
import { Tally } from './tally.js';

const record = (id: string, parents?: string[]): DataRecord => ({
  id,
  source: { file: 'f', line: 1 },
  data: {},
  meta: {},
  ...(parents && { parents }),
});

/** A fan-out tally that took in `a` and `b`. */
function fanOut(): Tally {
  const tally = new Tally('to-chat', true);
  tally.noteInputs([record('a'), record('b')]);
  return tally;
}

describe('Tally of a fan-out step', () => {
  it('balances when each input made outputs, had a piece rejected, or was rejected or discarded whole', () => {
    const pieces = fanOut();
    pieces.noteOutput(record('a#1', ['a']));
    pieces.noteRejected(record('a#2', ['a']));
    pieces.noteRejected(record('b#1', ['b']));
    expect(() => pieces.check()).not.toThrow();
    const whole = fanOut();
    whole.noteRejected(record('a'));
    whole.noteDiscarded(record('b'));
    expect(() => whole.check()).not.toThrow();
    expect(whole.entry()).toMatchObject({ in: 2, out: 0, rejected: 1, discarded: 1 });
  });

  it('fails when an output names a parent that is not an input, even if the count comes out right', () => {
    const tally = fanOut();
    tally.noteOutput(record('a#1', ['a']));
    tally.noteOutput(record('x#1', ['ghost']));
    expect(() => tally.check()).toThrow(/`x#1` names `ghost`, which is not one of its inputs/);
  });

  it('fails when an input is both made into outputs and rejected whole (counted twice)', () => {
    const tally = fanOut();
    tally.noteOutput(record('a#1', ['a']));
    tally.noteRejected(record('a'));
    tally.noteOutput(record('b#1', ['b']));
    expect(() => tally.check()).toThrow(/`a` ended twice/);
  });

  it('fails naming the first input that went nowhere', () => {
    const tally = fanOut();
    tally.noteOutput(record('a#1', ['a']));
    expect(() => tally.check()).toThrow(/1 of 2 inputs .* \(the first: `b`\)/);
  });
});
