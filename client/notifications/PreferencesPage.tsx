import { useEffect, useState, type FormEvent } from 'react';
import type { Preferences } from '../../machines/notificationsApi';
import { DIGEST_CHOICES, type DigestChoice } from '../../machines/reminders';
import { ApiFailure } from '../net/http';
import type { PageProps } from '../router';
import { PageFrame } from '../ui/PageFrame';
import { notificationsApi } from './api';
import { words } from './words';

/** /notifications/preferences: the user's address, mail reminders on or off, and the digest. */
export default function PreferencesPage({ user, onLogout, onSwitchLanguage }: PageProps) {
  const w = words();
  const [prefs, setPrefs] = useState<Preferences | undefined>();
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  useEffect(() => {
    notificationsApi.preferences().then((p) => {
      setPrefs(p);
      setEmail(p.email ?? '');
    }, (e: Error) => setStatus({ ok: false, text: e.message }));
  }, []);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!prefs) return;
    try {
      const saved = await notificationsApi.savePreferences({ email: email.trim() || null, emailReminders: prefs.emailReminders, digest: prefs.digest });
      setPrefs(saved);
      setStatus({ ok: true, text: w.saved });
    } catch (err) {
      setStatus({ ok: false, text: err instanceof ApiFailure ? err.message : String(err) });
    }
  };
  return (
    <PageFrame user={user} title={w.preferencesTitle} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage}>
      {!prefs ? (
        <p>{status?.text ?? w.loading}</p>
      ) : (
        <form className="notification-preferences" onSubmit={(e) => void save(e)} data-testid="preferences">
          <label>
            {w.email}
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" data-testid="pref-email" />
          </label>
          <label className="inline">
            <input type="checkbox" checked={prefs.emailReminders} onChange={(e) => setPrefs({ ...prefs, emailReminders: e.target.checked })} data-testid="pref-email-reminders" />
            {w.emailReminders}
          </label>
          <label>
            {w.digest}
            <select value={prefs.digest} onChange={(e) => setPrefs({ ...prefs, digest: e.target.value as DigestChoice })} data-testid="pref-digest">
              {DIGEST_CHOICES.map((c) => (
                <option key={c} value={c}>{w.digestChoices[c]}</option>
              ))}
            </select>
          </label>
          <button type="submit" data-testid="pref-save">{w.save}</button>
          {status && <p role={status.ok ? 'status' : 'alert'} data-testid="pref-status">{status.text}</p>}
        </form>
      )}
    </PageFrame>
  );
}
