import { describe, expect, it } from 'vitest';
import { SimilarityIndex, similarityTokens } from './similarity-index.js';

describe('SimilarityIndex', () => {
  it('tokenizes Chinese as character bigrams and English as words', () => {
    expect(similarityTokens('合同法 Contract Law')).toEqual(['合同', '同法', 'contract', 'law']);
  });

  it('finds the nearest documents first', () => {
    const index = new SimilarityIndex([
      '劳动合同的解除条件',
      '交通肇事罪的量刑',
      'contract termination notice',
      '醉酒驾驶的判决',
    ]);
    expect(index.nearest('醉酒驾驶机动车应如何判决', 1)).toEqual([3]);
    expect(index.nearest('termination of a contract', 2)).toEqual([2]);
  });
});
