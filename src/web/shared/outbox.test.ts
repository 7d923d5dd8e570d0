import { beforeAll, describe, expect, it, vi } from 'vitest';

// api.ts (imported by the outbox) reads localStorage when loaded: a small one stands in for the browser's.
vi.stubGlobal('localStorage', {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
});
let outcomeOf: typeof import('./outbox.ts').outcomeOf;
let requestOfUrl: typeof import('./outbox.ts').requestOfUrl;
beforeAll(async () => {
  ({ outcomeOf, requestOfUrl } = await import('./outbox.ts'));
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

describe('requests a phone queued before the outbox stored routes', () => {
  it('become the route and parameters the typed client sends, so none is lost by an update', () => {
    expect(requestOfUrl('/api/v1/cases')).toEqual({ path: '/api/v1/cases', params: {} });
    expect(requestOfUrl('/api/v1/cases/c%2F7/actions/send_back')).toEqual({
      path: '/api/v1/cases/{id}/actions/send_back',
      params: { path: { id: 'c/7' } },
    });
    expect(requestOfUrl('/api/v1/cases/c-9/photos?kind=after')).toEqual({
      path: '/api/v1/cases/{id}/photos',
      params: { path: { id: 'c-9' }, query: { kind: 'after' } },
    });
    // A photo of a report not yet sent keeps waiting for that report's case.
    expect(requestOfUrl('/api/v1/cases/{caseId}/photos?kind=report')).toEqual({
      path: '/api/v1/cases/{id}/photos',
      params: { path: { id: '{caseId}' }, query: { kind: 'report' } },
    });
  });
});
