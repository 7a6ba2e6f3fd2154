import { z } from 'zod';
import { EmailField } from './notificationsApi';
import { ROLES } from './roles';

/**
 * Account request schemas (API.md, Accounts): validated on the server, reused by the /users
 * screen's forms. The password rule itself (length, common passwords) is in passwordRule below.
 */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 200;

const password = z.string().max(MAX_PASSWORD_LENGTH);
const name = z.string().trim().min(1).max(200);
const unitId = z.string().trim().min(1).max(100).nullable();

export const NewUserBody = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, { message: 'chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang (2–64 ký tự)' }),
  name,
  role: z.enum(ROLES),
  unitId: unitId.optional().default(null),
  password,
  email: EmailField.optional(),
});
export type NewUserBody = z.infer<typeof NewUserBody>;

export const UserPatchBody = z
  .object({
    name: name.optional(),
    role: z.enum(ROLES).optional(),
    unitId: unitId.optional(),
    disabled: z.boolean().optional(),
    email: EmailField.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'cần ít nhất một trường cần đổi' });
export type UserPatchBody = z.infer<typeof UserPatchBody>;

export const ResetPasswordBody = z.object({ password });
export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: password });

/** Why a new password is refused (a Vietnamese sentence), or undefined when it is acceptable. */
export function passwordProblem(candidate: string, username: string, common: ReadonlySet<string>): string | undefined {
  if ([...candidate].length < MIN_PASSWORD_LENGTH) return `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  const lower = candidate.toLowerCase();
  if (common.has(lower)) return 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.';
  if (lower.includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập.';
  if (new Set(lower).size < 4) return 'Mật khẩu quá đơn điệu (quá ít ký tự khác nhau).';
  return undefined;
}
