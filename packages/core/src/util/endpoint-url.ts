import { z } from 'zod';
import { TunekitError } from '../errors.js';

/** A URL as messages show it: no login, no query (which some proxies use for keys). */
export function secretFreeUrl(url: string): string {
  if (!URL.canParse(url)) return '(an invalid URL)';
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/\/+$/, '');
}

/**
 * Why an endpoint URL can never work, without showing it: fetch refuses to send to a URL with a login in it
 * (`https://user:password@host/v1`), and the SDK appends its paths after a query (`…/v1?api-key=…`). Either would
 * also carry a secret into cache keys, messages and reports.
 */
export function endpointUrlProblem(url: string): { message: string; part: 'login' | 'query' } | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const shown = secretFreeUrl(url);
  if (parsed.username || parsed.password)
    return {
      part: 'login',
      message: `has a login in it (user:password@ before ${shown}); requests cannot be sent to such a URL`,
    };
  if (parsed.search)
    return {
      part: 'query',
      message: `has a query after ${shown} (?…); the client appends its paths after it, so no request could work`,
    };
  return undefined;
}

/** `endpointUrlProblem` as a one-line user error naming the pipeline field and where the key belongs. */
export function assertUsableEndpointUrl(url: string, field: string, keyEnv: string): void {
  if (!URL.canParse(url)) {
    throw new TunekitError('CONFIG_INVALID', `${field}: ${secretFreeUrl(url)} is not a valid URL`, {
      context: { field },
    });
  }
  const problem = endpointUrlProblem(url);
  if (!problem) return;
  throw new TunekitError('CONFIG_INVALID', `${field} ${problem.message}`, {
    context: {
      field,
      hint: `remove the ${problem.part}; the API key goes in the environment variable ${keyEnv}, other parameters in headers`,
    },
  });
}

/** An endpoint URL in a pipeline: one that could never work fails at load, with its location and without its text. */
export function endpointUrlSchema() {
  return z
    .string()
    .url()
    .superRefine((url, ctx) => {
      const problem = endpointUrlProblem(url);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: `${problem.message}: remove the ${problem.part} (the API key goes in the variable api_key_env names)`,
        });
    });
}
