import type { ParBand } from './parTree';

/**
 * The bands of a computed leaf as the index template writes them (API.md): "100%: 1; 80%: 0,5" =
 * at least 100 % → 1 point, at least 80 % → 0,5 point, below every band → 0. Bands are separated by
 * ";", numbers take a decimal comma or dot, the "%" is optional. One format for the import, the
 * template's guidance and the export.
 */

const BAND = /^(\d+(?:[.,]\d+)?)\s*%?\s*:\s*(\d+(?:[.,]\d+)?)$/;
const num = (s: string) => Number(s.replace(',', '.'));

export function parseBands(text: string): { ok: true; bands: ParBand[] } | { ok: false; message: string } {
  const parts = text.split(';').map((s) => s.trim()).filter(Boolean);
  if (!parts.length) return { ok: false, message: 'Thang điểm trống; ghi dạng «100%: 1; 80%: 0,5».' };
  const bands: ParBand[] = [];
  for (const part of parts) {
    const m = BAND.exec(part);
    if (!m) return { ok: false, message: `Không đọc được mức «${part}»; ghi dạng «100%: 1; 80%: 0,5» (mức phần trăm: điểm, cách nhau bằng dấu chấm phẩy).` };
    bands.push({ atLeast: num(m[1]), points: num(m[2]) });
  }
  return { ok: true, bands };
}

const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2, useGrouping: false });

export function formatBands(bands: readonly ParBand[] | undefined): string {
  return (bands ?? []).map((b) => `${decimal.format(b.atLeast)}%: ${decimal.format(b.points)}`).join('; ');
}
