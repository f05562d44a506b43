import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleReferencePages } from '../packages/cli/src/commands/docs.js';
import { REPO_ROOT } from './helpers/temp-dir.js';

describe('docs/reference', () => {
  it("matches what the plugins' schemas generate (run `npx tunekit docs --write` when this fails)", async () => {
    expect(await staleReferencePages(join(REPO_ROOT, 'docs/reference'))).toEqual([]);
  });
});
