/** The shared area picker as the admin pages show it: names with codes, searchable, first top open. */
import type { ComponentProps } from 'react';
import { AreaPicker as SharedAreaPicker } from '../../../shared/AreaPicker.tsx';
import { useAdminI18n } from './use-admin-i18n.ts';

type Props = Omit<ComponentProps<typeof SharedAreaPicker>, 'label' | 'openFirst' | 'searchable'>;

export function AreaPicker(props: Props) {
  const { nameOf } = useAdminI18n();
  return <SharedAreaPicker {...props} label={(a) => `${nameOf(a)} ${a.code}`} openFirst searchable />;
}
