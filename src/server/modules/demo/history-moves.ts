/**
 * The next step of one case in the demo's year: read where the case stands (its status and level
 * right now — a deadline job may have escalated it meanwhile), pick the person whose turn it is at
 * that level (SPEC §3, §5) and run the action through the case service, as the API would.
 */
import type { Level } from '../../../shared/domain.ts';
import { AppError } from '../../platform/errors.ts';
import type { ActionInputs } from '../cases/actions.ts';
import type { CaseService } from '../cases/service.ts';
import type { CaseAction } from '../cases/state-machine.ts';
import type { Actor } from '../people/actor.ts';
import type { HistoryWorld, LivingCase } from './history.ts';
import { levelThreeGrid } from './history-staff.ts';

export interface MoveResult {
  /** Actions run (successfully). */
  moves: number;
  /** Actions the service refused (a 4xx): the history goes on around them. */
  refused: number;
  /** Working hours until this case's next step; undefined when it is finished (or given up). */
  after?: number;
}

const NOTES = {
  reject: '经核实不属于受理范围，已向反映人解释',
  escalate: '超出本级处置权限，申请上报',
  suspend: '当事人外出务工，待其返回后继续办理（挂账）',
  sendBack: '事项不属于本人职责，退回重新派单',
  extension: '需等待相关部门出具鉴定意见',
  rework: '处置结果不完整，请补充现场照片后重新反馈',
  voidReason: '反映人撤回诉求',
  feedback: '已到现场核实并处置完毕，当事人认可',
  unsatisfied: '问题反复出现，希望彻底解决',
  satisfied: '处理及时，态度很好',
};

/** Working days to handle a case at each level (the default deadline rules). */
const HANDLING_DAYS: Record<number, number> = { 1: 3, 2: 5, 3: 10, 4: 15, 5: 20 };

const between = (random: () => number, low: number, high: number) => low + random() * (high - low);

/** Runs one action; a refusal (4xx) is counted, not thrown. */
async function attempt<A extends CaseAction>(
  cases: CaseService,
  actor: Actor,
  id: string,
  action: A,
  input: ActionInputs[A],
  tally: MoveResult,
): Promise<boolean> {
  try {
    await cases.act(actor, id, action, input);
    tally.moves++;
    return true;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    tally.refused++;
    return false;
  }
}

/** Who dispatches, decides and handles at each level (policy.ts: dispatcherRoles, deciderRoles). */
function people(world: HistoryWorld, c: LivingCase, level: Level, areaId: string) {
  const { staff } = world;
  const banner = areaId;
  const lead = world.departmentFor(c.caseType);
  const second =
    staff.departmentIds.get(lead === staff.departmentIds.get('petition') ? 'civil_affairs' : 'petition') ??
    lead;
  const departments = level === 5 ? [lead, second] : [lead];
  const dispatcher =
    level === 1
      ? staff.at('grid_chief', areaId)
      : level === 5
        ? staff.at('leader', banner)
        : staff.at('centre_operator', areaId);
  const decider =
    level <= 3
      ? staff.at('grid_guide', areaId)
      : level === 4
        ? staff.at('centre_operator', banner)
        : staff.at('leader', banner);
  const handlers =
    level === 1
      ? [staff.at('grid_worker', areaId)]
      : level === 2
        ? [staff.at('social_force', areaId)]
        : level === 3
          ? [staff.at('department_handler', areaId)]
          : departments.map((d) => staff.department(d));
  const dispatch: ActionInputs['dispatch'] =
    level <= 3
      ? { handlerIds: handlers.map((h) => h.userId), note: '请尽快到现场核实处置' }
      : { departmentIds: departments, note: level === 5 ? '联管联调，请各部门协同办理' : '分流分调' };
  return { dispatcher, decider, handlers, dispatch };
}

/** Reports the case (its first step). */
async function report(cases: CaseService, world: HistoryWorld, c: LivingCase, tally: MoveResult) {
  const onTheSpot = c.course.end === 'on_the_spot';
  const source =
    c.course.channel === 'resident'
      ? 'resident_app'
      : c.course.channel === 'hotline'
        ? 'hotline'
        : 'worker_app';
  try {
    const detail = await cases.report(c.reporter, {
      title: `${c.typeName}：${c.spot.address}`,
      description: `${c.spot.address}群众反映${c.typeName}问题，请网格核实处理。`,
      caseType: c.caseType,
      lng: c.spot.lng,
      lat: c.spot.lat,
      source: onTheSpot ? 'worker_app' : source,
      ...(onTheSpot ? { onTheSpot: { result: '网格员现场协调，当场化解' } } : {}),
    });
    c.id = detail.id;
    tally.moves++;
    if (c.course.end === 'loop') world.lastOpenInTown.set(c.spot.townId, detail.id);
    return between(world.random, 0.5, 3);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    tally.refused++;
    return undefined;
  }
}

/** The next step of a case, run now; says when the one after is due. */
export async function nextMove(cases: CaseService, world: HistoryWorld, c: LivingCase): Promise<MoveResult> {
  const tally: MoveResult = { moves: 0, refused: 0 };
  if (!c.id) {
    const after = await report(cases, world, c, tally);
    return after === undefined ? tally : { ...tally, after };
  }
  const id = c.id;
  const row = await world.db
    .selectFrom('case_file')
    .select(['status', 'level', 'handling_area_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const level = row.level as Level;
  const { dispatcher, decider, handlers, dispatch } = people(world, c, level, row.handling_area_id);
  const { course, done } = c;
  const r = world.random;
  const act = <A extends CaseAction>(actor: Actor, action: A, input: ActionInputs[A]) =>
    attempt(cases, actor, id, action, input, tally);
  /** True the first time `what` is asked for, false after. */
  const once = (what: string) => {
    if (done.has(what)) return false;
    done.add(what);
    return true;
  };
  const gridTeam = levelThreeGrid(world.staff, c.spot.gridId);
  const registrar = world.staff.at('grid_chief', gridTeam);
  const townOperator = world.staff.at('centre_operator', c.spot.townId);
  let after: number | undefined;

  switch (row.status) {
    case 'reported': {
      // A duplicate is merged by the town's centre, which sees every case of the town.
      const target = world.lastOpenInTown.get(c.spot.townId);
      if (course.end === 'rejected') await act(registrar, 'reject', { reason: NOTES.reject });
      else if (course.end === 'merged' && target && target !== id)
        await act(townOperator, 'merge', { intoCaseId: target, reason: '与已受理事项为同一诉求' });
      else if (await act(registrar, 'register', { caseType: c.caseType })) after = between(r, 0.5, 4);
      break;
    }
    case 'registered':
      if (course.end === 'voided') {
        if (once('void')) await act(townOperator, 'request_void', { reason: NOTES.voidReason });
        await act(decider, 'approve_void', { note: '同意作废' });
      } else if (level < course.escalateTo && once(`escalate${level}`)) {
        const reason = done.has(`mediate${level}`) ? 'mediation_failed' : 'beyond_authority';
        if (await act(decider, 'escalate', { reason, note: NOTES.escalate })) after = between(r, 0.3, 2.5);
      } else if (course.suspend && once('suspend')) {
        if (await act(decider, 'suspend', { reason: NOTES.suspend })) after = between(r, 40, 120);
      } else if (await act(dispatcher, 'dispatch', dispatch)) after = between(r, 0.5, 5);
      break;
    case 'suspended':
      if (await act(decider, 'resume', { note: '当事人已返回，恢复办理' })) after = between(r, 0.3, 2.5);
      break;
    case 'dispatched':
      if (course.sendBack && once('sendBack')) {
        if (await act(handlers[0] as Actor, 'send_back', { reason: NOTES.sendBack }))
          after = between(r, 0.3, 2.5);
      } else {
        for (const h of handlers) await act(h, 'accept', { note: '已接收' });
        after = between(r, 1, 6);
      }
      break;
    case 'handling':
      after = await handle(c, level, handlers, decider, act, once, r);
      break;
    case 'feedback':
      if (course.rework && once('rework')) {
        if (await act(decider, 'rework', { reason: NOTES.rework })) c.reported.clear();
      } else await act(decider, 'verify', { note: '经核查，处置到位' });
      after = between(r, 2, 16);
      break;
    case 'verified': {
      const unhappy = course.reopen && once('reopen');
      const visitor = course.channel === 'resident' ? c.reporter : world.staff.at('grid_worker', gridTeam);
      await act(visitor, 'visit', {
        satisfied: !unhappy,
        rating: unhappy ? 2 : r() < 0.7 ? 5 : 4,
        comment: unhappy ? NOTES.unsatisfied : NOTES.satisfied,
      });
      if (unhappy) c.reported.clear();
      after = between(r, 1, 8);
      break;
    }
    case 'visited':
      if (!(await act(decider, 'close', { note: '办结归档' })))
        await act(townOperator, 'close', { note: '办结归档' });
      break;
    default:
      break;
  }
  // A refused step is tried again a day later, at most three times.
  if (
    after === undefined &&
    tally.moves === 0 &&
    !['archived', 'rejected', 'merged', 'voided'].includes(row.status)
  ) {
    if (once('retry1') || once('retry2') || once('retry3')) after = 8;
  }
  return after === undefined ? tally : { ...tally, after };
}

/** The handling step: extension, mediation, lateness, then feedback from every handler. */
async function handle(
  c: LivingCase,
  level: Level,
  handlers: Actor[],
  decider: Actor,
  act: <A extends CaseAction>(actor: Actor, action: A, input: ActionInputs[A]) => Promise<boolean>,
  once: (what: string) => boolean,
  r: () => number,
): Promise<number> {
  const { course } = c;
  const lead = handlers[0] as Actor;
  if (course.extension && once('extension')) {
    if (await act(lead, 'request_extension', { hours: 24, reason: NOTES.extension }))
      await act(decider, 'approve_extension', { note: '同意延期' });
    return between(r, 4, 8);
  }
  if (course.mediate && once(`mediate${level}`)) {
    const failed = level < course.escalateTo;
    await act(lead, 'mediate', {
      outcome: failed ? 'failed' : 'success',
      participants: ['双方当事人', '网格员', '五老'],
      venue: '嘎查党群服务中心',
      note: failed ? '双方分歧较大，调解未成' : '双方达成调解协议',
    });
    return between(r, 2, 8);
  }
  // Late: just past the handling limit of the level (3, 5, 10, 15, 20 working days of 7 hours); below
  // level 5 the overdue job escalates the case meanwhile.
  if (course.late && once('late')) return (HANDLING_DAYS[level] ?? 20) * 7 + between(r, 0.5, 2);
  for (const h of handlers) {
    if (c.reported.has(`${level}:${h.userId}`)) continue;
    if (await act(h, 'feedback', { result: NOTES.feedback })) c.reported.add(`${level}:${h.userId}`);
  }
  return between(r, 1, 8);
}
