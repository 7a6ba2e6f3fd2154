import { locale } from '.';

/** The phone board's own words (column switch, folded filters): apart, so nothing else carries them. */
const vi = { columns: 'Chọn cột', filters: 'Bộ lọc', hideFilters: 'Ẩn bộ lọc', active: (n: number) => (n ? ` (${n} đang áp dụng)` : '') };
const en: typeof vi = { columns: 'Choose a column', filters: 'Filters', hideFilters: 'Hide filters', active: (n: number) => (n ? ` (${n} on)` : '') };

export const P = () => (locale === 'en' ? en : vi);
