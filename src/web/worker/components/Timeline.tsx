/** A case's history in plain words: what happened, when, by which role, and what was said. */
import { Steps } from 'antd-mobile';
import { formatTime, labelOf, useT, type WorkerKey } from '../i18n/index.ts';
import type { HistoryEntry } from '../types.ts';

const SAID = ['note', 'reason', 'result', 'message', 'comment', 'description'] as const;

/**
 * The words someone wrote with the event (note, reason, result…); an escalation's reason is a code,
 * shown in words.
 */
function wordsOf(payload: unknown, type: string, t: (key: WorkerKey) => string): string {
  if (!payload || typeof payload !== 'object') return '';
  const p = payload as Record<string, unknown>;
  return SAID.map((k) =>
    k === 'reason' && type === 'escalated' && typeof p[k] === 'string'
      ? labelOf(t, 'escalation', p[k])
      : p[k],
  )
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join(' · ');
}

export function Timeline(props: { entries: HistoryEntry[] }) {
  const { t, lang } = useT();
  return (
    <Steps direction="vertical" current={props.entries.length - 1}>
      {props.entries.map((e) => (
        <Steps.Step
          key={e.id}
          status="finish"
          title={`${labelOf(t, 'event', e.type)} · ${labelOf(t, 'role', e.actorRole ?? 'system')}`}
          description={
            <>
              <div>{formatTime(e.at, lang)}</div>
              {wordsOf(e.payload, e.type, t) && (
                <div className="timeline-words">{wordsOf(e.payload, e.type, t)}</div>
              )}
            </>
          }
        />
      ))}
    </Steps>
  );
}
