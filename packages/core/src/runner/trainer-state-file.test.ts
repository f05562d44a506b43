import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TunekitError } from '../errors.js';
import { readTrainerStateFile, secretFreeProviders } from './trainer-state-file.js';

describe('readTrainerStateFile', () => {
  it('names a folder in the place of trainer-state.json in one line (RUN_FOLDER_INVALID)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainer-state-'));
    mkdirSync(join(dir, 'trainer-state.json'));
    const error = await readTrainerStateFile(dir).catch((e: unknown) => e);
    expect(TunekitError.is(error, 'RUN_FOLDER_INVALID') && error.render()).toBe(
      `${join(dir, 'trainer-state.json')}: cannot read trainer-state.json: is a folder`,
    );
  });
});

describe('secretFreeProviders', () => {
  it('drops headers, logins and credential query parameters; leaves other URLs as they are', () => {
    const clean = secretFreeProviders({
      openai: { api_key_env: 'OPENAI_API_KEY' },
      local: { base_url: 'http://127.0.0.1:8000/v1', headers: { Authorization: 'Bearer sk-secret' } },
      proxy: { base_url: 'https://bob:hunter2@llm.example.com/v1?api-key=sk-secret&region=eu&sig=abc' },
      azure: {
        azure: { endpoint: 'https://res.openai.azure.com?access_token=tok', api_version: '2025-04-01-preview' },
      },
    });
    expect(clean).toEqual({
      openai: { api_key_env: 'OPENAI_API_KEY' },
      local: { base_url: 'http://127.0.0.1:8000/v1' },
      proxy: { base_url: 'https://llm.example.com/v1?region=eu' },
      azure: { azure: { endpoint: 'https://res.openai.azure.com/', api_version: '2025-04-01-preview' } },
    });
    expect(JSON.stringify(clean)).not.toMatch(/sk-secret|hunter2|bob|tok\b|abc/);
  });
});
