/** 消息提醒: reminders, supervision orders and alerts addressed to the signed-in person. */
import { Alert, Button, Card, Table, Tag } from 'antd';
import { api, call } from '../../shared/api.ts';
import { serverText } from '../../shared/messages.ts';
import { useRefresh } from '../../shared/query.tsx';
import { queryKeys } from '../../shared/query-keys.ts';
import { type Notification, useNotifications } from '../../shared/resources/cases.ts';
import { labelOf } from '../i18n.ts';
import { hrefOf, navigate } from '../shell/router.ts';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';

export function NotificationsPage() {
  const { t, when, lang } = useConsoleI18n();
  const list = useNotifications();
  const refresh = useRefresh();

  async function markRead(id: string) {
    await call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
    await refresh(queryKeys.notifications);
  }

  return (
    <Card title={t('notifications.title')}>
      {list.error && <Alert type="error" title={list.error.message} />}
      <Table<Notification>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('notifications.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { key: 'at', title: t('notifications.at'), render: (_, n) => when(n.createdAt), width: 180 },
          {
            key: 'kind',
            title: t('notifications.kind'),
            render: (_, n) => <Tag>{labelOf(t, 'note', n.kind)}</Tag>,
            width: 120,
          },
          { key: 'message', title: t('notifications.message'), render: (_, n) => serverText(n, lang) },
          {
            key: 'actions',
            title: '',
            width: 220,
            render: (_, n) => (
              <>
                <Button
                  type="link"
                  href={hrefOf(`/cases/${n.caseId}`)}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/cases/${n.caseId}`);
                  }}
                >
                  {t('notifications.open')}
                </Button>
                {n.readAt ? (
                  <Tag>{t('notifications.read')}</Tag>
                ) : (
                  <Button size="small" onClick={() => void markRead(n.id)}>
                    {t('notifications.markRead')}
                  </Button>
                )}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
