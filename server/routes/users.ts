import { Hono, type Context } from 'hono';
import { randomUUID } from 'node:crypto';
import { ChangePasswordBody, NewUserBody, ResetPasswordBody, UserPatchBody, passwordProblem } from '../../machines/accounts';
import type { Role } from '../../machines/roles';
import { COMMON_PASSWORDS } from '../auth/commonPasswords';
import { hashPassword, verifyPassword } from '../auth/password';
import { AppError } from '../errors';
import type { AppEnv, Deps } from '../http/context';
import { assertReserved, LOGIN_LIMITS, type LoginLimiter } from '../http/loginLimiter';
import { readBody } from '../http/respond';
import { accountView, type StoredUser } from '../store/accountsPort';
import { newUnsubscribeToken } from '../notifications/outbox';
import { withUnsubscribeToken } from './notifications';

/** Roles that administer accounts (API.md: leader, admin). */
const ADMINS: ReadonlySet<Role> = new Set(['leader']);
/** Roles whose work is a unit's: they must name one. */
const UNIT_ROLES: ReadonlySet<Role> = new Set(['unitHead', 'coordinator', 'inspector']);

function acceptablePassword(password: string, username: string): void {
  const problem = passwordProblem(password, username, COMMON_PASSWORDS);
  if (problem) throw new AppError('bad_request', problem);
}

/** GET/POST /api/users, PATCH /api/users/:id, POST /api/users/:id/password, POST /api/me/password. */
export function userRoutes({ accounts, engine, hub, loginLimits = LOGIN_LIMITS }: Deps, limiter: LoginLimiter) {
  const app = new Hono<AppEnv>();

  const requireAdmin = (c: Context<AppEnv>) => {
    if (!ADMINS.has(c.get('user').role)) throw new AppError('forbidden', 'Chỉ lãnh đạo Sở được quản lý tài khoản người dùng.');
  };
  const knownUnit = (unitId: string | null) => {
    const plans = engine.listPlans();
    if (unitId === null || !plans.length || plans.some((p) => p.units.some((u) => u.id === unitId))) return;
    throw new AppError('bad_request', `Không có đơn vị «${unitId}» trong kế hoạch nào. Hãy chọn đơn vị có trong danh sách.`);
  };
  const checkUnitRole = (role: Role, unitId: string | null) => {
    if (UNIT_ROLES.has(role) && unitId === null) throw new AppError('bad_request', 'Vai trò này cần chọn đơn vị.');
    knownUnit(unitId);
  };
  const target = async (id: string): Promise<StoredUser> => {
    const user = await accounts.findById(id);
    if (!user) throw new AppError('not_found', 'Không tìm thấy người dùng này.');
    return user;
  };
  /** Ends a user's sessions and their live streams, here and now (the lead's other instances via Hub.closeUser). */
  const endSessions = async (userId: string, exceptHash?: string) => {
    const ended = await accounts.deleteUserSessions(userId, exceptHash);
    if (exceptHash === undefined) hub.closeUser(userId);
    else for (const hash of ended) hub.closeSession(hash);
  };

  app.get('/users', async (c) => {
    requireAdmin(c);
    const collator = new Intl.Collator('vi');
    return c.json((await accounts.listUsers()).sort((a, b) => collator.compare(a.username, b.username)));
  });

  app.post('/users', async (c) => {
    requireAdmin(c);
    const body = await readBody(c, NewUserBody);
    checkUnitRole(body.role, body.unitId);
    acceptablePassword(body.password, body.username);
    const user = await accounts.createUser({
      id: `u-${randomUUID()}`,
      username: body.username,
      name: body.name,
      role: body.role,
      unitId: body.unitId,
      ...(body.email ? { email: body.email, unsubscribeToken: newUnsubscribeToken() } : {}),
      passwordHash: await hashPassword(body.password),
    });
    return c.json({ user: accountView(user) }, 201);
  });

  app.patch('/users/:id', async (c) => {
    requireAdmin(c);
    const body = await readBody(c, UserPatchBody);
    const user = await target(c.req.param('id'));
    const self = user.id === c.get('user').id;
    if (self && (body.disabled === true || (body.role !== undefined && !ADMINS.has(body.role)))) {
      throw new AppError('bad_request', 'Bạn không thể tự vô hiệu hóa hoặc bỏ quyền quản lý của chính mình; hãy nhờ một lãnh đạo khác.');
    }
    const role = body.role ?? user.role;
    const unitId = body.unitId !== undefined ? body.unitId : user.unitId;
    checkUnitRole(role, unitId);
    const updated = (await accounts.updateUser(user.id, withUnsubscribeToken(user, body)))!;
    // A disabled user is out at once; a new role or unit reaches open boards by reconnecting.
    if (body.disabled === true) await endSessions(user.id);
    else if (body.role !== undefined || body.unitId !== undefined) hub.closeUser(user.id);
    return c.json({ user: accountView(updated) });
  });

  app.post('/users/:id/password', async (c) => {
    requireAdmin(c);
    const { password } = await readBody(c, ResetPasswordBody);
    const user = await target(c.req.param('id'));
    acceptablePassword(password, user.username);
    await accounts.updateUser(user.id, { passwordHash: await hashPassword(password) });
    // Whoever held the old password is out; the admin's own session survives resetting itself.
    await endSessions(user.id, user.id === c.get('user').id ? c.get('sessionHash') : undefined);
    return c.body(null, 204);
  });

  app.post('/me/password', async (c) => {
    const { currentPassword, newPassword } = await readBody(c, ChangePasswordBody);
    const user = c.get('user');
    // A borrowed or stolen session must not become a way to guess the password: the login limit applies.
    const key = { key: `password|${user.id}`, max: loginLimits.perAccount };
    assertReserved(c, await limiter.reserve([key], new Date()), (m) => `Nhập sai mật khẩu hiện tại quá nhiều lần. Vui lòng thử lại sau ${m} phút.`);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new AppError('bad_request', 'Mật khẩu hiện tại không đúng.');
    }
    await limiter.clear(key.key);
    acceptablePassword(newPassword, user.username);
    await accounts.updateUser(user.id, { passwordHash: await hashPassword(newPassword) });
    await endSessions(user.id, c.get('sessionHash'));
    return c.body(null, 204);
  });

  return app;
}
