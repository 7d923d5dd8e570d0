/** 我的: who is signed in, and signing out. */
import { Button, NoticeBar } from 'antd-mobile';
import { useT } from '../i18n/index.ts';
import type { SignedInUser } from '../session.ts';

export function AccountPage(props: { user: SignedInUser; onSignOut(): void }) {
  const { t } = useT();
  return (
    <div className="page account">
      <h1>{t('navAccount')}</h1>
      {/* A self-registered resident's username (r.…) means nothing to them: they sign in by phone. */}
      <p>
        {t('signedInAs', {
          name: props.user.username.startsWith('r.')
            ? props.user.displayName
            : `${props.user.displayName}（${props.user.username}）`,
        })}
      </p>
      <NoticeBar content={t('smsNotice')} color="info" wrap />
      <Button block color="danger" fill="outline" onClick={props.onSignOut}>
        {t('signOut')}
      </Button>
    </div>
  );
}
