/** The inspection pages' URLs (API.md, Pages) and moving between them without a reload. */
export type InspectionRoute =
  | { page: 'list' }
  | { page: 'detail'; id: string }
  | { page: 'print'; id: string };

export function inspectionRoute(pathname: string): InspectionRoute | null {
  if (/^\/inspections\/?$/.test(pathname)) return { page: 'list' };
  const detail = /^\/inspections\/([^/]+)\/?$/.exec(pathname);
  if (detail) return { page: 'detail', id: decodeURIComponent(detail[1]) };
  const print = /^\/print\/inspections\/([^/]+)\/?$/.exec(pathname);
  if (print) return { page: 'print', id: decodeURIComponent(print[1]) };
  return null;
}

export const inspectionPath = (inspectionId?: string) =>
  inspectionId ? `/inspections/${encodeURIComponent(inspectionId)}` : '/inspections';

export const printPath = (inspectionId: string) => `/print/inspections/${encodeURIComponent(inspectionId)}`;

/** Moving between pages without a reload is the shared router's (client/router.ts). */
export { navigate } from '../router';
