import type { Logger } from '@tunekit/core';
import { redactEnvSecrets } from '@tunekit/core';
import { type CliIO, println } from '../io.js';

/**
 * Warnings and errors of a run go to stderr as plain lines, with the values of credential variables masked (a retry
 * warning can quote what an endpoint said); debug only with TUNEKIT_DEBUG.
 */
export function cliLogger(io: CliIO): Logger {
  const line = (level: string, message: string) =>
    println(io.stderr, `tunekit: ${level}${redactEnvSecrets(message.replace(/[\r\n]+/g, ' '), io.env)}`);
  return {
    debug: (message) => {
      if (io.env.TUNEKIT_DEBUG) line('debug: ', message);
    },
    info: (message) => line('', message),
    warn: (message) => line('warning: ', message),
    error: (message) => line('error: ', message),
  };
}
