import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache.js';

const response = (text: string) => ({ text, latencyMs: 1 });

describe('ResponseCache after a killed run', () => {
  it('keeps the first response recorded after a torn last line', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'tunekit-cache-')), 'responses.jsonl');
    const first = await ResponseCache.open(path, true);
    first.put('a', response('A'));
    await first.close();
    await appendFile(path, '{"key":"b","response":{"te');
    const second = await ResponseCache.open(path, true);
    expect(second.get('a')?.text).toBe('A');
    second.put('c', response('C'));
    await second.close();
    const third = await ResponseCache.open(path, true);
    expect(third.get('c')?.text).toBe('C');
    expect(third.size).toBe(2);
    await third.close();
    expect((await readFile(path, 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
  });
});
