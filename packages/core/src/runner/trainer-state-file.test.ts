import { describe, expect, it } from 'vitest';
import { secretFreeProviders } from './trainer-state-file.js';

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
