/** Who is acting. Every decision in machines/ is taken against an Actor, never against a session. */
export const ROLES = ['leader', 'coordinator', 'unitHead', 'inspector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  username: string;
  role: Role;
  unitId: string | null;
}
