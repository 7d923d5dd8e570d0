/**
 * People and their posts (人员与岗位): the list filtered by name, role and area; administrators
 * create accounts, add and remove roles, and reset passwords. Phones are masked; a full view is logged.
 */
import { Alert, Button, Card, Form, Input, message, Select, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '../../../../shared/domain.ts';
import { useRefresh } from '../../../shared/query.tsx';
import { queryKeys } from '../../../shared/query-keys.ts';
import { PAGE_SIZE, type User, type UserFilter, useUsers } from '../../../shared/resources/users.ts';
import { AreaPicker } from '../common/AreaPicker.tsx';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { type AdminViewer, useViewer } from '../common/use-me.ts';
import { AssignmentsModal } from './AssignmentsModal.tsx';
import { PasswordModal } from './PasswordModal.tsx';
import { PhoneReveal } from './PhoneReveal.tsx';
import { UserCreateModal } from './UserCreateModal.tsx';

/** The people-administration page. */
export function PeoplePage() {
  const { t } = useAdminI18n();
  const { viewer, error } = useViewer();
  if (error) return <Alert type="error" title={t('common.loadFailed', { message: error.message })} />;
  if (!viewer) return <Spin />;
  return <PeopleList viewer={viewer} />;
}

type Dialog = { kind: 'create' } | { kind: 'assignments'; user: User } | { kind: 'password'; user: User };

function PeopleList({ viewer }: { viewer: AdminViewer }) {
  const { t, roleLabel } = useAdminI18n();
  const [toast, toastHolder] = message.useMessage();
  const [filterForm] = Form.useForm<UserFilter>();
  const [filter, setFilter] = useState<UserFilter>({});
  const [page, setPage] = useState(1);
  const refresh = useRefresh();
  const [dialog, setDialog] = useState<Dialog>();
  const users = useUsers(filter, page);
  const reload = () => void refresh(queryKeys.users);

  return (
    <Card
      title={t('page.people')}
      extra={
        viewer.isAdmin && (
          <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
            {t('people.create')}
          </Button>
        )
      }
    >
      {toastHolder}
      <Form
        form={filterForm}
        layout="inline"
        name="people-filter"
        onFinish={(values) => {
          setFilter({
            ...(values.q?.trim() ? { q: values.q.trim() } : {}),
            ...(values.role ? { role: values.role } : {}),
            ...(values.areaId ? { areaId: values.areaId } : {}),
          });
          setPage(1);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="q" label={t('people.search')}>
          <Input allowClear placeholder={t('people.searchHint')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="role" label={t('people.role')}>
          <Select<Role>
            allowClear
            style={{ width: 180 }}
            placeholder={t('common.any')}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
          />
        </Form.Item>
        <Form.Item name="areaId" label={t('people.area')}>
          <AreaPicker
            roots={viewer.areaRoots}
            allowClear
            placeholder={t('common.any')}
            style={{ width: 260 }}
          />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">{t('common.search')}</Button>
        </Form.Item>
      </Form>
      {users.error && <Alert type="error" title={t('common.loadFailed', { message: users.error.message })} />}
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: users.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('people.total', { total }),
          onChange: setPage,
        }}
        columns={[
          { key: 'username', title: t('people.username'), dataIndex: 'username', width: 150 },
          { key: 'displayName', title: t('people.displayName'), dataIndex: 'displayName' },
          {
            key: 'phone',
            title: t('people.phone'),
            width: 220,
            render: (_, u) => <PhoneReveal key={u.id} userId={u.id} masked={u.phone} />,
          },
          {
            key: 'assignments',
            title: t('people.assignments'),
            render: (_, u) => (
              <Space size={[0, 4]} wrap>
                {u.assignments.map((a) => (
                  <Tag key={a.id} color="blue">
                    {roleLabel(a.role)}
                    {a.areaName || a.departmentName ? ` · ${a.departmentName ?? a.areaName}` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            key: 'active',
            title: t('people.status'),
            width: 90,
            render: (_, u) =>
              u.active ? <Tag color="green">{t('people.active')}</Tag> : <Tag>{t('people.inactive')}</Tag>,
          },
          ...(viewer.isAdmin
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 200,
                  render: (_: unknown, u: User) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => setDialog({ kind: 'assignments', user: u })}>
                        {t('people.assignments')}
                      </Button>
                      <Button size="small" onClick={() => setDialog({ kind: 'password', user: u })}>
                        {t('people.resetPassword')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'create' && (
        <UserCreateModal
          roots={viewer.areaRoots}
          onClose={() => setDialog(undefined)}
          onCreated={(user) => {
            setDialog(undefined);
            toast.success(t('people.created', { name: user.displayName }));
            filterForm.setFieldsValue({ q: user.username });
            setFilter({ q: user.username });
            setPage(1);
            reload();
          }}
        />
      )}
      {dialog?.kind === 'assignments' && (
        <AssignmentsModal user={dialog.user} roots={viewer.areaRoots} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'password' && (
        <PasswordModal
          user={dialog.user}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            toast.success(t('people.passwordReset', { name: dialog.user.displayName }));
          }}
        />
      )}
    </Card>
  );
}
