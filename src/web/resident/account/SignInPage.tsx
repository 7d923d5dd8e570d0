/**
 * Sign in, or sign up, with a mobile number and a password. The server finds the home grid from the
 * phone's position at sign-up. SMS codes are not available yet, and the page says so.
 */
import { Button, NoticeBar, Toast } from 'antd-mobile';
import { type FormEvent, useId, useState } from 'react';
import { passwordProblem } from '../../../shared/password-rule.ts';
import { useT } from '../i18n/index.ts';
import type { GpsPoint } from '../report/exif.ts';
import { currentPosition } from '../report/location.ts';
import { type SignedInUser, signIn, signUp } from '../session.ts';

export function SignInPage(props: { onSignedIn(user: SignedInUser): void }) {
  const { t } = useT();
  const id = useId();
  const [mode, setMode] = useState<'in' | 'up'>('in');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [home, setHome] = useState<GpsPoint | null>(null);
  const [busy, setBusy] = useState(false);
  // The password rule is checked as the resident types, before anything is sent.
  const problem =
    mode === 'up' && password !== '' ? passwordProblem(password, { phone: phone.trim() }) : undefined;

  async function locateHome() {
    try {
      setHome(await currentPosition());
    } catch (error) {
      Toast.show({
        content: t('gpsFailed', { reason: error instanceof Error ? error.message : String(error) }),
      });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (problem) {
      Toast.show({ content: t(`passwordProblem.${problem.code}`) });
      return;
    }
    if (mode === 'up' && !home) {
      Toast.show({ content: t('homeNeeded') });
      return;
    }
    setBusy(true);
    try {
      if (mode === 'in') {
        props.onSignedIn(await signIn(phone.trim(), password));
      } else if (home) {
        const { user, gridName } = await signUp({
          phone: phone.trim(),
          password,
          displayName: displayName.trim(),
          home,
        });
        if (gridName) Toast.show({ content: t('homeGrid', { grid: gridName }) });
        props.onSignedIn(user);
      }
    } catch (error) {
      Toast.show({ content: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="page sign-in" onSubmit={submit}>
      <h1>{mode === 'in' ? t('signInTitle') : t('signUpTitle')}</h1>
      <NoticeBar content={t('smsNotice')} color="info" wrap />
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('phone')}</label>
        <input
          id={`${id}-phone`}
          name="username"
          autoComplete="username"
          inputMode={mode === 'up' ? 'numeric' : 'text'}
          required
          maxLength={100}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          name="password"
          autoComplete={mode === 'in' ? 'current-password' : 'new-password'}
          required
          maxLength={200}
          value={password}
          aria-invalid={problem ? true : undefined}
          aria-describedby={mode === 'up' ? `${id}-password-rule` : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
        {mode === 'up' && (
          <p
            id={`${id}-password-rule`}
            className={problem ? 'field-error' : 'field-hint'}
            role={problem ? 'alert' : undefined}
          >
            {problem ? t(`passwordProblem.${problem.code}`) : t('passwordRule')}
          </p>
        )}
      </div>
      {mode === 'up' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('displayName')}</label>
            <input
              id={`${id}-name`}
              autoComplete="name"
              required
              maxLength={100}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          </div>
          <fieldset className="field">
            <legend>{t('homeLocation')}</legend>
            <Button size="small" fill="outline" onClick={() => void locateHome()}>
              {t('homeFromGps')}
            </Button>
            {home && (
              <p className="place">
                {home.lat.toFixed(5)}, {home.lng.toFixed(5)}
              </p>
            )}
          </fieldset>
        </>
      )}
      <Button block color="primary" size="large" type="submit" loading={busy} disabled={busy}>
        {mode === 'in' ? t('signIn') : t('signUp')}
      </Button>
      <button type="button" className="link" onClick={() => setMode(mode === 'in' ? 'up' : 'in')}>
        {mode === 'in' ? t('toSignUp') : t('toSignIn')}
      </button>
    </form>
  );
}
