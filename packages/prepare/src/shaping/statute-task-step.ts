import type { DataRecord, Step, StepContext } from '@tunekit/core';
import { AbsentFieldWatch } from './absent-field-watch.js';
import { ArticlelessWatch } from './articleless-watch.js';
import { ClosedTopics } from './closed-topics.js';
import { rejectShaping } from './shaping-reject.js';
import { type StatuteTaskOption, statuteTaskName, statuteTaskScope, taskTemplates } from './statute-tasks.js';
import { compileTemplate, MissingField, render, type Template } from './template.js';
import { type StatuteChunk, TopicArticles } from './topic-articles.js';

interface StatuteTaskSettings {
  tasks: StatuteTaskOption[];
  system: Template | undefined;
  groupOf: (record: DataRecord) => string | undefined;
}

/**
 * `to-chat` with `tasks`: each `read-legal` chunk is a parent of one piece per article task, and of the line of its
 * topic for each topic task (made when the topic's last article has passed, naming all of them as parents).
 */
export function statuteTaskStep({ tasks, system, groupOf }: StatuteTaskSettings): Step {
  // A task's templates depend only on the chunk's language: compile each source once, check the given ones now.
  const compiled = new Map<string, Template>();
  const template = (source: string, field: string): Template => {
    const cached = compiled.get(source);
    if (cached) return cached;
    const compiledNow = compileTemplate(source, field, 'to-chat');
    compiled.set(source, compiledNow);
    return compiledNow;
  };
  for (const task of tasks) {
    if (typeof task === 'string') continue;
    if (task.question) template(task.question, 'tasks.question');
    if (task.answer) template(task.answer, 'tasks.answer');
  }
  const numbered = tasks.map((task, index) => ({
    task,
    suffix: `#${index + 1}`,
    name: statuteTaskName(task),
    // A slot none of the task's lines can fill (`{{topc}}`, or `{{listing}}` in an article task) stops the run.
    watch: new AbsentFieldWatch((field) => taskOptionOf(task, index, field), false),
  }));
  const articleTasks = numbered.filter(({ task }) => statuteTaskScope(task) === 'article');
  const topicTasks = numbered.filter(({ task }) => statuteTaskScope(task) === 'topic');

  const messages = (task: StatuteTaskOption, fields: StatuteChunk) => {
    const t = taskTemplates(task, fields.law ?? '');
    const user = render(template(t.question, 'tasks.question'), fields);
    const assistant = render(template(t.answer, 'tasks.answer'), fields);
    return [
      ...(system ? [{ role: 'system', content: render(system, fields) }] : []),
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ];
  };

  /** Each task is a piece: one that cannot be built is rejected alone, the others go on. */
  const build = (tasksHere: typeof numbered, base: DataRecord, fields: StatuteChunk, ctx: StepContext) => {
    const pieces: DataRecord[] = [];
    for (const { task, suffix, name, watch } of tasksHere) {
      const piece: DataRecord = { ...base, id: `${base.id}${suffix}` };
      try {
        pieces.push({ ...piece, data: { messages: messages(task, fields) } });
        watch.shapedOne();
      } catch (error) {
        if (error instanceof MissingField) watch.missed({ ...piece, data: fields }, error, ctx.step);
        rejectShaping(error, piece, ctx, undefined, { task: name });
      }
    }
    return pieces;
  };

  const articleless = new ArticlelessWatch();
  // A `group` template slot no chunk fills rejects every chunk: one line instead.
  const groupWatch = new AbsentFieldWatch(() => 'group', false);
  let open: TopicArticles | undefined;
  let warnedSpan = false;
  // The topic's line goes with its first article's group: the split may put its other articles on the other side.
  const spansGroups = (topic: TopicArticles, record: DataRecord, group: string | undefined, ctx: StepContext) => {
    if (topic.spansGroups) return;
    topic.spansGroups = true;
    ctx.count('topics_across_groups');
    if (warnedSpan) return;
    warnedSpan = true;
    ctx.logger.warn(
      `${ctx.step}: \`${record.id}\` is in group \`${group ?? ''}\`, the first article of its topic (\`${topic.first.id}\`) in \`${topic.group ?? ''}\`: ` +
        "the topic's line goes with the first, so the split may put an article's text on both sides; group by chapter or document to keep a topic on one side",
    );
  };
  const closed = new ClosedTopics();
  const closeTopic = (ctx: StepContext): DataRecord[] => {
    if (!open) return [];
    const topic = open;
    open = undefined;
    closed.close(topic.key, topic.first.id);
    const base: DataRecord = { ...piece(topic.first, topic.group), parents: topic.parents };
    return build(topicTasks, base, topic.fields(), ctx);
  };

  return {
    specVersion: 'v1',
    fanOut: true,
    map(record, ctx) {
      const chunk = record.data as StatuteChunk;
      const isPart = chunk.part !== undefined;
      // A split article has no whole text to answer an article question with; its parts can still join a topic.
      if (chunk.article) articleless.article();
      else articleless.notArticle(record);
      if (!chunk.article || (isPart && (topicTasks.length === 0 || !chunk.topic))) {
        ctx.discard(record, chunk.article ? 'article_part' : 'not_an_article');
        return undefined;
      }
      let group: string | undefined;
      try {
        group = groupOf(record);
        groupWatch.shapedOne();
      } catch (error) {
        return rejectShaping(error, record, ctx, groupWatch);
      }
      const key = topicKey(record, chunk);
      const pieces = open && open.key !== key ? closeTopic(ctx) : [];
      if (!isPart) pieces.push(...build(articleTasks, { ...piece(record, group), parents: [record.id] }, chunk, ctx));
      if (topicTasks.length === 0) return pieces;
      if (!chunk.topic) {
        // No heading above the article: there is no topic to ask about.
        for (const { suffix, name } of topicTasks) {
          const topicless = { ...piece(record, group), id: `${record.id}${suffix}`, parents: [record.id] };
          rejectShaping(new MissingField('topic', true), topicless, ctx, undefined, { task: name });
        }
        return pieces;
      }
      if (!open && closed.has(key)) {
        const message = closed.returning(key, chunk, record.id, ctx);
        for (const { suffix, name } of topicTasks) {
          const rejected = { ...piece(record, group), id: `${record.id}${suffix}`, parents: [record.id] };
          ctx.reject(rejected, 'topic_not_contiguous', { message, line: record.source.line, task: name });
        }
        return pieces;
      }
      open ??= new TopicArticles(key, record, group);
      if (group !== open.group) spansGroups(open, record, group, ctx);
      open.add(record, chunk);
      return pieces;
    },
    flush(ctx) {
      articleless.judge(ctx.step);
      groupWatch.judge(ctx.step, true);
      const pieces = closeTopic(ctx);
      for (const { watch } of numbered) watch.judge(ctx.step, true);
      return pieces;
    },
  };
}

/** The option of a task whose template names `field`: `tasks[1].question`. */
function taskOptionOf(task: StatuteTaskOption, index: number, field: string): string | undefined {
  if (typeof task === 'string') return undefined;
  const named = (source: string | undefined) =>
    source !== undefined && compileTemplate(source, '').fields.includes(field);
  if (named(task.question)) return `tasks[${index}].question`;
  return named(task.answer) ? `tasks[${index}].answer` : undefined;
}

/** A topic is a heading of a law in one file. */
function topicKey(record: DataRecord, chunk: StatuteChunk): string {
  return `${record.source.file}\u0000${chunk.law ?? ''}\u0000${chunk.topic ?? ''}`;
}

function piece(record: DataRecord, group: string | undefined): DataRecord {
  const out: DataRecord = { id: record.id, source: record.source, data: record.data, meta: record.meta };
  if (group !== undefined) out.group = group;
  return out;
}
