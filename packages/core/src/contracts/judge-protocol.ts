/**
 * The wire protocol of the evaluation judge. The evaluate stage builds judge prompts with these markers and parses
 * the verdicts; the sandbox recognises a judge request by JUDGE_MARKER and answers in the same shape. Real models are
 * asked for the same JSON, so the parser is shared by both.
 */
export const JUDGE_MARKER = '[tunekit-judge v1]';

/** Section headers inside the judge's user message. */
export const JUDGE_SECTIONS = {
  rubric: '[Rubric]',
  question: '[Question]',
  reference: '[Reference answer]',
  candidate: '[Candidate answer]',
  answerA: '[Answer A]',
  answerB: '[Answer B]',
} as const;

/** Rubric verdict: the judge replies with exactly one JSON object of this shape. */
export interface RubricVerdict {
  score: number; // 0..1
  pass: boolean;
  reason: string;
}

/** Pairwise verdict between the blind labels A and B. */
export interface PairwiseVerdict {
  winner: 'A' | 'B' | 'tie';
  reason: string;
}
