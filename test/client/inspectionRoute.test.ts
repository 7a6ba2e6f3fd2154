import { describe, expect, it } from 'vitest';
import { inspectionPath, inspectionRoute, printPath } from '../../client/inspections/route';

describe('inspection page URLs (API.md, Pages)', () => {
  it.each([
    ['/inspections', { page: 'list' }],
    ['/inspections/', { page: 'list' }],
    ['/inspections/insp-1', { page: 'detail', id: 'insp-1' }],
    ['/inspections/a%2Fb', { page: 'detail', id: 'a/b' }],
    ['/print/inspections/insp-1', { page: 'print', id: 'insp-1' }],
    ['/', null],
    ['/dashboard', null],
    ['/inspections/insp-1/findings', null],
    ['/print/plans/p1', null],
  ])('%s', (path, route) => {
    expect(inspectionRoute(path)).toEqual(route);
  });

  it('the paths the pages link to read back as the same route', () => {
    expect(inspectionRoute(inspectionPath('a/b'))).toEqual({ page: 'detail', id: 'a/b' });
    expect(inspectionRoute(printPath('x y'))).toEqual({ page: 'print', id: 'x y' });
    expect(inspectionRoute(inspectionPath())).toEqual({ page: 'list' });
  });
});
