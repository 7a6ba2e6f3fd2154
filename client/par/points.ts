/** Points as the agency writes them: "1,25", at most two decimals ("92,62"). */
const format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export const formatPoints = (points: number | undefined) => (points === undefined ? '—' : format.format(points));

/** "1,25" or "1.25" → 1.25; anything else → undefined (the server judges range and decimals). */
export function parsePoints(text: string): number | undefined {
  const cleaned = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}
