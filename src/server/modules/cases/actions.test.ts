/**
 * The actions' outcomes computed without a database: a case, its parties, a command and a fake read
 * port in; columns, writes, notifications, transition and history entry out — nothing written.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../people/actor.ts';
import type { ActionContext, ActionReads } from './action-types.ts';
import { runAction, suggestFinalDifficulty } from './actions.ts';
import type { WorkingTime } from './ports.ts';
import type { CaseWithPaths, PartyRow } from './repository.ts';

const NOW = new Date('2026-03-10T02:00:00.000Z');
const MINUTE = 60_000;

/** Working time on a plain 24-hour clock: one working minute is one minute. */
const wt = {
  addMinutes: (from: Date, minutes: number) => new Date(from.getTime() + minutes * MINUTE),
  minutesBetween: (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / MINUTE),
  workdayMinutes: 480,
} as unknown as WorkingTime;

function caseRow(over: Partial<CaseWithPaths> = {}): CaseWithPaths {
  return {
    id: 'case-1',
    case_no: '20260310-00001',
    title: '牧道被占',
    description: 'd',
    case_type: 'land',
    source: 'resident_app',
    reporter_id: 'herder',
    anonymous: 0,
    contact_phone_enc: null,
    lng: 109,
    lat: 38,
    grid_id: 'grid',
    level: 2,
    handling_area_id: 'gacha',
    status: 'handling',
    suspended_from: null,
    suspended_at: null,
    difficulty: 'general',
    final_difficulty: null,
    dispatcher_id: 'dispatcher',
    assigned_due_at: null,
    step: 'handle',
    step_seq: 3,
    step_started_at: '2026-03-09T02:00:00.000Z',
    step_due_at: '2026-03-12T02:00:00.000Z',
    supervised: 0,
    overdue: 0,
    rework_count: 1,
    extension_count: 2,
    sent_back_count: 0,
    satisfaction: null,
    result: null,
    merged_into: null,
    resolved_level: null,
    created_at: '2026-03-01T00:00:00.000Z',
    updated_at: '2026-03-09T02:00:00.000Z',
    closed_at: null,
    version: 4,
    grid_path: '/c/t/g/grid/',
    handling_path: '/c/t/g/',
    ...over,
  };
}

function party(id: string, over: Partial<PartyRow>): PartyRow {
  return {
    id,
    case_id: 'case-1',
    user_id: null,
    department_id: null,
    kind: 'handler',
    level: 2,
    active: 1,
    created_at: '2026-03-09T00:00:00.000Z',
    accepted_at: null,
    reported_at: null,
    result: null,
    ...over,
  };
}

function actor(userId: string, departmentId: string | null = null): Actor {
  return {
    userId,
    username: userId,
    displayName: userId,
    assignments: departmentId
      ? [
          {
            role: 'department_handler',
            areaId: null,
            areaPath: null,
            areaDepth: null,
            departmentId,
            title: null,
          },
        ]
      : [],
  };
}

const unexpected = () => {
  throw new Error('unexpected read');
};

function reads(over: Partial<ActionReads> = {}): ActionReads {
  return {
    caseType: unexpected,
    caseWithParties: unexpected,
    activeUserIds: async (ids) => ids,
    departmentIds: async (ids) => ids,
    route: unexpected,
    departmentMembers: async (ids) => ids.map((d) => `member-of-${d}`),
    usersWithRole: async (roles, path) => roles.map((r) => `${r}@${path}`),
    activeHandlerUsers: async (parties) => parties.filter((p) => p.active === 1).map((p) => p.user_id ?? '?'),
    pendingRequest: async () => undefined,
    handlingArea: async (level) => ({ id: `area-${level}`, path: `/c/level-${level}/` }),
    ...over,
  };
}

function ctx(over: Partial<ActionContext> = {}): ActionContext {
  return {
    actor: actor('worker'),
    c: caseRow(),
    parties: [],
    now: NOW,
    wt,
    read: reads(),
    newId: () => 'new-id',
    ...over,
  };
}

describe('dispatch', () => {
  it('at level 5 assigns the departments jointly, tells their members, and keeps the due time', async () => {
    const out = await runAction(
      ctx({ actor: actor('leader'), c: caseRow({ level: 5, status: 'registered' }) }),
      'dispatch',
      {
        departmentIds: ['natres', 'forestry', 'natres'],
        dueAt: '2026-03-20T00:00:00Z',
      },
    );
    expect(out.writes).toEqual([
      { op: 'add_parties', level: 5, kind: 'joint', userIds: [], departmentIds: ['natres', 'forestry'] },
    ]);
    expect(out.patch).toEqual({ dispatcher_id: 'leader', assigned_due_at: '2026-03-20T00:00:00.000Z' });
    expect(out.notices?.[0]?.users).toEqual(['member-of-natres', 'member-of-forestry']);
    expect(out.event).toMatchObject({ type: 'dispatched', payload: { joint: true, routed: false } });
  });

  it('at level 4 with nobody named routes by case type', async () => {
    const out = await runAction(
      ctx({ c: caseRow({ level: 4 }), read: reads({ route: async (type) => [`dept-for-${type}`] }) }),
      'dispatch',
      {},
    );
    expect(out.writes).toEqual([
      { op: 'add_parties', level: 4, kind: 'handler', userIds: [], departmentIds: ['dept-for-land'] },
    ]);
    expect(out.event.payload).toMatchObject({ routed: true });
  });

  it('refuses an unknown handler before writing anything', async () => {
    const read = reads({ activeUserIds: async () => [] });
    await expect(runAction(ctx({ read }), 'dispatch', { handlerIds: ['ghost'] })).rejects.toMatchObject({
      key: 'ref.no_such_user',
    });
  });
});

describe('escalate', () => {
  it('moves the case one level up, releases its handlers and tells the new dispatchers', async () => {
    const out = await runAction(ctx(), 'escalate', { reason: 'beyond_capacity', note: '跨嘎查' } as never);
    expect(out.patch).toEqual({
      level: 3,
      handling_area_id: 'area-3',
      dispatcher_id: null,
      assigned_due_at: null,
    });
    expect(out.writes).toEqual([{ op: 'deactivate_parties' }]);
    expect(out.notices?.[0]).toMatchObject({
      kind: 'escalated',
      message: { params: { level: 3, note: '跨嘎查' } },
    });
    expect(out.notices?.[0]?.users.length).toBeGreaterThan(0);
  });

  it('refuses at the top level', async () => {
    await expect(
      runAction(ctx({ c: caseRow({ level: 5 }) }), 'escalate', {
        reason: 'beyond_capacity',
        note: 'x',
      } as never),
    ).rejects.toMatchObject({ key: 'case.top_level' });
  });
});

describe('requests', () => {
  const pending = { id: 'req-7', requested_by: 'worker', reason: '等材料', amount: 24 };

  it('approving an extension moves the due time by the hours asked, on working time', async () => {
    const read = reads({ pendingRequest: async (kind) => (kind === 'extension' ? pending : undefined) });
    const out = await runAction(ctx({ actor: actor('chief'), read }), 'approve_extension', {});
    expect(out.patch).toEqual({ step_due_at: '2026-03-13T02:00:00.000Z', extension_count: 3 });
    expect(out.writes).toEqual([{ op: 'decide_request', id: 'req-7', decision: 'approved', by: 'chief' }]);
    expect(out.clock).toEqual({ kind: 'reschedule' });
  });

  it('a second extension request while one is pending is a conflict', async () => {
    const read = reads({ pendingRequest: async () => pending });
    await expect(
      runAction(ctx({ read }), 'request_extension', { hours: 8, reason: 'r' }),
    ).rejects.toMatchObject({
      key: 'case.extension_pending',
    });
  });

  it('a void request files a request with a new id by the actor', async () => {
    const out = await runAction(ctx(), 'request_void', { reason: '重复' });
    expect(out.writes).toEqual([
      { op: 'file_request', id: 'new-id', kind: 'void', requestedBy: 'worker', reason: '重复', amount: null },
    ]);
  });

  it('resuming shifts the step by the time spent suspended and returns to the earlier status', async () => {
    const c = caseRow({
      status: 'suspended',
      suspended_from: 'dispatched',
      suspended_at: '2026-03-10T00:00:00.000Z',
    });
    const out = await runAction(ctx({ c }), 'resume', {});
    expect(out.transition).toEqual({ suspendedFrom: 'dispatched' });
    expect(out.patch).toMatchObject({
      step_started_at: '2026-03-09T04:00:00.000Z',
      step_due_at: '2026-03-12T04:00:00.000Z',
    });
    expect(out.event.payload).toMatchObject({ stoppedWorkingMinutes: 120 });
  });
});

describe('joint parts', () => {
  const parties = [
    party('p-natres', {
      department_id: 'natres',
      kind: 'joint',
      level: 5,
      accepted_at: '2026-03-09T05:00:00Z',
    }),
    party('p-forestry', {
      department_id: 'forestry',
      kind: 'joint',
      level: 5,
      accepted_at: '2026-03-09T05:00:00Z',
    }),
  ];
  const c = caseRow({ level: 5 });

  it('the first department to report marks its part only and the case waits', async () => {
    const out = await runAction(ctx({ actor: actor('n1', 'natres'), c, parties }), 'feedback', {
      result: '已勘界',
    });
    expect(out.transition).toEqual({ partsOutstanding: true });
    expect(out.writes).toEqual([{ op: 'mark_reported', partyIds: ['p-natres'], result: '已勘界' }]);
    expect(out.notices).toBeUndefined();
  });

  it('the last department to report makes the case carry every part', async () => {
    const done = [
      parties[0] as PartyRow,
      { ...(parties[1] as PartyRow), reported_at: '2026-03-10T01:00:00Z' },
    ];
    const out = await runAction(ctx({ actor: actor('n1', 'natres'), c, parties: done }), 'feedback', {
      result: '已勘界',
    });
    expect(out.transition).toEqual({ partsOutstanding: false });
    expect(out.writes).toEqual([
      { op: 'mark_reported', partyIds: ['p-natres'], result: '已勘界' },
      { op: 'combine_result' },
    ]);
    expect(out.notices?.[0]?.kind).toBe('to_verify');
  });

  it('one department sending back leaves the others their part', async () => {
    const out = await runAction(ctx({ actor: actor('f1', 'forestry'), c, parties }), 'send_back', {
      reason: '非本局',
    });
    expect(out.writes).toEqual([{ op: 'deactivate_parts', partyIds: ['p-forestry'] }]);
    expect(out.patch).toEqual({ sent_back_count: 1 });
    expect(out.notices?.[0]?.users).toEqual(['dispatcher']);
  });
});

describe('closing', () => {
  it('an unsatisfied return visit reopens the case for rework', async () => {
    const parties = [party('p1', { user_id: 'worker', accepted_at: 'x', reported_at: 'y' })];
    const out = await runAction(ctx({ parties }), 'visit', {
      satisfied: false,
      rating: 2,
      comment: '没修好',
    });
    expect(out.transition).toEqual({ satisfied: false });
    expect(out.patch).toEqual({ satisfaction: 'unsatisfied', rework_count: 2, resolved_level: null });
    expect(out.writes).toEqual([{ op: 'clear_reports' }]);
    expect(out.notices?.[0]).toMatchObject({ users: ['worker'], kind: 'reopened' });
  });

  it('closing without a difficulty records the one the case earned', async () => {
    const out = await runAction(ctx({ c: caseRow({ level: 3 }) }), 'close', {});
    expect(out.patch).toMatchObject({ final_difficulty: 'difficult', closed_at: NOW.toISOString() });
    expect(out.writes).toEqual([{ op: 'deactivate_parties' }, { op: 'close_supervision_orders' }]);
  });

  it('supervision opens an order by the inspector, due after the working days given', async () => {
    const out = await runAction(ctx({ actor: actor('inspector') }), 'supervise', {
      reason: '拖延',
      dueInWorkdays: 3,
    });
    const dueAt = new Date(NOW.getTime() + 3 * 480 * MINUTE).toISOString();
    expect(out.writes).toEqual([
      { op: 'open_supervision_order', id: 'new-id', inspectorId: 'inspector', reason: '拖延', dueAt },
    ]);
    expect(out.supervisionDue).toEqual({ orderId: 'new-id', dueAt });
  });

  it('suggests a difficulty from the level reached and the time taken', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    expect(suggestFinalDifficulty(1, created, new Date('2026-01-05T00:00:00Z'), 'simple')).toBe('simple');
    expect(suggestFinalDifficulty(2, created, new Date('2026-01-05T00:00:00Z'), 'simple')).toBe('general');
    expect(suggestFinalDifficulty(1, created, new Date('2026-06-05T00:00:00Z'), 'simple')).toBe(
      'long_pending',
    );
  });
});
