/** Where a record came from. Ids are derived from it, so they are stable across runs. */
export interface SourceLocation {
  file: string;
  line?: number;
  offset?: number;
}

/**
 * What flows through dataset steps. Sources yield rows (`data` = fields); `to-chat` yields examples
 * (`data` = one OpenAI-format training line).
 */
export interface DataRecord<D = unknown> {
  readonly specVersion?: 'v1';
  id: string;
  source: SourceLocation;
  /** Key that keeps related records on one side of the train/validation split (a document, a law, a case). */
  group?: string;
  data: D;
  meta: { [key: string]: unknown };
  /** Set by fan-out steps: the ids of the input records this record was made from. */
  parents?: string[];
}

/**
 * A stable record id: `<file>:<line>` or `<file>@<offset>`, with an optional suffix. `<file>` is the path as the
 * pipeline names it (relative to the pipeline file, `/` separators, no leading `./`), so two files of the same name
 * in different folders never share ids.
 */
export function recordId(source: SourceLocation, suffix?: string | number): string {
  const base = source.file.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '');
  const position =
    source.line !== undefined ? `:${source.line}` : source.offset !== undefined ? `@${source.offset}` : '';
  return suffix === undefined ? `${base}${position}` : `${base}${position}#${suffix}`;
}
