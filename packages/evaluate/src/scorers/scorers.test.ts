import type { ChatRequest, EvalItem, Provider } from '@tunekit/core';
import { JUDGE_MARKER } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { corpusBleu, sentenceBleu } from './bleu.js';
import { createScorer, detectLanguage, extractChoice, isPairwise, type PointScorer, tokenize13a } from './index.js';
import { answerTokens } from './text.js';
import { tokenF1 } from './token-f1.js';

const item = (reference: string, question = 'Q?'): EvalItem => ({
  id: 'i1',
  messages: [{ role: 'user', content: question }],
  reference,
});
const point = (spec: Parameters<typeof createScorer>[0]) => createScorer(spec) as PointScorer;
const scoreOf = async (spec: Parameters<typeof createScorer>[0], output: string, reference: string) =>
  point(spec).score(item(reference), output);

describe('BLEU agrees with sacreBLEU 2.6.0 defaults', () => {
  // Hand computation: unigram 5/6, bigram 3/5, trigram 1/4, 4-gram 0/3 → exp smoothing 1/(2·3) = 1/6; BP = 1;
  // BLEU = (5/6 · 3/5 · 1/4 · 1/6)^(1/4) = 0.379918 — sacrebleu.sentence_bleu gives 37.99178428257963.
  it('sentence BLEU with exp smoothing', () => {
    expect(sentenceBleu('the cat is on the mat', 'the cat sat on the mat')).toBeCloseTo(0.379917842825796, 10);
  });
  // Effective order 2 (a 2-token hypothesis): precisions 2/2 and 1/1, BP = e^(1 − 6/2) = e^−2 → 13.533528323661276.
  it('sentence BLEU with effective order and brevity penalty', () => {
    expect(sentenceBleu('the cat', 'the cat sat on the mat')).toBeCloseTo(Math.exp(-2), 12);
  });
  it('13a tokenization of punctuation and numbers (sacrebleu: 13.508625657351418)', () => {
    expect(tokenize13a('Hello, world. It costs $3.50-4 (approx)! a&amp;b 1,000.5 x.y').join(' ')).toBe(
      'Hello , world . It costs $ 3.50 - 4 ( approx ) ! a & b 1,000.5 x . y',
    );
    expect(sentenceBleu('Hello, world. It costs $3.50-4 (approx)!', 'Hello world, it costs $3.50 approx.')).toBeCloseTo(
      0.135086256573514,
      10,
    );
  });
  // corpus: matches 9/10, 4/8, 1/6, 0+... → sacrebleu "BLEU = 31.12 90.0/50.0/16.7/12.5"
  it('corpus BLEU sums statistics before combining', () => {
    const pairs = [
      { hypothesis: 'the cat is on the mat', reference: 'the cat sat on the mat' },
      { hypothesis: 'there is a dog', reference: 'a dog is there' },
    ];
    expect(corpusBleu(pairs)).toBeCloseTo(0.311166488644239, 10);
    const scorer = point('bleu');
    const accumulator = scorer.corpus!();
    for (const p of pairs) accumulator.add(item(p.reference), p.hypothesis);
    expect(accumulator.value()).toBeCloseTo(0.311166488644239, 10);
  });
  it('is 0 with no match and 1 for identical text', () => {
    expect(sentenceBleu('xyz', 'the cat')).toBe(0);
    expect(sentenceBleu('', 'the cat')).toBe(0);
    expect(sentenceBleu('the cat sat on the mat', 'the cat sat on the mat')).toBeCloseTo(1, 12);
  });
});

describe('choice extraction', () => {
  it.each([
    ['B', 'B'],
    ['答案：B', 'B'],
    ['答案是 C。因为合同无效。', 'C'],
    ['选B', 'B'],
    ['应选D项', 'D'],
    ['正确答案为A、C', 'AC'],
    ['（Ｂ）', 'B'],
    ['Answer: A, D', 'AD'],
    ['The answer is (c)... no, B', 'B'],
    ['C. The seller bears the risk', 'C'],
    ['I think the correct option is (D) because the law says so.', 'D'],
    ['根据《民法典》第五百条，本题无法确定', undefined],
  ])('%s → %s', (text, expected) => {
    expect(extractChoice(text)).toBe(expected);
  });

  it('scores the picked letter against the reference letter', async () => {
    expect(await scoreOf('choice', '经分析，答案：B', 'B. 合同有效')).toMatchObject({ score: 1, pass: true });
    expect(await scoreOf('choice', '选A', 'B')).toMatchObject({
      score: 0,
      pass: false,
      reason: 'picked A, expected B',
    });
  });

  it('a reference without an option letter is a scorer error, never a fail', async () => {
    const score = await scoreOf('choice', '选A', '根据《民法典》第五百条，本题无法确定');
    expect(score.error).toBe('no option letter found in the reference of item i1');
    expect(score.pass).toBeUndefined();
  });
});

describe('token F1 and ROUGE-L', () => {
  it('scores Chinese on characters, not whitespace', async () => {
    // 7 reference characters, 6 predicted, 5 shared → P 5/6, R 5/7, F1 = 10/13
    expect(answerTokens('合同无效。', 'char')).toEqual(['合', '同', '无', '效']);
    expect((await scoreOf('token-f1', '该合同无效的', '此合同依法无效')).score).toBeCloseTo(
      tokenF1([...'该合同无效的'], [...'此合同依法无效']),
      12,
    );
    expect((await scoreOf('token-f1', '合同无效', '合同依法无效')).score).toBeCloseTo(
      (2 * 1 * (4 / 6)) / (1 + 4 / 6),
      12,
    );
  });

  it('scores Chinese on words with Intl.Segmenter', async () => {
    expect(answerTokens('消费者权益保护法', 'word')).toEqual(['消费', '者', '权益', '保护', '法']);
    const score = await scoreOf({ 'token-f1': { chinese: 'word' } }, '保护消费者权益', '消费者权益保护法');
    // predicted: 保护 消费 者 权益 (4), reference 5 tokens, 4 common → P 1, R 0.8
    expect(score.score).toBeCloseTo((2 * 0.8) / 1.8, 12);
  });

  it('normalises English (case, punctuation, articles)', async () => {
    expect((await scoreOf('token-f1', 'The Seller, obviously.', 'seller')).score).toBeCloseTo((2 * 0.5 * 1) / 1.5, 12);
    expect((await scoreOf('exact-normalized', 'The  Seller!', 'seller')).pass).toBe(true);
    expect((await scoreOf('exact', 'The Seller', 'seller')).pass).toBe(false);
  });

  it('ROUGE-L uses the longest common subsequence', async () => {
    // LCS of "the cat sat on the mat" / "the cat on a mat" after dropping articles: cat on mat = 3 of 4 and 3 of 3
    expect((await scoreOf('rouge-l', 'the cat on a mat', 'the cat sat on the mat')).score).toBeCloseTo(
      (2 * 1 * 0.75) / 1.75,
      12,
    );
    expect((await scoreOf('rouge-l', '甲方违约', '乙方违约')).score).toBeCloseTo(0.75, 12);
  });
});

describe('other reference scorers', () => {
  it('contains, regex, levenshtein', async () => {
    expect((await scoreOf('contains', 'It is the Seller, clearly.', 'seller')).pass).toBe(true);
    expect((await scoreOf({ contains: '第五百条' }, '依据第五百条', 'x')).pass).toBe(true);
    expect((await scoreOf({ regex: '^\\d{4}-\\d{2}$' }, '2024-05', 'x')).pass).toBe(true);
    expect((await scoreOf({ regex: { pattern: '^yes', flags: 'i' } }, 'YES.', 'x')).pass).toBe(true);
    expect((await scoreOf('levenshtein', 'kitten', 'sitting')).score).toBeCloseTo(1 - 3 / 7, 12);
  });

  it('valid JSON and JSON Schema', async () => {
    expect((await scoreOf('json', '```json\n{"a": 1}\n```', '')).pass).toBe(true);
    expect((await scoreOf('json', '{"a": 1', '')).pass).toBe(false);
    const schema = {
      json_schema: { type: 'object', required: ['label'], properties: { label: { enum: ['yes', 'no'] } } },
    };
    expect((await scoreOf(schema, '{"label":"yes"}', '')).pass).toBe(true);
    const bad = await scoreOf(schema, '{"label":"maybe"}', '');
    expect(bad.pass).toBe(false);
    expect(bad.reason).toContain('allowed values');
  });

  it('language by Unicode script', async () => {
    expect(detectLanguage('根据民法典，合同无效。The contract')).toBe('zh');
    expect(detectLanguage('The contract is void under 民法典')).toBe('en');
    expect(detectLanguage('これは契約です')).toBe('ja');
    expect(detectLanguage('123 !!!')).toBe('und');
    expect((await scoreOf('language', 'The contract is void.', '合同无效。')).pass).toBe(false);
    expect((await scoreOf({ language: 'zh' }, '合同无效。', 'x')).pass).toBe(true);
  });

  it('rejects a bad spec', () => {
    expect(() => createScorer('rouge-x' as never)).toThrow();
    expect(() => createScorer({ regex: '(' })).toThrow(/invalid regular expression/);
    expect(() => createScorer({ judge: { rubric: 'r' } })).toThrow(/judge model/);
  });
});

/** A judge that answers from a function of the request. */
function fakeJudge(answer: (request: ChatRequest) => string): Provider & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    specVersion: 'v1',
    endpoint: 'fake://judge',
    requests,
    async chat(request) {
      requests.push(request);
      return { text: answer(request), latencyMs: 1 };
    },
  };
}

const userText = (request: ChatRequest) => String(request.messages.at(-1)?.content);

describe('rubric judge', () => {
  it('builds the prompt with the protocol markers and parses the verdict', async () => {
    const judge = fakeJudge(() => 'Sure. {"score": 0.8, "pass": true, "reason": "cites the article"}');
    const scorer = createScorer(
      { judge: { model: 'gpt-4o', rubric: 'Is it legally correct?' } },
      { judgeProvider: judge },
    ) as PointScorer;
    const score = await scorer.score(item('合同无效', '合同有效吗？'), '无效');
    expect(score).toEqual({ score: 0.8, pass: true, reason: 'cites the article' });
    const text = userText(judge.requests[0]!);
    expect(text).toContain(JUDGE_MARKER);
    expect(text).toMatch(
      /\[Rubric\]\nIs it legally correct\?\n\[Question\]\n合同有效吗？\n\[Reference answer\]\n合同无效\n\[Candidate answer\]\n无效/,
    );
    expect(judge.requests[0]!.model).toBe('gpt-4o');
  });

  it('turns an unparseable verdict or a failed request into an error, never a zero score', async () => {
    const garbled = createScorer(
      { judge: { rubric: 'r' } },
      { judgeProvider: fakeJudge(() => 'I would give it 8/10'), judgeModel: 'j' },
    ) as PointScorer;
    const score = await garbled.score(item('a'), 'b');
    expect(score.error).toMatch(/not a JSON verdict/);
    expect(score.pass).toBeUndefined();
    const outOfRange = createScorer(
      { judge: { rubric: 'r' } },
      { judgeProvider: fakeJudge(() => '{"score": 8}'), judgeModel: 'j' },
    ) as PointScorer;
    expect((await outOfRange.score(item('a'), 'b')).error).toMatch(/0\.\.1/);
    const failing: Provider = {
      specVersion: 'v1',
      endpoint: 'x',
      chat: async () => {
        throw new Error('503');
      },
    };
    const down = createScorer({ judge: { rubric: 'r' } }, { judgeProvider: failing, judgeModel: 'j' }) as PointScorer;
    expect((await down.score(item('a'), 'b')).error).toBe('judge request failed: 503');
  });
});

describe('pairwise judge', () => {
  const section = (text: string, name: string) => text.split(`[${name}]\n`)[1]?.split('\n[')[0];
  const pairwise = (answer: (a: string, b: string) => string) => {
    const judge = fakeJudge((request) =>
      answer(section(userText(request), 'Answer A')!, section(userText(request), 'Answer B')!),
    );
    const scorer = createScorer({ pairwise: { model: 'gpt-4o' } }, { judgeProvider: judge });
    if (!isPairwise(scorer)) throw new Error('expected a pairwise scorer');
    return { scorer, judge };
  };

  it('asks in both orders with blind labels and agrees on a consistent winner', async () => {
    const { scorer, judge } = pairwise((a) => JSON.stringify({ winner: a === 'TUNED' ? 'A' : 'B', reason: 'better' }));
    const result = await scorer.scorePair(item('ref'), 'TUNED', 'BASE');
    expect(result).toMatchObject({ winner: 'candidate', score: 1, pass: true });
    expect(judge.requests).toHaveLength(2);
    const shown = judge.requests.map((r) => section(userText(r), 'Answer A'));
    expect(shown.sort()).toEqual(['BASE', 'TUNED']);
    expect(judge.requests.every((r) => !userText(r).includes('candidate') && !userText(r).includes('baseline'))).toBe(
      true,
    );
  });

  it('counts position bias (both orders pick A) as a tie', async () => {
    const { scorer } = pairwise(() => '{"winner": "A", "reason": "first is better"}');
    const result = await scorer.scorePair(item('ref'), 'TUNED', 'BASE');
    expect(result).toMatchObject({ winner: 'tie', score: 0.5 });
    expect(result.reason).toContain('orders disagree');
  });

  it('reports an unparseable verdict as an error', async () => {
    const { scorer } = pairwise(() => 'A is better');
    expect((await scorer.scorePair(item('ref'), 'x', 'y')).error).toMatch(/not a pairwise verdict/);
  });
});
