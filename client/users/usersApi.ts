import type { User } from '../../machines/api';
import type { NewUserBody, UserPatchBody } from '../../machines/accounts';
import { request } from '../net/http';

export type Account = User & { disabled: boolean };

/** API.md, Accounts. */
export const usersApi = {
  list: () => request<Account[]>('GET', '/api/users'),
  create: (body: NewUserBody) => request<{ user: Account }>('POST', '/api/users', body),
  update: (id: string, patch: UserPatchBody) => request<{ user: Account }>('PATCH', `/api/users/${encodeURIComponent(id)}`, patch),
  resetPassword: (id: string, password: string) => request<void>('POST', `/api/users/${encodeURIComponent(id)}/password`, { password }),
  changeOwnPassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/api/me/password', { currentPassword, newPassword }),
};
