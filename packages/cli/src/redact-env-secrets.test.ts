import { PassThrough } from 'node:stream';
import { redactEnvSecrets } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { cliLogger } from './commands/cli-logger.js';
import { main } from './main.js';

describe('redactEnvSecrets', () => {
  it('masks the values of credential variables, not other values nor short ones', () => {
    const env = { OPENAI_API_KEY: 'sk-proj-abcdef123456', HOME: '/home/someone', HF_TOKEN: 'short' };
    expect(redactEnvSecrets('echoed sk-proj-abcdef123456 in /home/someone, short', env)).toBe(
      'echoed ***OPENAI_API_KEY*** in /home/someone, short',
    );
  });

  it('keeps a key an error quotes out of the line and the TUNEKIT_DEBUG stack', async () => {
    const key = 'sk-test-QUOTEDKEY123';
    const err: string[] = [];
    const stderr = new PassThrough();
    stderr.on('data', (chunk) => err.push(String(chunk)));
    const env = { TUNEKIT_DEBUG: '1', OPENAI_API_KEY: key };
    const io = { stdout: new PassThrough(), stderr, env, isTTY: false, color: false, exitCode: 0 };
    const code = await main(['node', 'tunekit', 'inspect', `/nonexistent/${key}.jsonl`], io);
    expect(code).toBe(2);
    const text = err.join('');
    expect(text).toContain('***OPENAI_API_KEY***');
    expect(text).toContain('ENOENT'); // the debug output is there, masked
    expect(text).not.toContain(key);
  });

  it('keeps a key out of the warnings of a run', () => {
    const err: string[] = [];
    const stderr = new PassThrough();
    stderr.on('data', (chunk) => err.push(String(chunk)));
    const env = { AZURE_OPENAI_API_KEY: 'az-QUOTEDKEY-7890' };
    const io = { stdout: new PassThrough(), stderr, env, isTTY: false, color: false, exitCode: 0 };
    cliLogger(io).warn('the proxy said: bad key az-QUOTEDKEY-7890');
    expect(err.join('')).toBe('tunekit: warning: the proxy said: bad key ***AZURE_OPENAI_API_KEY***\n');
  });
});
