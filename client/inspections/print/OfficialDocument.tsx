import type { ReactNode } from 'react';

/**
 * A4 page in the layout of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP): the
 * issuing agency and number on the left, the national heading on the right, the place-and-date
 * line, the title, the body and the signature block. Minimal, until the shared
 * client/print/OfficialDocument.tsx lands on main; then this file goes and the notice uses that.
 */
export interface OfficialDocumentProps {
  agency: string;
  parentAgency?: string;
  number: string;
  /** ISO date of the document. */
  date: string;
  place?: string;
  title: string;
  subtitle?: string;
  signerTitle: string;
  signerName?: string;
  recipients?: readonly string[];
  children: ReactNode;
}

const dateLine = (isoDate: string, place?: string) => {
  const [y, m, d] = isoDate.split('-');
  return `${place ? `${place}, ` : ''}ngày ${d} tháng ${m} năm ${y}`;
};

export function OfficialDocument(props: OfficialDocumentProps) {
  return (
    <article className="official-document" data-testid="official-document" lang="vi">
      <header className="od-heading">
        <div className="od-agency">
          {props.parentAgency && <p>{props.parentAgency.toUpperCase()}</p>}
          <p className="od-strong">{props.agency.toUpperCase()}</p>
          <p className="od-rule" aria-hidden="true" />
          <p>{props.number}</p>
        </div>
        <div className="od-nation">
          <p className="od-strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p className="od-motto">Độc lập - Tự do - Hạnh phúc</p>
          <p className="od-rule" aria-hidden="true" />
          <p className="od-date">{dateLine(props.date, props.place)}</p>
        </div>
      </header>
      <h1 className="od-title">{props.title}</h1>
      {props.subtitle && <p className="od-subtitle">{props.subtitle}</p>}
      <div className="od-body">{props.children}</div>
      <footer className="od-footer">
        <div className="od-recipients">
          {props.recipients && (
            <>
              <p className="od-strong"><em>Nơi nhận:</em></p>
              <ul>{props.recipients.map((r) => <li key={r}>- {r};</li>)}</ul>
            </>
          )}
        </div>
        <div className="od-signature">
          <p className="od-strong">{props.signerTitle}</p>
          <p className="od-sign-space" aria-hidden="true" />
          {props.signerName && <p className="od-strong">{props.signerName}</p>}
        </div>
      </footer>
    </article>
  );
}
