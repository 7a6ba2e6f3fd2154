import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { FileRef } from '../../machines/files';
import { uploadFile } from './upload';

export interface UploadItem {
  key: number;
  name: string;
  size: number;
  progress: number;
  file?: FileRef;
  error?: string;
}

/**
 * The files a form is about to send: each uploads as soon as it is picked or dropped (the form's
 * event then names only ids), shows its progress, and can be cancelled or removed.
 */
export function useUploads() {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const controllers = useRef(new Map<number, AbortController>());
  const next = useRef(0);

  useEffect(() => () => controllers.current.forEach((c) => c.abort()), []);

  const update = (key: number, change: Partial<UploadItem>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const add = useCallback((files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = next.current++;
      const controller = new AbortController();
      controllers.current.set(key, controller);
      setItems((all) => [...all, { key, name: file.name, size: file.size, progress: 0 }]);
      uploadFile(file, (progress) => update(key, { progress }), controller.signal).then(
        (ref) => update(key, { file: ref, progress: 1 }),
        (error: Error) => {
          if (error.name === 'AbortError') setItems((all) => all.filter((i) => i.key !== key));
          else update(key, { error: error.message });
        },
      ).finally(() => controllers.current.delete(key));
    }
  }, []);

  const remove = useCallback((key: number) => {
    controllers.current.get(key)?.abort();
    setItems((all) => all.filter((i) => i.key !== key));
  }, []);

  /** Spread on the form: a file dropped anywhere on it is added. */
  const dropTarget = {
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (e.currentTarget === e.target) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!e.dataTransfer.files.length) return;
      e.preventDefault();
      setDragging(false);
      add(e.dataTransfer.files);
    },
  };

  const ready = items.flatMap((i) => (i.file ? [i.file] : []));
  const busy = items.some((i) => !i.file && !i.error);
  return { items, add, remove, ready, busy, dragging, dropTarget };
}

export type Uploads = ReturnType<typeof useUploads>;
