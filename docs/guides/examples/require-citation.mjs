// A user step plugin: keeps legal answers that cite a statute, rejects the rest with a reason.
// Used by require-citation.yaml as `use: ./require-citation.mjs`. Plain ESM JavaScript: no build needed.
import { z } from 'zod';

const options = z
  .object({
    pattern: z
      .string()
      .default('《[^》]+》|第[一二三四五六七八九十百千零〇0-9]+条')
      .describe('Regular expression a citation matches (default: a Chinese law title or article number).'),
    min_answer_chars: z.number().int().min(0).default(0).describe('Answers shorter than this are rejected too.'),
  })
  .strict();

/** The text of the last assistant message of a chat line, or undefined when there is none. */
function lastAnswer(line) {
  const messages = Array.isArray(line?.messages) ? line.messages : [];
  const answer = messages.findLast((m) => m.role === 'assistant');
  return typeof answer?.content === 'string' ? answer.content : undefined;
}

export default {
  specVersion: 'v1',
  kind: 'step',
  role: 'transform',
  id: 'require-citation',
  description: 'Rejects chat examples whose answer cites no statute (or is too short).',
  options,
  create({ pattern, min_answer_chars }) {
    const citation = new RegExp(pattern, 'u');
    return {
      specVersion: 'v1',
      // A per-record step: return the record to keep it; after ctx.reject return nothing.
      map(record, ctx) {
        const answer = lastAnswer(record.data);
        if (answer === undefined) {
          ctx.reject(record, 'no_answer', { message: 'the example has no assistant answer', line: record.source.line });
          return undefined;
        }
        if (answer.length < min_answer_chars) {
          ctx.reject(record, 'answer_too_short', {
            message: `answer has ${answer.length} characters, fewer than ${min_answer_chars}`,
            line: record.source.line,
          });
          return undefined;
        }
        if (!citation.test(answer)) {
          ctx.reject(record, 'no_citation', { message: 'answer cites no statute', line: record.source.line });
          return undefined;
        }
        ctx.count('cited');
        return record;
      },
    };
  },
};
