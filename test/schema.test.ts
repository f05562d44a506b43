import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderPipelineSchema, SCHEMA_PATH } from '@tunekit/cli';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/temp-dir.js';

describe('schema/pipeline.schema.json', () => {
  it('is generated from the same zod schemas the loader uses (run `npm run schema` when this fails)', async () => {
    const committed = await readFile(join(REPO_ROOT, SCHEMA_PATH), 'utf8');
    expect(committed).toBe(await renderPipelineSchema());
  });

  it('lists every built-in step id', async () => {
    const schema = JSON.parse(await renderPipelineSchema());
    const text = JSON.stringify(schema);
    for (const id of [
      'read-jsonl',
      'read-csv',
      'read-legal',
      'to-chat',
      'validate',
      'dedupe',
      'token-budget',
      'split',
      'trainer-openai',
    ]) {
      expect(text).toContain(`"const":"${id}"`);
    }
  });
});
