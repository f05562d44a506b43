import { z } from 'zod';
import { templateString } from './template.js';

/**
 * Built-in question/answer tasks over `read-legal` chunks. An `article` task makes one training line per article; a
 * `topic` task one per topic (the heading above a run of articles), listing all of its articles: one line per
 * article would ask the same question with a different answer each time.
 */
export const STATUTE_TASKS = {
  /** "What does article N of <law> say?" → the article. */
  article_text: {
    scope: 'article',
    zh: { question: '《{{law}}》{{article}}规定了什么？', answer: '{{text}}' },
    en: { question: 'What does {{article}} of the {{law}} say?', answer: '{{text}}' },
  },
  /** "Which articles of <law> govern <topic>?" → each article of the topic, number and text. */
  article_for_topic: {
    scope: 'topic',
    zh: { question: '《{{law}}》中哪些条文规定了“{{topic}}”方面的内容？', answer: '{{listing}}' },
    en: { question: 'Which articles of the {{law}} govern {{topic}}?', answer: '{{listing}}' },
  },
} as const;

export type StatuteTaskName = keyof typeof STATUTE_TASKS;

const taskName = z.enum(Object.keys(STATUTE_TASKS) as [StatuteTaskName, ...StatuteTaskName[]]);

export const statuteTaskOption = z.union([
  taskName,
  z
    .object({
      task: taskName,
      question: templateString()
        .optional()
        .describe(
          'Template of the user turn (fields of the chunk: law, article, topic, text, ...; a topic task adds articles, listing and count)',
        ),
      answer: templateString().optional().describe('Template of the assistant turn'),
    })
    .strict(),
]);

export type StatuteTaskOption = z.output<typeof statuteTaskOption>;

export const statuteTaskName = (option: StatuteTaskOption): StatuteTaskName =>
  typeof option === 'string' ? option : option.task;

/** Whether a task makes a line per article or per topic. */
export const statuteTaskScope = (option: StatuteTaskOption) => STATUTE_TASKS[statuteTaskName(option)].scope;

/** Chinese when the law's title is CJK. */
export const statuteLanguage = (law: string): 'zh' | 'en' => (/[\u4e00-\u9fff]/.test(law) ? 'zh' : 'en');

/** The question/answer templates of a task for a chunk's language. */
export function taskTemplates(option: StatuteTaskOption, law: string): { question: string; answer: string } {
  const defaults = STATUTE_TASKS[statuteTaskName(option)][statuteLanguage(law)];
  if (typeof option === 'string') return defaults;
  return { question: option.question ?? defaults.question, answer: option.answer ?? defaults.answer };
}
