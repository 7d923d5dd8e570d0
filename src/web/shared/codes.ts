/**
 * The closed sets of codes the API sends (from its OpenAPI document), so the apps can make sure at
 * compile time that each has a label: a code without one would reach a screen raw (issue 7 #13).
 */
import type { components } from './api-types.ts';

/** Every history event type (the server's event catalogue). */
export type EventType = components['schemas']['CaseHistoryEntry']['type'];
/** Every workflow action a case may offer. */
export type ActionName = components['schemas']['Case']['allowedActions'][number];

/**
 * The label keys `<prefix>.<code>` a dictionary lacks. Use as `Record<MissingLabels<…>, true> = {}`:
 * with none missing that is `{}`; otherwise the compiler names each missing key.
 */
export type MissingLabels<Key extends string, Prefix extends string, Code extends string> = Exclude<
  `${Prefix}.${Code}`,
  Key
>;
