import './files.css';
import { useId } from 'react';
import { ACCEPTED_TYPES } from '../../machines/files';
import { formatSize, tf } from './i18n';
import type { Uploads } from './useUploads';

const ACCEPT = [...Object.keys(ACCEPTED_TYPES), '.pdf', '.doc', '.docx', '.xls', '.xlsx', '.odt', '.ods', '.jpg', '.jpeg', '.png'].join(',');

/** Pick files (or take a photo on a phone) for a form that takes evidence; shows each upload's progress. */
export function FilePicker({ uploads, camera = false }: { uploads: Uploads; camera?: boolean }) {
  const inputId = useId();
  const cameraId = useId();
  const words = tf();
  return (
    <div className={`file-picker${uploads.dragging ? ' dragging' : ''}`} data-testid="file-picker">
      <div className="file-picker-buttons">
        <label htmlFor={inputId} className="button">{words.pick}</label>
        <input
          id={inputId}
          type="file"
          multiple
          accept={ACCEPT}
          className="visually-hidden"
          data-testid="file-input"
          onChange={(e) => {
            if (e.target.files) uploads.add(e.target.files);
            e.target.value = '';
          }}
        />
        {camera && (
          <>
            <label htmlFor={cameraId} className="button">{words.camera}</label>
            <input
              id={cameraId}
              type="file"
              accept="image/jpeg,image/png"
              capture="environment"
              className="visually-hidden"
              onChange={(e) => {
                if (e.target.files) uploads.add(e.target.files);
                e.target.value = '';
              }}
            />
          </>
        )}
      </div>
      <p className="hint">{words.dropHint}</p>
      {uploads.items.length > 0 && (
        <ul className="upload-list" data-testid="upload-list">
          {uploads.items.map((item) => (
            <li key={item.key} data-testid="upload-item" data-state={item.file ? 'done' : item.error ? 'failed' : 'uploading'}>
              <span className="upload-name">{item.name}</span> <span className="upload-size">{formatSize(item.size)}</span>{' '}
              {item.error ? (
                <span className="field-error" role="alert">{words.failed(item.error)}</span>
              ) : item.file ? (
                <span className="upload-done">{words.uploaded}</span>
              ) : (
                <progress max={1} value={item.progress} aria-label={words.uploading(Math.round(item.progress * 100))} />
              )}{' '}
              <button type="button" className="link" onClick={() => uploads.remove(item.key)}>
                {item.file || item.error ? words.remove : words.cancel}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
