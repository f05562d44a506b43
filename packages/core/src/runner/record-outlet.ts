import { join } from 'node:path';
import type { DataRecord } from '../contracts/record.js';
import type { WrittenFile } from '../run-folder/atomic-writer.js';
import { StepOrderedLines } from '../run-folder/step-ordered-lines.js';
import type { RecordOutlet } from './step-context.js';

/**
 * rejects.jsonl and duplicates.jsonl of a run: each line keeps the step, the reason, the source and the record. Lines
 * are in the order of the chain's steps (`steps`, names in chain order), then in each step's own order.
 */
export class RunFolderOutlet implements RecordOutlet {
  private readonly rejects: StepOrderedLines;
  private readonly duplicates: StepOrderedLines;
  private failure: unknown;
  readonly sourceFiles = new Set<string>();

  constructor(runDir: string, steps: readonly string[]) {
    const rank = (step: string) => {
      const index = steps.indexOf(step);
      return index < 0 ? steps.length : index;
    };
    this.rejects = new StepOrderedLines(join(runDir, 'rejects.jsonl'), rank);
    this.duplicates = new StepOrderedLines(join(runDir, 'duplicates.jsonl'), rank);
  }

  private write(writer: StepOrderedLines, step: string, value: unknown): void {
    writer.writeJson(step, value)?.catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  reject(step: string, record: DataRecord, code: string, detail: { message: string; [key: string]: unknown }): void {
    this.sourceFiles.add(record.source.file);
    const { message, ...where } = detail;
    this.write(this.rejects, step, {
      step,
      code,
      message,
      ...where,
      id: record.id,
      ...(record.parents && { parents: record.parents }),
      source: record.source,
      record: record.data,
    });
  }

  discard(
    step: string,
    record: DataRecord,
    reason: string,
    detail: { keptId?: string; similarity?: number; [key: string]: unknown },
  ): void {
    this.sourceFiles.add(record.source.file);
    const { keptId, similarity, ...rest } = detail;
    this.write(this.duplicates, step, {
      step,
      reason,
      id: record.id,
      kept_id: keptId,
      similarity,
      ...rest,
      source: record.source,
      record: record.data,
    });
  }

  async commit(): Promise<{ rejects: WrittenFile; duplicates: WrittenFile }> {
    if (this.failure) throw this.failure;
    return { rejects: await this.rejects.commit(), duplicates: await this.duplicates.commit() };
  }

  async abort(): Promise<void> {
    await Promise.all([this.rejects.abort(), this.duplicates.abort()]);
  }
}
