import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { withScopedSignal } from './scoped-signal.js';

describe('withScopedSignal', () => {
  it('leaves no listener on the parent, however many requests ran', async () => {
    const parent = new AbortController().signal;
    for (let i = 0; i < 50; i++) {
      await withScopedSignal(parent, async (signal) => signal.addEventListener('abort', () => {}));
    }
    expect(getEventListeners(parent, 'abort')).toHaveLength(0);
  });

  it('forwards an abort of the parent, also one that happened before', async () => {
    const controller = new AbortController();
    const seen = await withScopedSignal(controller.signal, async (signal) => {
      controller.abort();
      return signal.aborted;
    });
    expect(seen).toBe(true);
    expect(await withScopedSignal(controller.signal, async (signal) => signal.aborted)).toBe(true);
  });
});
