import { join } from 'node:path';
import type { DataRecord } from '../contracts/record.js';
import { AtomicLineWriter, type WrittenFile } from '../run-folder/atomic-writer.js';
import type { RecordOutlet } from './step-context.js';

/** rejects.jsonl and duplicates.jsonl of a run: each line keeps the step, the reason, the source and the record. */
export class RunFolderOutlet implements RecordOutlet {
  private readonly rejects: AtomicLineWriter;
  private readonly duplicates: AtomicLineWriter;
  private failure: unknown;
  readonly sourceFiles = new Set<string>();

  constructor(runDir: string) {
    this.rejects = new AtomicLineWriter(join(runDir, 'rejects.jsonl'));
    this.duplicates = new AtomicLineWriter(join(runDir, 'duplicates.jsonl'));
  }

  private write(writer: AtomicLineWriter, value: unknown): void {
    writer.writeJson(value)?.catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  reject(step: string, record: DataRecord, code: string, detail: { message: string; [key: string]: unknown }): void {
    this.sourceFiles.add(record.source.file);
    const { message, ...where } = detail;
    this.write(this.rejects, {
      step,
      code,
      message,
      ...where,
      id: record.id,
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
    this.write(this.duplicates, {
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
