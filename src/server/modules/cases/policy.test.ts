import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain.ts';
import type { Actor } from '../people/actor.ts';
import { authorize, authorizeReport, authorizeSource, type CaseScope, canView, listScope } from './policy.ts';

const B = '/b/';
const T = '/b/t/';
const V = '/b/t/v/';
const G = '/b/t/v/g/';
const G2 = '/b/t/v/g2/';

function actor(id: string, ...assignments: [Role, string | null, string?][]): Actor {
  return {
    userId: id,
    username: id,
    displayName: id,
    assignments: assignments.map(([role, areaPath, departmentId]) => ({
      role,
      areaId: areaPath,
      areaPath,
      areaDepth: areaPath ? areaPath.split('/').filter(Boolean).length - 1 : null,
      departmentId: departmentId ?? null,
      title: null,
    })),
  };
}

const scope = (over: Partial<CaseScope> = {}): CaseScope => ({
  status: 'registered',
  level: 1,
  gridPath: G,
  handlingAreaPath: G,
  reporterId: 'herder',
  parties: [],
  ...over,
});

const chief = actor('chief', ['grid_chief', G]);
const chief2 = actor('chief2', ['grid_chief', G2]);
const guide = actor('guide', ['grid_guide', G]);
const villageGuide = actor('vguide', ['grid_guide', V]);
const worker = actor('worker', ['grid_worker', G]);
const herder = actor('herder', ['resident', G]);
const neighbour = actor('neighbour', ['resident', G]);
const inspector = actor('insp', ['grid_inspector', T]);
const manager = actor('manager', ['grid_manager', G]);
const townOperator = actor('top', ['centre_operator', T]);
const bannerOperator = actor('bop', ['centre_operator', B]);
const leader = actor('leader', ['leader', B]);
const natres = actor('natres', ['department_handler', B, 'dept-natres']);
const T2 = '/b/t2/';
const judicialOfTown = actor('jt', ['department_handler', T, 'dept-justice']);
const judicialOfOtherTown = actor('jt2', ['department_handler', T2, 'dept-justice']);
const justiceCountyWide = actor('jc', ['department_handler', null, 'dept-justice']);

describe('case policy', () => {
  it('lets a resident see only their own cases, and staff only inside their area', () => {
    expect(canView(herder, scope()).allowed).toBe(true);
    expect(canView(neighbour, scope()).allowed).toBe(false);
    expect(canView(worker, scope()).allowed).toBe(true);
    expect(canView(chief2, scope()).allowed).toBe(false);
    expect(canView(townOperator, scope()).allowed).toBe(true);
    expect(canView(natres, scope()).allowed).toBe(false);
    expect(
      canView(
        natres,
        scope({ parties: [{ userId: null, departmentId: 'dept-natres', kind: 'handler', active: false }] }),
      ).allowed,
    ).toBe(true);
  });

  it('gives one-click dispatch to the grid chief of the handling grid only', () => {
    expect(authorize(chief, 'dispatch', scope()).allowed).toBe(true);
    expect(authorize(chief2, 'dispatch', scope()).allowed).toBe(false);
    expect(authorize(worker, 'dispatch', scope()).allowed).toBe(false);
    // at level 2 the village centre dispatches, not the grid chief
    expect(authorize(chief, 'dispatch', scope({ level: 2, handlingAreaPath: V })).allowed).toBe(false);
    expect(authorize(bannerOperator, 'dispatch', scope({ level: 4, handlingAreaPath: B })).allowed).toBe(
      true,
    );
    expect(authorize(leader, 'dispatch', scope({ level: 5, handlingAreaPath: B })).allowed).toBe(true);
    expect(authorize(bannerOperator, 'dispatch', scope({ level: 5, handlingAreaPath: B })).allowed).toBe(
      false,
    );
  });

  it('gives one-click decision to the guide at the case’s level', () => {
    expect(authorize(guide, 'verify', scope({ status: 'feedback' })).allowed).toBe(true);
    expect(authorize(villageGuide, 'verify', scope({ status: 'feedback' })).allowed).toBe(false);
    expect(authorize(villageGuide, 'escalate', scope({ level: 2, handlingAreaPath: V })).allowed).toBe(true);
    expect(authorize(chief, 'escalate', scope()).allowed).toBe(false);
  });

  it('gives supervision to inspectors whose area contains the case', () => {
    expect(authorize(inspector, 'supervise', scope()).allowed).toBe(true);
    expect(authorize(actor('other', ['grid_inspector', '/b/t2/']), 'supervise', scope()).allowed).toBe(false);
    expect(authorize(manager, 'supervise', scope()).allowed).toBe(false);
    expect(authorize(manager, 'link', scope()).allowed).toBe(true);
    expect(authorize(manager, 'remind', scope()).allowed).toBe(true);
  });

  it('lets only current handlers accept and report back', () => {
    const parties = [{ userId: 'worker', departmentId: null, kind: 'handler' as const, active: true }];
    expect(authorize(worker, 'accept', scope({ status: 'dispatched', parties })).allowed).toBe(true);
    expect(authorize(chief, 'accept', scope({ status: 'dispatched', parties })).allowed).toBe(false);
    const dept = [{ userId: null, departmentId: 'dept-natres', kind: 'joint' as const, active: true }];
    expect(
      authorize(natres, 'feedback', scope({ level: 5, handlingAreaPath: B, parties: dept })).allowed,
    ).toBe(true);
  });

  it('lets the reporter (and the centre) do the return visit', () => {
    expect(authorize(herder, 'visit', scope({ status: 'verified' }))).toEqual({
      allowed: true,
      role: 'reporter',
    });
    expect(authorize(neighbour, 'visit', scope({ status: 'verified' })).allowed).toBe(false);
    expect(authorize(townOperator, 'visit', scope({ status: 'verified' })).allowed).toBe(true);
  });

  it('lets residents report anywhere and staff only in their area', () => {
    expect(authorizeReport(herder, G2, false).allowed).toBe(true);
    expect(authorizeReport(worker, G, false).allowed).toBe(true);
    expect(authorizeReport(chief2, G, false).allowed).toBe(false);
    expect(authorizeReport(worker, G, true).allowed).toBe(true);
    expect(authorizeReport(herder, G, true).allowed).toBe(false);
  });

  it('turns the roles into a list filter', () => {
    expect(listScope(bannerOperator).all).toBe(true);
    expect(listScope(townOperator)).toMatchObject({ all: false, areaPaths: [T] });
    expect(listScope(herder)).toMatchObject({ all: false, areaPaths: [], departments: [] });
    expect(listScope(natres).departments).toEqual([{ departmentId: 'dept-natres', areaPath: B }]);
    expect(listScope(judicialOfOtherTown).departments).toEqual([
      { departmentId: 'dept-justice', areaPath: T2 },
    ]);
  });

  it('scopes a department handler by the area of their assignment (#6)', () => {
    const given = scope({
      status: 'dispatched',
      parties: [{ userId: null, departmentId: 'dept-justice', kind: 'handler', active: true }],
    });
    // 司法所 of the case's town: may see and act; 司法所 of another town (same department): may not
    expect(authorize(judicialOfTown, 'accept', given).allowed).toBe(true);
    expect(canView(judicialOfOtherTown, given).allowed).toBe(false);
    expect(authorize(judicialOfOtherTown, 'accept', given).allowed).toBe(false);
    expect(authorize(judicialOfOtherTown, 'send_back', given).allowed).toBe(false);
    expect(authorize(judicialOfOtherTown, 'feedback', { ...given, status: 'handling' }).allowed).toBe(false);
    // a department handler with no area serves the whole county
    expect(authorize(justiceCountyWide, 'accept', given).allowed).toBe(true);
  });

  it('lets only staff name a staff channel as the source of a report (#8)', () => {
    expect(authorizeSource(herder, 'resident_app').allowed).toBe(true);
    for (const s of ['hotline', 'department', 'worker_app', 'console'] as const)
      expect(authorizeSource(herder, s).allowed, s).toBe(false);
    expect(authorizeSource(townOperator, 'hotline').allowed).toBe(true);
    expect(authorizeSource(worker, 'hotline').allowed).toBe(false);
    expect(authorizeSource(worker, 'worker_app').allowed).toBe(true);
    expect(authorizeSource(natres, 'department').allowed).toBe(true);
    expect(authorizeSource(worker, 'department').allowed).toBe(false);
    expect(authorizeSource(townOperator, 'console').allowed).toBe(true);
  });
});
