import { describe, expect, it } from 'vitest';
import seed from '../../../seed/reference-plan-2026.json';
import { areaShortName } from '../../../client/progress/areaShortName';

describe('areaShortName (the words on a header bar)', () => {
  it('names the seven CCHC areas of the reference plan by what tells them apart', () => {
    expect(seed.areas.map((a) => areaShortName(a.name))).toEqual([
      'Chỉ đạo, điều hành',
      'Thể chế',
      'Thủ tục hành chính',
      'Tổ chức bộ máy',
      'Chế độ công vụ',
      'Tài chính công',
      'Chính quyền số',
    ]);
  });

  it('leaves an agency’s own name as it is, and never empties a name', () => {
    expect(areaShortName('Chuyển đổi số')).toBe('Chuyển đổi số');
    expect(areaShortName('Cải cách')).toBe('Cải cách');
    expect(areaShortName('  cải cách   thể chế ')).toBe('Thể chế');
  });
});
