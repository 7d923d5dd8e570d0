/** 办理记录: the case's full history, oldest first — what happened, who (and in which role), when, and why. */
import { Alert, Timeline, Typography } from 'antd';
import { type CaseView, peopleOf } from '../../shared/case-view.ts';
import { useCaseHistory } from '../../shared/resources/cases.ts';
import { useCaseTypes, useDepartments } from '../../shared/resources/catalogue.ts';
import { labelOf } from '../i18n.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';
import { describePayload } from './describe-event.ts';

const COLOURS: Record<string, string> = {
  escalated: 'red',
  overdue: 'red',
  supervision_overdue: 'red',
  supervised: 'purple',
  rejected: 'gray',
  voided: 'gray',
  archived: 'green',
  visited: 'green',
  verified: 'green',
  resolved_on_spot: 'green',
};

export function CaseTimeline(props: { theCase: CaseView }) {
  const { t, nameOf, when } = useConsoleI18n();
  const c = props.theCase;
  const history = useCaseHistory(c.id);
  const departments = useDepartments();
  const types = useCaseTypes();
  const people = peopleOf(c);
  const namer = {
    t,
    when,
    person: (id: string) => people.get(id),
    department: (id: string) => {
      const d = departments.data?.find((x) => x.id === id);
      return d ? nameOf(d) : undefined;
    },
    caseType: (code: string) => {
      const ct = types.data?.find((x) => x.code === code);
      return ct ? nameOf(ct) : undefined;
    },
  };

  if (history.error) return <Alert type="error" title={history.error.message} />;
  return (
    <div data-testid="timeline">
      <Timeline
        items={(history.data ?? []).map((e) => {
          const who = [
            e.actorName ?? (e.actorId ? people.get(e.actorId) : undefined),
            labelOf(t, 'role', e.actorRole ?? 'system'),
          ]
            .filter(Boolean)
            .join(' · ');
          const lines = describePayload(e.type, e.payload, namer);
          return {
            key: e.id,
            color: COLOURS[e.type] ?? 'blue',
            content: (
              <div className="timeline-entry" data-event={e.type}>
                <Typography.Text strong>{labelOf(t, 'event', e.type)}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                  {who} · {when(e.at)}
                </Typography.Text>
                {lines.length > 0 && <div className="timeline-detail">{lines.join('\n')}</div>}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
