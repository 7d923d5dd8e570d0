/**
 * Which form fields each workflow action asks for (mirrors ACTION_SCHEMAS in the server's
 * cases/routes.ts): only what the action needs, required where the server requires it.
 */
export type ActionField =
  | 'caseType'
  | 'title'
  | 'difficulty'
  | 'note'
  | 'noteRequired'
  | 'reason'
  | 'intoCaseId'
  | 'dispatch'
  | 'outcome'
  | 'participants'
  | 'venue'
  | 'link'
  | 'result'
  | 'message'
  | 'dueInWorkdays'
  | 'escalationReason'
  | 'hours'
  | 'visit'
  | 'finalDifficulty';

export const ACTION_FIELDS: Record<string, ActionField[]> = {
  register: ['caseType', 'title', 'difficulty', 'note'],
  reject: ['reason'],
  merge: ['intoCaseId', 'reason'],
  dispatch: ['dispatch', 'note'],
  accept: ['note'],
  send_back: ['reason'],
  progress: ['noteRequired'],
  mediate: ['outcome', 'participants', 'venue', 'note'],
  link: ['link', 'note'],
  feedback: ['result'],
  verify: ['note'],
  rework: ['reason'],
  remind: ['message'],
  supervise: ['reason', 'dueInWorkdays'],
  escalate: ['escalationReason', 'noteRequired'],
  request_extension: ['hours', 'reason'],
  approve_extension: ['note'],
  refuse_extension: ['note'],
  suspend: ['reason'],
  resume: ['note'],
  request_void: ['reason'],
  approve_void: ['note'],
  refuse_void: ['note'],
  visit: ['visit'],
  close: ['finalDifficulty', 'note'],
};

/** Form values as the dialog collects them. */
export interface ActionValues {
  caseType?: string;
  title?: string;
  difficulty?: string;
  note?: string;
  reason?: string;
  intoCaseId?: string;
  routeByType?: boolean;
  handlerIds?: string[];
  departmentIds?: string[];
  userIds?: string[];
  dueAt?: { toISOString(): string } | null;
  outcome?: string;
  participants?: string[];
  venue?: string;
  result?: string;
  message?: string;
  dueInWorkdays?: number;
  escalationReason?: string;
  hours?: number;
  satisfied?: boolean;
  rating?: number;
  comment?: string;
  finalDifficulty?: string;
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const some = (xs: string[] | undefined) => (xs && xs.length > 0 ? xs : undefined);

/** The request body of `action` from the form values: empty optional fields left out. */
export function actionBody(action: string, v: ActionValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) body[key] = value;
  };
  for (const field of ACTION_FIELDS[action] ?? []) {
    switch (field) {
      case 'note':
      case 'noteRequired':
        put('note', blank(v.note));
        break;
      case 'reason':
        put('reason', blank(v.reason));
        break;
      case 'caseType':
      case 'difficulty':
      case 'outcome':
      case 'intoCaseId':
      case 'hours':
      case 'dueInWorkdays':
      case 'finalDifficulty':
        put(field, v[field]);
        break;
      case 'title':
      case 'venue':
      case 'result':
      case 'message':
        put(field, blank(v[field]));
        break;
      case 'participants':
        put('participants', some(v.participants));
        break;
      case 'escalationReason':
        put('reason', v.escalationReason);
        break;
      case 'dispatch':
        if (!v.routeByType) {
          put('handlerIds', some(v.handlerIds));
          put('departmentIds', some(v.departmentIds));
        }
        put('dueAt', v.dueAt ? v.dueAt.toISOString() : undefined);
        break;
      case 'link':
        put('userIds', some(v.userIds));
        put('departmentIds', some(v.departmentIds));
        break;
      case 'visit':
        put('satisfied', v.satisfied);
        put('rating', v.rating || undefined);
        put('comment', blank(v.comment));
        break;
    }
  }
  return body;
}
