/** The console frame: side menu (cases, notifications, administration), and who is signed in. */
import { Button, Layout, Menu, type MenuProps, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import type { AdminPage } from '../admin-pages.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { hrefOf, navigate } from './router.ts';
import { useSession } from './session.tsx';
import { useConsoleI18n } from './use-console-i18n.ts';
import { WhoAmI } from './WhoAmI.tsx';

/** The menu key of a console path: its first one or two segments. */
export function menuKeyOf(path: string): string {
  const [first = '', second] = path.split('/').filter(Boolean);
  return first === 'admin' && second ? `/admin/${second}` : `/${first || 'cases'}`;
}

export function ConsoleLayout(props: { path: string; adminPages: AdminPage[]; children: ReactNode }) {
  const { t, pick } = useConsoleI18n();
  const { signOut } = useSession();
  const [menuFolded, setMenuFolded] = useState(false);
  const link = (path: string, label: string) => (
    <a
      href={hrefOf(path)}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(path);
      }}
    >
      {label}
    </a>
  );
  const items: MenuProps['items'] = [
    { key: '/cases', label: link('/cases', t('menu.cases')) },
    { key: '/notifications', label: link('/notifications', t('menu.notifications')) },
    ...(props.adminPages.length > 0
      ? [
          {
            key: 'admin',
            label: t('menu.admin'),
            type: 'group' as const,
            children: props.adminPages.map((p) => ({
              key: `/admin/${p.key}`,
              label: link(`/admin/${p.key}`, pick(p.label)),
            })),
          },
        ]
      : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Below 992 px (a tablet upright) the menu folds away behind its trigger, leaving the page the width. */}
      <Layout.Sider
        width={208}
        theme="light"
        breakpoint="lg"
        collapsedWidth={0}
        onCollapse={setMenuFolded}
        zeroWidthTriggerStyle={{ top: 12 }}
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div className="brand">{t('app.short')}</div>
        <nav aria-label={t('app.title')}>
          <Menu mode="inline" selectedKeys={[menuKeyOf(props.path)]} items={items} />
        </nav>
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          className="console-header"
          style={{
            background: '#fff',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            flexWrap: 'wrap',
            gap: '8px 16px',
            height: 'auto',
            minHeight: 64,
            // room for the folded menu's trigger at the left edge
            padding: `8px 24px 8px ${menuFolded ? 56 : 24}px`,
            borderBottom: '1px solid #f0f0f0',
            lineHeight: 'normal',
          }}
        >
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            {t('app.title')}
          </Typography.Title>
          <div className="topbar-right">
            <WhoAmI />
            <LanguageSwitch />
            <Button onClick={() => void signOut()}>{t('shell.signout')}</Button>
          </div>
        </Layout.Header>
        <Layout.Content className="console-content">{props.children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
