import { locale } from '.';

/** Top-bar page names: kept apart from the pages' words so the board's bundle carries only these. */
const vi = { board: 'Bảng nhiệm vụ', dashboard: 'Tổng quan', plan: 'Kế hoạch', reviews: 'Rà soát', inspections: 'Kiểm tra', par: 'Chỉ số CCHC', label: 'Trang', notFound: 'Không có trang này.', menu: 'Trình đơn' };
const en: typeof vi = { board: 'Board', dashboard: 'Dashboard', plan: 'Plan', reviews: 'Reviews', inspections: 'Inspections', par: 'PAR Index', label: 'Pages', notFound: 'No such page.', menu: 'Menu' };

export const navWords = { vi, en };
export const N = () => (locale === 'en' ? en : vi);
