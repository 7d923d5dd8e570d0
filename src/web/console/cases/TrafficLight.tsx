/** 红黄绿灯: the running step's traffic light as a coloured dot and a word. */
import { labelOf } from '../i18n.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';

export function TrafficLight(props: { light: 'green' | 'yellow' | 'red' | null }) {
  const { t } = useConsoleI18n();
  if (!props.light) return <span>{t('light.none')}</span>;
  return (
    <span className="light" data-light={props.light}>
      <span className={`light-dot light-${props.light}`} aria-hidden="true" />
      {labelOf(t, 'light', props.light)}
    </span>
  );
}
