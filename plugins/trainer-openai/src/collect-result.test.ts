import { describe, expect, it } from 'vitest';
import { decodeResultsFile } from './collect-result.js';

const csv = 'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,1.52,0.41,,\n2,1.10,0.55,1.2,0.5\n';

describe('decodeResultsFile', () => {
  it('keeps a plain CSV as it is', () => {
    expect(decodeResultsFile(csv)).toBe(csv);
  });

  it('decodes a base64-encoded results file, with or without line breaks', () => {
    const encoded = Buffer.from(csv).toString('base64');
    expect(decodeResultsFile(encoded)).toBe(csv);
    expect(decodeResultsFile(`${encoded.slice(0, 40)}\n${encoded.slice(40)}\n`)).toBe(csv);
  });

  it('leaves text that only looks like base64 alone', () => {
    expect(decodeResultsFile('step')).toBe('step');
  });
});
