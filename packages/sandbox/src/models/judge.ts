import { JUDGE_MARKER, JUDGE_SECTIONS, type PairwiseVerdict, type RubricVerdict } from '@tunekit/core';
import { overlapF1 } from '../text/terms.js';
import type { ChatMessage } from './message-text.js';

/** Pairwise answers whose overlap scores differ by less than this are a tie. */
export const TIE_MARGIN = 0.05;
export const PASS_THRESHOLD = 0.5;

export function isJudgeRequest(messages: ChatMessage[]): boolean {
  return messages.some((message) => message.content.includes(JUDGE_MARKER));
}

/**
 * The sandbox judge: token-overlap F1 (words, CJK bigrams) against the reference answer. A rubric request gets
 * `{score, pass, reason}`; a pairwise request gets `{winner, reason}` (the answer closer to the reference wins).
 */
export function judgeVerdict(messages: ChatMessage[]): RubricVerdict | PairwiseVerdict {
  const judged = messages.findLast((message) => message.content.includes(JUDGE_SECTIONS.reference));
  const sections = readSections(judged?.content ?? messages.map((message) => message.content).join('\n'));
  const reference = sections.get(JUDGE_SECTIONS.reference) ?? sections.get(JUDGE_SECTIONS.question) ?? '';
  const answerA = sections.get(JUDGE_SECTIONS.answerA);
  const answerB = sections.get(JUDGE_SECTIONS.answerB);
  if (answerA !== undefined && answerB !== undefined) {
    const a = overlapF1(answerA, reference);
    const b = overlapF1(answerB, reference);
    const winner = Math.abs(a - b) < TIE_MARGIN ? 'tie' : a > b ? 'A' : 'B';
    return { winner, reason: `overlap with the reference: A ${a.toFixed(2)}, B ${b.toFixed(2)}` };
  }
  const candidate = sections.get(JUDGE_SECTIONS.candidate) ?? '';
  const score = Math.round(overlapF1(candidate, reference) * 1000) / 1000;
  return { score, pass: score >= PASS_THRESHOLD, reason: `token overlap with the reference: ${score.toFixed(2)}` };
}

const HEADERS: string[] = Object.values(JUDGE_SECTIONS);

/** Splits the judge prompt at the section headers; each section runs to the next header. */
function readSections(text: string): Map<string, string> {
  const found: { header: string; at: number }[] = [];
  for (const header of HEADERS) {
    const at = text.indexOf(header);
    if (at !== -1) found.push({ header, at });
  }
  found.sort((x, y) => x.at - y.at);
  const sections = new Map<string, string>();
  found.forEach(({ header, at }, i) => {
    const end = found[i + 1]?.at ?? text.length;
    sections.set(header, text.slice(at + header.length, end).trim());
  });
  return sections;
}
