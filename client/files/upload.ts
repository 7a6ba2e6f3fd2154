import { CSRF_HEADER, CSRF_VALUE } from '../../machines/api';
import type { FileRef } from '../../machines/files';
import { failureOf } from '../net/http';
import { tf } from './i18n';

/**
 * POST /api/files for one file, with progress and cancel (XMLHttpRequest: fetch reports no upload
 * progress). Agency networks are slow; a person sees how far a 20 MB scan has got and may stop it.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<FileRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    xhr.setRequestHeader(CSRF_HEADER, CSRF_VALUE);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status === 201) resolve((xhr.response as { file: FileRef }).file);
      else reject(failureOf(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(new Error(tf().network));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort());
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}
