import { describe, expect, it } from 'vitest';
import { bearerOf, openAiPath } from './azure-paths.js';

describe('Azure OpenAI paths', () => {
  it('maps the dated API, deployments and the v1 API onto the OpenAI routes', () => {
    expect(openAiPath('/openai/fine_tuning/jobs')).toBe('/v1/fine_tuning/jobs');
    expect(openAiPath('/openai/deployments/legal-ft/chat/completions')).toBe('/v1/chat/completions');
    expect(openAiPath('/openai/v1/fine_tuning/jobs')).toBe('/v1/fine_tuning/jobs');
    expect(openAiPath('/openai/v1/chat/completions')).toBe('/v1/chat/completions');
    expect(openAiPath('/v1/files')).toBe('/v1/files');
  });

  it("takes Azure's api-key header as a bearer token", () => {
    expect(bearerOf(undefined, 'k')).toBe('Bearer k');
    expect(bearerOf('Bearer a', 'k')).toBe('Bearer a');
    expect(bearerOf(undefined, undefined)).toBeUndefined();
  });
});
