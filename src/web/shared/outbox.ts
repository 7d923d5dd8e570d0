/**
 * The offline outbox (for pastoral areas with no signal): every write is stored on the phone first
 * (IndexedDB through Dexie) with an idempotency key, then sent in order when the network allows.
 * The server honours `Idempotency-Key`, so a request whose answer was lost is replayed safely:
 * nothing is lost and nothing is duplicated. An explicit outbox, not Background Sync (not on iOS).
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { api } from './api.ts';
import type { paths } from './api-types.ts';
import { type ServerMessage, serverText } from './messages.ts';

/** The routes a phone may queue: a new report, an action on a case, a photo of a case. */
export type QueuedPath = Extract<
  keyof paths,
  '/api/v1/cases' | `/api/v1/cases/{id}/actions/${string}` | '/api/v1/cases/{id}/photos'
>;

/** The JSON body the generated API types give a queued route's POST. */
export type QueuedBody<P extends QueuedPath> = paths[P]['post'] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** A stored request's path and query parameters (`id` may be {@link NEW_CASE} until its case exists). */
export interface QueuedParams {
  path?: { id: string };
  query?: { kind: string };
}

/** The placeholder for the case a queued report creates: filled with its id once it went through. */
export const NEW_CASE = '{caseId}';

export type OutboxStatus = 'waiting' | 'sending' | 'sent' | 'refused';

export interface OutboxItem {
  /** Also the Idempotency-Key sent to the server. */
  id: string;
  /** Order of creation (the outbox sends strictly in this order). */
  seq: number;
  /** What the person did, in their words, for the list of waiting/sent/refused items. */
  label: string;
  /** The API route (a template of the generated client's paths) and its parameters. */
  path: QueuedPath;
  params: QueuedParams;
  body: unknown;
  /**
   * The earlier item whose created resource this one needs (a photo of a report not yet sent):
   * a {@link NEW_CASE} id becomes that item's answered `id`; when it was refused, so is this one.
   */
  after?: string;
  status: OutboxStatus;
  createdAt: string;
  sentAt?: string;
  /** The server's answer: the created/changed resource, or its error message when refused. */
  response?: unknown;
  error?: string;
}

class OutboxDb extends Dexie {
  items!: EntityTable<OutboxItem, 'id'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ items: 'id, seq, status' });
    // Version 2 stores a route and its parameters instead of a URL: requests a phone queued before
    // the update are rewritten once, so none is lost.
    this.version(2)
      .stores({ items: 'id, seq, status' })
      .upgrade((tx: Transaction) =>
        tx
          .table('items')
          .toCollection()
          .modify((item: Partial<OutboxItem> & { url?: string; method?: string }) => {
            if (typeof item.url !== 'string') return;
            Object.assign(item, requestOfUrl(item.url));
            delete item.url;
            delete item.method;
          }),
      );
  }
}

/** The route and parameters of a URL the outbox stored before version 2. */
export function requestOfUrl(url: string): { path: QueuedPath; params: QueuedParams } {
  const [address = '', search = ''] = url.split('?');
  const kind = new URLSearchParams(search).get('kind');
  const query = kind ? { query: { kind } } : {};
  const match = /^\/api\/v1\/cases\/([^/]+)\/(actions\/\w+|photos)$/.exec(address);
  if (!match?.[1] || !match[2]) return { path: '/api/v1/cases', params: {} };
  const id = match[1] === NEW_CASE ? NEW_CASE : decodeURIComponent(match[1]);
  return { path: `/api/v1/cases/{id}/${match[2]}` as QueuedPath, params: { path: { id }, ...query } };
}

type Listener = (items: OutboxItem[]) => void;

/**
 * The one retry policy of the outbox, for actions, reports and photos alike: what an answer means
 * for a stored request. `later` (no network, server trouble, signed out, too many requests, timeout)
 * keeps it waiting to be sent again; any other refusal is final and shown to the person.
 */
export type SendOutcome = 'sent' | 'later' | 'refused';

export function outcomeOf(answer: Response | 'no-network'): SendOutcome {
  if (answer === 'no-network') return 'later';
  if (answer.ok) return 'sent';
  const { status } = answer;
  return status >= 500 || status === 401 || status === 408 || status === 429 ? 'later' : 'refused';
}

/** How often waiting requests are tried again while the phone believes it is online. */
export const RETRY_EVERY_MS = 20_000;

/**
 * Calls `send` when the network comes back and every RETRY_EVERY_MS while online: a request that
 * failed on a weak signal (the phone thought it was online) is tried again.
 */
export function retryWhileOnline(send: () => unknown): void {
  window.addEventListener('online', () => void send());
  setInterval(() => {
    if (navigator.onLine) void send();
  }, RETRY_EVERY_MS);
}

/** A request to queue: a route of the generated API with its parameters and typed body. */
export interface QueuedRequest<P extends QueuedPath> {
  label: string;
  path: P;
  params?: QueuedParams;
  body: QueuedBody<P>;
  after?: string;
}

export interface Outbox {
  /** Stores a request to send; returns the stored item (sent at once when online). */
  add<P extends QueuedPath>(request: QueuedRequest<P>): Promise<OutboxItem>;
  /** Sends waiting items in order until one cannot be sent for lack of network. */
  flush(): Promise<void>;
  list(): Promise<OutboxItem[]>;
  /** Removes items that were sent or refused (the person has seen them). */
  clearDone(): Promise<void>;
  subscribe(listener: Listener): () => void;
}

function newKey(): string {
  return crypto.randomUUID();
}

/** Creates the outbox of one app (`name` keeps the resident and worker apps apart). */
export function createOutbox(name: string): Outbox {
  const db = new OutboxDb(`zhizhi-outbox-${name}`);
  const listeners = new Set<Listener>();
  let flushing: Promise<void> | undefined;

  async function notify(): Promise<void> {
    const items = await db.items.orderBy('seq').toArray();
    for (const l of listeners) l(items);
  }

  /** The parameters to send `item` with, or the reason it cannot be sent (its earlier item was refused). */
  async function paramsOf(item: OutboxItem): Promise<{ params: QueuedParams } | { refused: string }> {
    if (!item.after) return { params: item.params };
    const earlier = await db.items.get(item.after);
    if (earlier?.status === 'refused')
      return { refused: earlier.error ?? 'the item it belongs to was refused' };
    if (item.params.path?.id !== NEW_CASE) return { params: item.params };
    const id = (earlier?.response as { id?: unknown } | undefined)?.id;
    if (earlier?.status !== 'sent' || typeof id !== 'string') {
      return { refused: 'the item it belongs to was not accepted' };
    }
    return { params: { ...item.params, path: { id } } };
  }

  async function sendOne(item: OutboxItem): Promise<'done' | 'offline'> {
    const target = await paramsOf(item);
    if ('refused' in target) {
      await db.items.update(item.id, {
        status: 'refused',
        sentAt: new Date().toISOString(),
        error: target.refused,
      });
      return 'done';
    }
    await db.items.update(item.id, { status: 'sending' });
    let response: Response;
    let body: { error?: ServerMessage } | undefined;
    try {
      // Through the typed client (signed in by the session cookie). The stored route, parameters and
      // body were typed when the request was queued; read back from IndexedDB they are plain data.
      const answer = await api.POST(item.path as '/api/v1/cases', {
        params: target.params as never,
        body: item.body as QueuedBody<'/api/v1/cases'>,
        headers: { 'idempotency-key': item.id },
      });
      response = answer.response;
      body = (answer.data ?? answer.error) as { error?: ServerMessage } | undefined;
    } catch {
      await db.items.update(item.id, { status: 'waiting' });
      return 'offline';
    }
    const outcome = outcomeOf(response);
    if (outcome === 'sent') {
      await db.items.update(item.id, { status: 'sent', sentAt: new Date().toISOString(), response: body });
    } else if (outcome === 'later') {
      // Not the request's fault: keep it and try again later (after signing in again for a 401).
      await db.items.update(item.id, {
        status: 'waiting',
        error: serverText(body?.error) || response.statusText,
      });
      return 'offline';
    } else {
      await db.items.update(item.id, {
        status: 'refused',
        sentAt: new Date().toISOString(),
        error: serverText(body?.error) || response.statusText,
        response: body,
      });
    }
    return 'done';
  }

  async function flushNow(): Promise<void> {
    for (;;) {
      const next = await db.items.where('status').anyOf('waiting', 'sending').sortBy('seq');
      const item = next[0];
      if (!item) break;
      const result = await sendOne(item);
      await notify();
      if (result === 'offline') break;
    }
  }

  const outbox: Outbox = {
    async add(request) {
      const last = await db.items.orderBy('seq').last();
      const item: OutboxItem = {
        id: newKey(),
        seq: (last?.seq ?? 0) + 1,
        label: request.label,
        path: request.path,
        params: request.params ?? {},
        body: request.body,
        ...(request.after ? { after: request.after } : {}),
        status: 'waiting',
        createdAt: new Date().toISOString(),
      };
      await db.items.add(item);
      await notify();
      if (navigator.onLine) void outbox.flush();
      return item;
    },
    flush() {
      flushing ??= flushNow().finally(() => {
        flushing = undefined;
      });
      return flushing;
    },
    list: () => db.items.orderBy('seq').toArray(),
    async clearDone() {
      // An item still waiting may need the answer of the one it follows: that one stays.
      const pending = await db.items.where('status').anyOf('waiting', 'sending').toArray();
      const needed = new Set(pending.flatMap((i) => (i.after ? [i.after] : [])));
      await db.items
        .where('status')
        .anyOf('sent', 'refused')
        .filter((i) => !needed.has(i.id))
        .delete();
      await notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      void notify();
      return () => listeners.delete(listener);
    },
  };
  retryWhileOnline(() => outbox.flush());
  return outbox;
}
