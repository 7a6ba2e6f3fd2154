import { locale } from '../i18n';

/** The evidence files' words, Vietnamese first. */
const viDict = {
  files: 'Tệp kiểm chứng',
  none: 'Chưa có tệp',
  pick: 'Chọn tệp…',
  dropHint: 'hoặc kéo thả tệp vào biểu mẫu này (PDF, Word, Excel, OpenDocument, ảnh JPEG/PNG)',
  uploading: (percent: number) => `Đang tải lên ${percent}%`,
  uploaded: 'Đã tải lên',
  cancel: 'Hủy tải',
  remove: 'Bỏ tệp',
  failed: (message: string) => `Không tải lên được: ${message}`,
  busy: 'Vui lòng chờ tải tệp xong.',
  added: (by: string, at: string) => `${by} · ${at}`,
  open: 'Mở',
  download: 'Tải về',
  evidenceOrFile: 'Vui lòng nhập tài liệu kiểm chứng hoặc đính kèm ít nhất một tệp.',
  network: 'Mất kết nối khi tải tệp.',
  camera: 'Chụp ảnh',
};
type FilesDict = typeof viDict;

const enDict: FilesDict = {
  files: 'Evidence files',
  none: 'No files',
  pick: 'Choose files…',
  dropHint: 'or drop files on this form (PDF, Word, Excel, OpenDocument, JPEG/PNG images)',
  uploading: (percent) => `Uploading ${percent}%`,
  uploaded: 'Uploaded',
  cancel: 'Cancel upload',
  remove: 'Remove file',
  failed: (message) => `Upload failed: ${message}`,
  busy: 'Please wait for the uploads to finish.',
  added: (by, at) => `${by} · ${at}`,
  open: 'Open',
  download: 'Download',
  evidenceOrFile: 'Enter the evidence or attach at least one file.',
  network: 'Connection lost while uploading.',
  camera: 'Take a photo',
};

export const tf = (): FilesDict => (locale === 'en' ? enDict : viDict);

/** 1,2 MB / 340 KB, with the locale's decimal mark. */
export function formatSize(bytes: number): string {
  const tag = locale === 'en' ? 'en' : 'vi';
  if (bytes >= 1024 * 1024) return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
  return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
