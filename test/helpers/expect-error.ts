import { TunekitError } from '@tunekit/core';
import { expect } from 'vitest';

/** Awaits `promise`, expects it to reject with a TunekitError of `code` rendered in one line, and returns the error. */
export async function expectTunekitError(promise: Promise<unknown>, code: string): Promise<TunekitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(TunekitError.is(error), `expected TunekitError ${code}, got ${String(error)}`).toBe(true);
  expect((error as TunekitError).code).toBe(code);
  expect((error as TunekitError).render()).not.toMatch(/\n/);
  return error as TunekitError;
}
