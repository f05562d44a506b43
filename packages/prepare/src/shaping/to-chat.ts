import { type DataRecord, defineStep, type Step, TunekitError } from '@tunekit/core';
import { z } from 'zod';
import { AbsentFieldWatch } from './absent-field-watch.js';
import { chatLine, completionLine, existingLine, preferenceLine, turnsLine } from './chat-lines.js';
import { rejectShaping } from './shaping-reject.js';
import { statuteTaskStep } from './statute-task-step.js';
import { statuteTaskOption } from './statute-tasks.js';
import { compileTemplate, render, type Template, templateString } from './template.js';

const options = z
  .object({
    system: templateString()
      .optional()
      .describe('Template of the system message (a fixed prompt when it has no {{slots}})'),
    user: templateString().optional().describe('Template of the user message, e.g. "{{question}}"'),
    assistant: templateString().optional().describe('Template of the assistant message, e.g. "{{answer}}"'),
    group: templateString().optional().describe("Template of the group key (default: the input record's group)"),
    turns: z
      .object({
        field: z.string().describe('Array field holding the conversation'),
        role_key: z.string().default('role'),
        content_key: z.string().default('content'),
        roles: z
          .record(z.string(), z.enum(['system', 'user', 'assistant']))
          .default({})
          .describe('e.g. { human: user, gpt: assistant }'),
      })
      .strict()
      .optional()
      .describe('Multi-turn rows: one message per element of an array field'),
    preference: z
      .object({ chosen: templateString(), rejected: templateString() })
      .strict()
      .optional()
      .describe('Preference (DPO) lines: templates of the preferred and the non-preferred reply; needs `user`'),
    completion: z
      .object({
        prompt: templateString(),
        completion: templateString(),
        separator: z.string().default('\n\n###\n\n'),
        ending: z.string().default('\n'),
      })
      .strict()
      .optional()
      .describe('Legacy prompt/completion lines (babbage-002, davinci-002)'),
    tasks: z.array(statuteTaskOption).min(1).optional().describe('Built-in statute tasks over read-legal chunks'),
    pass_through: z.boolean().default(true).describe('Rows that already are chat or preference lines pass unchanged'),
  })
  .strict()
  .superRefine((opts, ctx) => {
    // Tasks make their own lines: any other line template would be ignored without a word.
    if (!opts.tasks) return;
    for (const key of ['user', 'assistant', 'turns', 'preference', 'completion'] as const) {
      if (opts[key] === undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `does nothing with \`tasks\`, which make their own lines: give a task its own \`question\` and \`answer\` templates`,
      });
    }
  });

type ToChatOptions = z.output<typeof options>;

type LineBuilder = (data: unknown) => unknown;

function compile(field: string, source: string | undefined): Template | undefined {
  return source === undefined ? undefined : compileTemplate(source, field, 'to-chat');
}

function need(template: Template | undefined, field: string, mode: string): Template {
  if (!template)
    throw new TunekitError('OPTION_INVALID', `to-chat: ${mode} needs \`${field}\``, { context: { field } });
  return template;
}

/** Picks the line builder for the configured mode (statute tasks are handled separately). */
function lineBuilder(opts: ToChatOptions): LineBuilder | undefined {
  const system = compile('system', opts.system);
  const user = compile('user', opts.user);
  const assistant = compile('assistant', opts.assistant);
  if (opts.completion) {
    const c = opts.completion;
    const t = {
      ...c,
      prompt: compileTemplate(c.prompt, 'completion.prompt'),
      completion: compileTemplate(c.completion, 'completion.completion'),
    };
    return (data) => completionLine(t, data);
  }
  if (opts.preference) {
    const t = {
      system,
      user: need(user, 'user', 'preference'),
      chosen: compileTemplate(opts.preference.chosen, 'preference.chosen'),
      rejected: compileTemplate(opts.preference.rejected, 'preference.rejected'),
    };
    return (data) => preferenceLine(t, data);
  }
  if (opts.turns) {
    const turns = opts.turns;
    return (data) => turnsLine(system, turns, data);
  }
  if (user || assistant) {
    const t = {
      system,
      user: need(user, 'user', 'a chat line'),
      assistant: need(assistant, 'assistant', 'a chat line'),
    };
    return (data) => chatLine(t, data);
  }
  return undefined;
}

function output(record: DataRecord, data: unknown, group: string | undefined, id = record.id): DataRecord {
  const out: DataRecord = { id, source: record.source, data, meta: record.meta };
  if (group !== undefined) out.group = group;
  return out;
}

function createToChat(opts: ToChatOptions): Step {
  const build = lineBuilder(opts);
  const group = compile('group', opts.group);
  const system = compile('system', opts.system);
  const tasks = opts.tasks;
  if (!build && !tasks && !opts.pass_through) {
    throw new TunekitError(
      'OPTION_INVALID',
      'to-chat: give user/assistant templates, turns, preference, completion or tasks',
      {
        context: { field: 'with' },
      },
    );
  }
  const groupOf = (record: DataRecord) => (group ? render(group, record.data) : record.group);

  if (tasks) return statuteTaskStep({ tasks, system, groupOf });

  const watch = new AbsentFieldWatch((field) => templateOptionOf(opts, field));
  return {
    specVersion: 'v1',
    map(record, ctx) {
      try {
        const existing = opts.pass_through ? existingLine(record.data) : undefined;
        if (existing) return output(record, existing, groupOf(record));
        if (!build) {
          ctx.reject(record, 'not_a_chat_line', {
            message: 'row is not a chat line and no templates are configured',
            line: record.source.line,
          });
          return undefined;
        }
        const line = build(record.data);
        if (line && typeof line === 'object' && 'problem' in line) {
          ctx.reject(record, 'completion_convention', { message: String(line.problem), line: record.source.line });
          return undefined;
        }
        const shaped = output(record, line, groupOf(record));
        watch.shapedOne();
        return shaped;
      } catch (error) {
        return rejectShaping(error, record, ctx, watch);
      }
    },
    flush(ctx) {
      watch.judge(ctx.step, true);
      return undefined;
    },
  };
}

/** The template option whose slots name `field` (for the error that says no record has it). */
function templateOptionOf(opts: ToChatOptions, field: string): string | undefined {
  const sources: [string, string | undefined][] = [
    ['system', opts.system],
    ['user', opts.user],
    ['assistant', opts.assistant],
    ['group', opts.group],
    ['preference.chosen', opts.preference?.chosen],
    ['preference.rejected', opts.preference?.rejected],
    ['completion.prompt', opts.completion?.prompt],
    ['completion.completion', opts.completion?.completion],
  ];
  return sources.find(([, source]) => source !== undefined && compileTemplate(source, '').fields.includes(field))?.[0];
}

export const toChatStep = defineStep({
  id: 'to-chat',
  role: 'transform',
  description:
    'Shapes rows into OpenAI training lines: chat, multi-turn, preference (DPO), prompt/completion, or statute Q&A tasks.',
  options,
  create: (opts) => createToChat(opts),
});
