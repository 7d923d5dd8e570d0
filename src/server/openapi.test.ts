/**
 * The OpenAPI document is a contract an integrator can generate types from (issue 8 #7): every
 * response says what its status code means, no schema is left open with `additionalProperties:
 * true` or as a property-less object, and the Case has every field the presenter writes.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/app.ts';

let t: TestApp;
// biome-ignore lint/suspicious/noExplicitAny: the document is walked generically
let doc: any;
beforeAll(async () => {
  t = await createTestApp();
  doc = t.app.swagger();
});
afterAll(() => t.close());

/** Paths to every schema object in `node` that `test` picks. */
function find(node: unknown, test: (o: Record<string, unknown>) => boolean, at = ''): string[] {
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const here = test(o) ? [at] : [];
  return here.concat(Object.entries(o).flatMap(([k, v]) => find(v, test, `${at}/${k}`)));
}

describe('the OpenAPI document', () => {
  it('describes every response by what its status code means', () => {
    const generic = find(doc.paths, (o) => o.description === 'Default Response');
    expect(generic).toEqual([]);
    const login = doc.paths['/api/v1/auth/login'].post.responses;
    expect(login['429'].description).toMatch(/Retry-After/);
    expect(login['401'].description).toMatch(/signed in/);
  });

  it('leaves no object open', () => {
    const open = find(
      doc,
      (o) =>
        o.additionalProperties === true ||
        (o.type === 'object' &&
          o.properties !== undefined &&
          Object.keys(o.properties as object).length === 0),
    );
    expect(open).toEqual([]);
  });

  it('gives a type generator the whole Case', async () => {
    const types = astToString(await openapiTS(doc));
    const caseType = /\n {8}Case: \{\n([\s\S]*?)\n {8}\};/.exec(types)?.[1] ?? '';
    for (const field of [
      'contactPhone',
      'parties',
      'requests',
      'supervisionOrders',
      'grid',
      'location',
      'reporter',
    ])
      expect(caseType).toContain(`${field}:`);
    expect(caseType).not.toContain('[key: string]: unknown');
    expect(caseType).toMatch(/allowedActions: \("[a-z_]+"( \| "[a-z_]+")+\)\[\]/);
  });
});
