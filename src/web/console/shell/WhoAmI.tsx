/** Who is signed in: name, and each role with the area or department it is scoped to. */
import { Space, Tag, Typography } from 'antd';
import { labelOf } from '../i18n.ts';
import { useSignedIn } from './session.tsx';
import { useConsoleI18n } from './use-console-i18n.ts';

export function WhoAmI() {
  const { me, areas, departments } = useSignedIn();
  const { t, nameOf } = useConsoleI18n();
  return (
    <Space size={4} wrap aria-label={t('shell.signedInAs')} data-testid="who-am-i">
      <Typography.Text strong>{me.displayName}</Typography.Text>
      {me.assignments.map((a) => {
        const area = a.areaId ? areas.get(a.areaId) : undefined;
        const department = a.departmentId ? departments.get(a.departmentId) : undefined;
        const where = [department && nameOf(department), area && nameOf(area)].filter(Boolean).join(' · ');
        return (
          <Tag key={`${a.role}:${a.areaId}:${a.departmentId}`} color="blue">
            {labelOf(t, 'role', a.role)}
            {where ? ` · ${where}` : ''}
          </Tag>
        );
      })}
    </Space>
  );
}
