import { z } from 'zod';
import { templateString } from './template.js';

/** Built-in question/answer tasks over `read-legal` chunks; each turns one article into one training line. */
export const STATUTE_TASKS = {
  /** "What does article N of <law> say?" → the article. */
  article_text: {
    zh: { question: '《{{law}}》{{article}}规定了什么？', answer: '{{text}}' },
    en: { question: 'What does {{article}} of the {{law}} say?', answer: '{{text}}' },
  },
  /** "Which article of <law> governs <topic>?" → the article number and text. */
  article_for_topic: {
    zh: { question: '《{{law}}》中哪一条规定了“{{topic}}”方面的内容？', answer: '{{article}}：{{text}}' },
    en: { question: 'Which article of the {{law}} governs {{topic}}?', answer: '{{article}}: {{text}}' },
  },
} as const;

export type StatuteTaskName = keyof typeof STATUTE_TASKS;

export const statuteTaskOption = z.union([
  z.enum(Object.keys(STATUTE_TASKS) as [StatuteTaskName, ...StatuteTaskName[]]),
  z
    .object({
      task: z.enum(Object.keys(STATUTE_TASKS) as [StatuteTaskName, ...StatuteTaskName[]]),
      question: templateString()
        .optional()
        .describe('Template of the user turn (fields of the chunk: law, article, topic, text, ...)'),
      answer: templateString().optional().describe('Template of the assistant turn'),
    })
    .strict(),
]);

export type StatuteTaskOption = z.output<typeof statuteTaskOption>;

/** The question/answer templates of a task for a chunk's language (Chinese when the law's title is CJK). */
export function taskTemplates(option: StatuteTaskOption, law: string): { question: string; answer: string } {
  const name = typeof option === 'string' ? option : option.task;
  const defaults = STATUTE_TASKS[name][/[\u4e00-\u9fff]/.test(law) ? 'zh' : 'en'];
  if (typeof option === 'string') return defaults;
  return { question: option.question ?? defaults.question, answer: option.answer ?? defaults.answer };
}
