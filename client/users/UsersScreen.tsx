import { useEffect, useState } from 'react';
import type { Unit, User } from '../../machines/api';
import { api } from '../net/http';
import { ChangePassword } from './ChangePassword';
import { NewUserForm } from './NewUserForm';
import { UsersTable } from './UsersTable';
import { usersApi, type Account } from './usersApi';
import { words } from './words';
import './users.css';

/** Collator for Vietnamese usernames, as the server sorts them. */
const collator = new Intl.Collator('vi');
const byUsername = (a: Account, b: Account) => collator.compare(a.username, b.username);

/** /users: for a leader, every account (create, disable/enable, reset password); for everyone, their own password. */
export function UsersScreen({ user }: { user: User }) {
  const w = words();
  const admin = user.role === 'leader';
  const [users, setUsers] = useState<Account[] | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!admin) return;
    usersApi.list().then(setUsers, (f: Error) => setMessage({ ok: false, text: f.message }));
    api.plans()
      .then((plans) => (plans[0] ? api.plan(plans[0].id) : undefined))
      .then((plan) => setUnits(plan?.units ?? []), () => undefined);
  }, [admin]);

  const upsert = (u: Account) => setUsers((list) => [...(list ?? []).filter((x) => x.id !== u.id), u].sort(byUsername));

  return (
    <main className="users-screen" data-testid="users-screen">
      <header className="users-head">
        <a href="/" data-testid="back-to-board">{w.back}</a>
        <h1>{admin ? w.title : w.changeTitle}</h1>
      </header>
      {message && (
        <p className={message.ok ? 'notice' : 'field-error'} role={message.ok ? 'status' : 'alert'} data-testid="users-message">
          {message.text}
        </p>
      )}
      {admin && (users ? (
        <UsersTable users={users} units={units} selfId={user.id} onChanged={upsert} onMessage={setMessage} />
      ) : (
        <p>{w.loading}</p>
      ))}
      <div className="users-forms">
        {admin && <NewUserForm units={units} onCreated={(u) => { upsert(u); setMessage({ ok: true, text: w.created(u.username) }); }} />}
        <ChangePassword />
      </div>
    </main>
  );
}
