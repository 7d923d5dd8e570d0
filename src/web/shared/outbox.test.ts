import { beforeAll, describe, expect, it, vi } from 'vitest';

// api.ts (imported by the outbox) reads localStorage when loaded: a small one stands in for the browser's.
vi.stubGlobal('localStorage', {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
});
let outcomeOf: typeof import('./outbox.ts').outcomeOf;
beforeAll(async () => {
  ({ outcomeOf } = await import('./outbox.ts'));
});

const answer = (status: number) => new Response(null, { status });

describe('the outbox retry policy', () => {
  it('keeps a request waiting when the network or the server failed, or the person must sign in again', () => {
    for (const status of [500, 502, 503, 401, 408, 429]) expect(outcomeOf(answer(status))).toBe('later');
    expect(outcomeOf('no-network')).toBe('later');
  });

  it('marks the request sent on 2xx and refused for good on any other answer', () => {
    expect(outcomeOf(answer(200))).toBe('sent');
    expect(outcomeOf(answer(201))).toBe('sent');
    for (const status of [400, 403, 404, 409, 413, 422]) expect(outcomeOf(answer(status))).toBe('refused');
  });
});
