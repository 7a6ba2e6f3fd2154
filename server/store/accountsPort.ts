import { sha256 } from './sha256';
import type { User } from '../../machines/api';
import type { DigestChoice } from '../../machines/reminders';

/** A user as stored: the public User plus the password hash and whether the account is disabled. */
export interface StoredUser extends User {
  passwordHash: string;
  /** A disabled user cannot log in and has no live session. Absent means enabled. */
  disabled?: boolean;
  /** Reminders by mail (when an address is set and SMTP_URL configured); absent means on. */
  emailReminders?: boolean;
  /** The digest of due, overdue and waiting work; absent means daily for coordinators, off for others. */
  digest?: DigestChoice;
  /** The secret of this user's unsubscribe link (made when first needed). */
  unsubscribeToken?: string;
}

/** What GET /api/users lists (API.md, Accounts). */
export type AccountView = User & { disabled: boolean };

/** `email: null` removes the address. */
export type UserPatch = Partial<Pick<StoredUser, 'name' | 'role' | 'unitId' | 'disabled' | 'passwordHash' | 'emailReminders' | 'digest' | 'unsubscribeToken'>> & {
  email?: string | null;
};

/** A live session, found by its cookie token. */
export interface SessionInfo {
  user: StoredUser;
  /** sha256 of the token: what the store keeps and what live streams are keyed by. */
  tokenHash: string;
  expiresAt: Date;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** The only form in which a session token is stored or compared. */
export const tokenHashOf = (token: string) => sha256(token, 'base64url');

/**
 * Users and sessions, as routes and middleware see them. Every method is async so a shared store
 * (PostgreSQL, for several server instances) can implement it; the lowdb file is one implementation
 * (server/store/accounts.ts).
 */
export interface AccountStorePort {
  hasUsers(): Promise<boolean>;
  /** Seeding: replaces every user and drops every session. */
  replaceUsers(users: StoredUser[]): Promise<void>;
  /** Exact username match (usernames are stored lower case). */
  findByUsername(username: string): Promise<StoredUser | undefined>;
  findById(id: string): Promise<StoredUser | undefined>;
  listUsers(): Promise<AccountView[]>;
  /** Refuses (AppError conflict) a username already taken. */
  createUser(user: StoredUser): Promise<StoredUser>;
  /** The updated user, or undefined when there is no such user. */
  updateUser(id: string, patch: UserPatch): Promise<StoredUser | undefined>;
  /** A new session token (only its hash is stored). */
  createSession(userId: string, now: Date): Promise<string>;
  /** The live session of this token: not expired, user present and enabled. */
  sessionFor(token: string, now: Date): Promise<SessionInfo | undefined>;
  userForSession(token: string, now: Date): Promise<StoredUser | undefined>;
  deleteSession(token: string): Promise<void>;
  /** Ends every session of a user (disabled, password reset); returns the ended sessions' token hashes. */
  deleteUserSessions(userId: string, exceptTokenHash?: string): Promise<string[]>;
  /** Every user as stored (with preferences), for who receives a notification. */
  listStoredUsers(): Promise<StoredUser[]>;
}

export function publicUser({ passwordHash: _h, disabled: _d, emailReminders: _e, digest: _g, unsubscribeToken: _u, ...user }: StoredUser): User {
  return user;
}

export const accountView = (u: StoredUser): AccountView => ({ ...publicUser(u), disabled: u.disabled === true });
