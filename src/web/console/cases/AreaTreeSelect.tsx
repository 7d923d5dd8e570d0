/**
 * The area filter: the shared area picker starting at the areas the person's roles cover (the whole
 * banner for banner-wide roles), names only.
 */
import { AreaPicker } from '../../shared/AreaPicker.tsx';
import type { Area } from '../../shared/resources/areas.ts';
import { useSignedIn } from '../shell/session.tsx';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';

/** The person's top areas: their assignments' areas without those inside another one. */
function topAreas(areas: Area[]): string[] | undefined {
  const tops = areas.filter((a) => !areas.some((b) => b.id !== a.id && a.path.startsWith(b.path)));
  return tops.length > 0 ? tops.map((a) => a.id) : undefined;
}

export function AreaTreeSelect(props: {
  id?: string;
  value?: string;
  onChange(areaId: string | undefined): void;
}) {
  const { areas } = useSignedIn();
  const { t, nameOf } = useConsoleI18n();
  return (
    <AreaPicker
      id={props.id}
      aria-label={t('filter.area')}
      style={{ width: 240 }}
      allowClear
      placeholder={t('filter.any')}
      roots={topAreas([...areas.values()])}
      label={nameOf}
      value={props.value}
      onChange={(v) => props.onChange(v || undefined)}
    />
  );
}
