import type { Actor, Role } from '../../machines/roles';

/** Test actors, named after the seeded demo accounts (API.md, Demo accounts). */
export function actor(role: Role, unitId: string | null = null, username: string = role): Actor {
  return { id: `u-${username}`, username, role, unitId };
}

export const leader = actor('leader', null, 'giamdoc');
export const coordinator = actor('coordinator', 'VP', 'vanphong');
export const inspector = actor('inspector', 'TTR', 'thanhtra');
export const viewer = actor('viewer', null, 'viewer');
export const headOf = (unit: string) => actor('unitHead', unit, `truongphong.${unit.toLowerCase()}`);

/** The seed's usernames: truongphong.<x> → head of unit X; vanphong → coordinator (VP); giamdoc → leader. */
export function seedActor(username: string): Actor {
  if (username === 'giamdoc') return leader;
  if (username === 'vanphong') return coordinator;
  const m = /^truongphong\.([a-z0-9]+)$/.exec(username);
  if (m) return headOf(m[1].toUpperCase());
  throw new Error(`unknown seed user ${username}`);
}
