import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ChatRequest, ChatResponse } from '@tunekit/core';
import { AppendLog } from './append-log.js';

export interface CachedResponse extends ChatResponse {
  /** Answered through the Batch API (billed at the batch discount). */
  batch?: boolean;
}

interface CacheLine {
  key: string;
  response: CachedResponse;
}

/**
 * Key of a request: the endpoint's identity (its URL, or `sandbox` for the built-in sandbox), model and the whole body.
 * Holds no secret: keys and headers are not part of it.
 */
export function cacheKey(endpoint: string, request: ChatRequest): string {
  return createHash('sha256').update(endpoint).update('\n').update(JSON.stringify(request)).digest('hex').slice(0, 40);
}

/**
 * Responses on disk as an append-only JSONL file in the run folder. A line is written as soon as its response
 * arrives, so after a crash every completed request is found again; a torn last line is skipped.
 */
export class ResponseCache {
  private constructor(
    private readonly entries: Map<string, CachedResponse>,
    private readonly log: AppendLog,
  ) {}

  /** `readExisting: false` (--no-cache) ignores what is on disk but still records fresh responses. */
  static async open(path: string, readExisting: boolean): Promise<ResponseCache> {
    const entries = new Map<string, CachedResponse>();
    if (readExisting && (await exists(path))) {
      const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
      for await (const text of lines) {
        try {
          const line = JSON.parse(text) as CacheLine;
          if (typeof line.key === 'string' && typeof line.response?.text === 'string')
            entries.set(line.key, line.response);
        } catch {
          // the torn last line of a killed run
        }
      }
    }
    return new ResponseCache(entries, await AppendLog.open(path, 'a'));
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  put(key: string, response: CachedResponse): void {
    this.entries.set(key, response);
    this.log.append({ key, response } satisfies CacheLine);
  }

  close(): Promise<void> {
    return this.log.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
