/** The traffic light of a case's running step (红黄绿灯), in colour and in words. */
import { Tag } from 'antd-mobile';
import { useT } from '../i18n/index.ts';
import type { Light } from '../types.ts';

const COLOURS: Record<Light, string> = { green: '#00b578', yellow: '#ff8f1f', red: '#ff3141' };

export function LightTag(props: { light: Light | null }) {
  const { t } = useT();
  if (!props.light) return null;
  return (
    <Tag color={COLOURS[props.light]} fill="solid" data-light={props.light}>
      <span aria-hidden="true">● </span>
      {t(`light.${props.light}`)}
    </Tag>
  );
}
