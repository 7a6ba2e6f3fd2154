import './files.css';
import type { AttachedFile } from '../../machines/files';
import { opensInline } from '../../machines/files';
import { formatDateTimeVi } from '../i18n/format';
import { formatSize, tf } from './i18n';

/**
 * Files on a task, a finding or an inspection, oldest first, each with who added it and when. PDFs
 * and images open in a new tab (served inline from this origin); the rest download.
 */
export function FileList({ files, testId = 'file-list' }: { files: readonly AttachedFile[] | undefined; testId?: string }) {
  const words = tf();
  if (!files?.length) return <>{words.none}</>;
  return (
    <ul className="plain file-list" data-testid={testId}>
      {files.map((f) => {
        const href = `/api/files/${encodeURIComponent(f.id)}`;
        return (
          <li key={`${f.id}-${f.at}`}>
            {opensInline(f.type) ? (
              <a href={href} target="_blank" rel="noopener" data-testid="file-link">{f.name}</a>
            ) : (
              <a href={href} download={f.name} data-testid="file-link">{f.name}</a>
            )}{' '}
            <span className="file-meta">({formatSize(f.size)}) · {words.added(f.by.username, formatDateTimeVi(f.at))}</span>
          </li>
        );
      })}
    </ul>
  );
}
