import { useCallback, useRef, useState } from 'react';
import { t } from '../i18n';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

const INFO_MS = 4000;
const ERROR_MS = 10000;

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const push = useCallback(
    (kind: Toast['kind'], text: string) => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-3), { id, kind, text }]);
      setTimeout(() => dismiss(id), kind === 'error' ? ERROR_MS : INFO_MS);
    },
    [dismiss],
  );
  return { toasts, push, dismiss };
}

/** Refusals are alerts (read out at once); confirmations are polite status messages. */
export function Toasts({ toasts, dismiss }: { toasts: Toast[]; dismiss(id: number): void }) {
  return (
    <div className="toasts">
      <div role="status" aria-live="polite" className="toast-region">
        {toasts.filter((item) => item.kind === 'info').map((toast) => (
          <div key={toast.id} className="toast toast-info" data-testid="toast-info">{toast.text}</div>
        ))}
      </div>
      {toasts.filter((item) => item.kind === 'error').map((toast) => (
        <div key={toast.id} className="toast toast-error" role="alert" data-testid="toast-error">
          <span>{toast.text}</span>
          <button type="button" className="close" aria-label={t.errors.dismiss} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
