import { TunekitError } from '@tunekit/core';
import { APIConnectionError, APIError, AuthenticationError, PermissionDeniedError } from 'openai';
import type { TrainingClient } from './client.js';
import { ConnectionGaveUp, connectionReason, describe, scrubSecrets } from './retry.js';

/** Which trainer operation failed: the first contact (`attach`) has launched nothing yet. */
export type TrainerOperation = 'attach' | 'launch' | 'watch' | 'result' | 'cancel' | 'status';

/** The service's message, first line, without the SDK's leading status ("403 …") and with keys masked. */
function firstLine(text: string): string {
  return scrubSecrets((text.split(/\r?\n/)[0] ?? '').replace(/^\d{3}\s+/, '').slice(0, 300));
}

/**
 * The one place where the trainer turns what the service (or the network) said into a one-line TunekitError:
 * 401/403 → API_KEY_REJECTED, naming the provider and the variable the key came from (never the key, nor the
 * service's message for a 401, which can quote part of the key); connection failures that outlasted their retries →
 * one line naming the endpoint without credentials and what was tried: ENDPOINT_UNREACHABLE (exit 2) at the first
 * contact, when nothing is launched yet; PROVIDER_ERROR (exit 1) later; any other answer of the service with its
 * status, code and first line as PROVIDER_ERROR. Anything else passes through.
 */
export function explainApiError(
  error: unknown,
  connection: TrainingClient | undefined,
  operation: TrainerOperation,
): unknown {
  if (TunekitError.is(error) || !connection) return error;
  const { providerName, endpoint, keyEnv, keySet } = connection;
  const who = `provider \`${providerName}\` (${endpoint})`;
  if (error instanceof AuthenticationError) {
    const code = typeof error.code === 'string' ? ` ${error.code}` : '';
    const message = keySet
      ? `${who} rejected the API key in ${keyEnv} (HTTP 401${code})`
      : `${who} asks for an API key (HTTP 401${code}) and ${keyEnv} is not set`;
    return new TunekitError('API_KEY_REJECTED', message, {
      cause: error,
      context: {
        field: `providers.${providerName}.api_key_env`,
        hint: `export a valid key as ${keyEnv}, or name the variable that holds it in api_key_env`,
      },
    });
  }
  if (error instanceof PermissionDeniedError) {
    const code = typeof error.code === 'string' ? ` ${error.code}` : '';
    return new TunekitError(
      'API_KEY_REJECTED',
      `${who} refused the API key in ${keyEnv} (HTTP 403${code}): ${firstLine(error.message)}`,
      {
        cause: error,
        context: {
          field: `providers.${providerName}.api_key_env`,
          hint: `use a key (in ${keyEnv}) whose project may fine-tune, or another provider`,
        },
      },
    );
  }
  // Any other answer of the service that retries did not cure (a 404, a 5xx that lasted): one line, not a raw error.
  if (error instanceof APIError && error.status !== undefined) {
    return new TunekitError(
      'PROVIDER_ERROR',
      `${who} answered ${describe(error)} while ${operationText[operation]}: ${firstLine(error.message)}`,
      { cause: error, context: { hint: 'a rerun re-attaches to any job already launched' } },
    );
  }
  const gaveUp = error instanceof ConnectionGaveUp ? error : undefined;
  const lost = gaveUp?.cause ?? (error instanceof APIConnectionError ? error : undefined);
  if (!lost) return error;
  const tried = gaveUp
    ? ` on ${gaveUp.attempts} attempt${gaveUp.attempts === 1 ? '' : 's'} at ${gaveUp.what}`
    : ` while ${operationText[operation]}`;
  const message = `cannot reach ${who}: ${connectionReason(lost)}${tried}`;
  const field = `providers.${providerName}.base_url`;
  // The first contact, before anything is launched: an endpoint that cannot be reached is a configuration problem.
  if (operation === 'attach') {
    return new TunekitError('ENDPOINT_UNREACHABLE', message, {
      cause: error,
      context: { field, hint: 'nothing was launched; check base_url, that the server is running, and the network' },
    });
  }
  // Later the endpoint answered before (or a job exists): the connection was lost while the run went on.
  return new TunekitError('PROVIDER_ERROR', message, {
    cause: error,
    context: { field, hint: 'check the network; a rerun re-attaches to any job already launched' },
  });
}

const operationText: Record<TrainerOperation, string> = {
  attach: 'looking for a job launched earlier',
  launch: 'uploading the files and creating the job',
  watch: 'watching the job',
  result: 'collecting the result',
  cancel: 'cancelling the job',
  status: 'reading the job',
};
