import type { Role } from '../machines/roles';
import type { ReferencePlanFile } from './referencePlan';

/** The demo accounts of API.md: fixed staff plus one unit head per unit in the seed. */
export interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  unitId: string | null;
}

export const DEFAULT_DEMO_PASSWORD = 'tiendo-demo';

function headTitle(unitName: string): string {
  if (/^Trung tâm/i.test(unitName)) return `Giám đốc ${unitName}`;
  if (/^(Văn phòng|Thanh tra)/i.test(unitName)) return `Chánh ${unitName}`;
  return `Trưởng ${unitName.replace(/^Phòng/, 'phòng')}`;
}

export function demoAccounts(file: ReferencePlanFile): DemoAccount[] {
  return [
    { username: 'giamdoc', name: 'Giám đốc Sở', role: 'leader', unitId: null },
    { username: 'vanphong', name: 'Văn phòng Sở (đầu mối CCHC)', role: 'coordinator', unitId: 'VP' },
    { username: 'thanhtra', name: 'Thanh tra viên, Thanh tra Sở', role: 'inspector', unitId: 'TTR' },
    // An inspector on no inspection team: reads everything, may record or verify nothing.
    { username: 'thanhtra2', name: 'Thanh tra viên 2, Thanh tra Sở', role: 'inspector', unitId: 'TTR' },
    ...file.units.map((u) => ({
      username: `truongphong.${u.code.toLowerCase()}`,
      name: headTitle(u.name),
      role: 'unitHead' as const,
      unitId: u.code,
    })),
  ];
}
