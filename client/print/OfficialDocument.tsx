import type { ReactNode } from 'react';
import { L } from '../i18n/leadership';
import { Link } from '../ui/Link';
import './print.css';

export interface OfficialDocumentProps {
  /** Cơ quan chủ quản, above the agency name (optional). */
  agencyParent?: string;
  agencyName: string;
  /** "Số: 12/BC-STP" — left blank for the clerk to number at issue. */
  number: string;
  place: string;
  /** YYYY-MM-DD, agency-local. */
  date: string;
  title: string;
  subtitle?: string;
  recipients?: string[];
  signerTitle: string;
  signerName?: string;
  /** Where the toolbar's back link goes (not printed). */
  backHref: string;
  children: ReactNode;
}

/**
 * One A4 administrative document (Nghị định 30/2020): heading with the agency beside the national
 * motto, number and place-and-date, title, body, recipients and signature. Every printed report
 * uses it (the annual report, reviews, the inspection conclusion notice).
 */
export function OfficialDocument(props: OfficialDocumentProps) {
  const p = L().print;
  return (
    <div className="official">
      <div className="official-toolbar">
        <Link href={props.backHref}>{p.back}</Link>
        <button type="button" onClick={() => window.print()} data-testid="print-button">{p.printButton}</button>
      </div>
      <article className="official-sheet" data-testid="official-document" lang="vi">
        <header className="official-heading">
          <div>
            {props.agencyParent && <div className="agency-parent">{props.agencyParent}</div>}
            <div className="agency-name">{props.agencyName}</div>
            <hr className="rule" />
            <div className="number">{props.number}</div>
          </div>
          <div>
            <div className="nation">{p.nation}</div>
            <div className="motto">{p.motto}</div>
            <hr className="rule" />
            <div className="place-date">{p.placeDate(props.place, props.date)}</div>
          </div>
        </header>
        <div className="official-title">
          <h1>{props.title}</h1>
          {props.subtitle && <p className="subtitle">{props.subtitle}</p>}
        </div>
        <div className="official-body">{props.children}</div>
        <footer className="official-signature">
          <div className="recipients">
            <strong>{p.recipients}</strong>
            <ul>{(props.recipients ?? p.recipientList).map((r) => <li key={r}>{r}</li>)}</ul>
          </div>
          <div className="signer">
            <div>{props.signerTitle}</div>
            <div className="space" />
            {props.signerName && <div className="name">{props.signerName}</div>}
          </div>
        </footer>
      </article>
    </div>
  );
}
