import { describe, expect, it } from 'vitest';
import { catalogueProblem, changeCatalogue, remapTaskUnits, type Catalogue } from '../../machines/catalogue';

const catalogue: Catalogue = {
  areas: [{ id: 'area-1', code: '1', name: 'Chỉ đạo điều hành' }],
  units: [
    { id: 'PBGDPL', code: 'PBGDPL', name: 'Phòng Phổ biến, giáo dục pháp luật' },
    { id: 'HCTP', code: 'HCTP', name: 'Phòng Hành chính tư pháp' },
    { id: 'VP', code: 'VP', name: 'Văn phòng Sở' },
  ],
};

describe('catalogue changes', () => {
  it('renames a unit and an area, keeping ids', () => {
    const renamed = changeCatalogue(catalogue, { type: 'RENAME_UNIT', unitId: 'HCTP', name: 'Phòng Hành chính tư pháp và Bổ trợ tư pháp', code: 'HCBTTP' });
    expect(renamed.units[1]).toEqual({ id: 'HCTP', code: 'HCBTTP', name: 'Phòng Hành chính tư pháp và Bổ trợ tư pháp' });
    expect(changeCatalogue(catalogue, { type: 'RENAME_AREA', areaId: 'area-1', name: 'Công tác chỉ đạo' }).areas[0].name).toBe('Công tác chỉ đạo');
  });

  it('merges one unit into another: tasks follow, coordinators deduplicated', () => {
    const merged = changeCatalogue(catalogue, { type: 'MERGE_UNITS', fromUnitId: 'PBGDPL', intoUnitId: 'HCTP' });
    expect(merged.units.map((u) => u.id)).toEqual(['HCTP', 'VP']);
    expect(remapTaskUnits('PBGDPL', ['HCTP', 'VP'], merged.unitMap)).toEqual({ ownerUnitId: 'HCTP', coordinatingUnitIds: ['VP'] });
    expect(remapTaskUnits('VP', ['PBGDPL', 'HCTP'], merged.unitMap)).toEqual({ ownerUnitId: 'VP', coordinatingUnitIds: ['HCTP'] });
  });

  it('names what is wrong', () => {
    expect(catalogueProblem(catalogue, { type: 'MERGE_UNITS', fromUnitId: 'VP', intoUnitId: 'VP' })).toBe('Chọn hai đơn vị khác nhau để sáp nhập.');
    expect(catalogueProblem(catalogue, { type: 'RENAME_UNIT', unitId: 'X', name: 'Y' })).toBe('Đơn vị «X» không có trong kế hoạch.');
    expect(catalogueProblem(catalogue, { type: 'RENAME_UNIT', unitId: 'VP', name: 'Y', code: 'hctp' })).toBe('Mã đơn vị «hctp» đã được dùng.');
    expect(catalogueProblem(catalogue, { type: 'RENAME_AREA', areaId: 'area-1', name: 'Mới' })).toBeUndefined();
  });
});
