/** Sentence ends: Chinese full stops and marks, or Latin ones followed by a space. */
const SENTENCE_END = /(?<=[。！？；])|(?<=[.!?;])\s+/u;

function sentencesOf(paragraph: string): string[] {
  return paragraph.split(SENTENCE_END).filter((s) => s.length > 0);
}

/**
 * Groups paragraphs into parts of at most `limit` tokens. A paragraph over the limit is split at sentence ends;
 * a single sentence over the limit stays whole (a part never ends mid-sentence). Returns one part when all fit.
 */
export function splitByTokens(paragraphs: string[], limit: number, countTokens: (text: string) => number): string[][] {
  const pieces: string[] = [];
  for (const paragraph of paragraphs) {
    if (countTokens(paragraph) <= limit) pieces.push(paragraph);
    else {
      // Sentences of one long paragraph are re-joined into runs that fit.
      let run = '';
      for (const sentence of sentencesOf(paragraph)) {
        const joined = run ? `${run}${/[\u3000-\u9fff]$/.test(run) ? '' : ' '}${sentence}` : sentence;
        if (run && countTokens(joined) > limit) {
          pieces.push(run);
          run = sentence;
        } else run = joined;
      }
      if (run) pieces.push(run);
    }
  }
  const parts: string[][] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const piece of pieces) {
    const size = countTokens(piece);
    if (current.length > 0 && tokens + size > limit) {
      parts.push(current);
      current = [];
      tokens = 0;
    }
    current.push(piece);
    tokens += size;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
