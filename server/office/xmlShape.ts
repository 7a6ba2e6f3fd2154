import { count, OfficeFileRefused, type OfficeLimits } from './limits';

/**
 * Counts an XML part's elements, nesting depth, rows and cells as it streams past, chunk by chunk,
 * without building anything: what exceljs would build from the file is bounded before it sees it.
 * Structure only: `<`, `>` and quotes are ASCII, so scanning UTF-8 bytes is exact. A DOCTYPE (or any
 * `<!` other than a comment or CDATA) is refused: no office part has one, and it is where entity
 * expansion bombs live. One instance per file: the counts are the file's totals.
 */
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COLON = 0x3a;

const enum State {
  Text,
  Open,
  Name,
  Attributes,
  Close,
  Bang,
  Comment,
  Cdata,
  Instruction,
}

const COMMENT_OPEN = '--';
const CDATA_OPEN = '[CDATA[';
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

export class XmlShape {
  rows = 0;
  cells = 0;
  strings = 0;
  elements = 0;
  private depth = 0;
  private state = State.Text;
  private name = '';
  private quote = 0;
  private lastSignificant = 0;
  /** Bytes after `<!`, or how much of a closing `-->` / `]]>` / `?>` has been seen. */
  private pending = '';
  private run = 0;

  constructor(private readonly limits: OfficeLimits) {}

  /** Starts a new part: depth and tag state are per part, the counts run on. */
  part(): void {
    this.depth = 0;
    this.state = State.Text;
  }

  feed(chunk: Uint8Array): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const b = chunk[i];
      switch (this.state) {
        case State.Text: {
          const next = chunk.indexOf(LT, i);
          if (next < 0) return;
          i = next + 1;
          this.state = State.Open;
          continue;
        }
        case State.Open:
          if (b === SLASH) this.state = State.Close;
          else if (b === QUESTION) (this.state = State.Instruction), (this.run = 0);
          else if (b === BANG) (this.state = State.Bang), (this.pending = '');
          else (this.state = State.Name), (this.name = String.fromCharCode(b));
          break;
        case State.Name:
          if (isSpace(b) || b === SLASH || b === GT) {
            this.element();
            this.state = State.Attributes;
            this.quote = 0;
            this.lastSignificant = 0;
            continue; // the same byte, read as part of the attributes
          }
          if (this.name.length < 64) this.name += String.fromCharCode(b);
          break;
        case State.Attributes:
          if (this.quote) {
            if (b === this.quote) this.quote = 0;
          } else if (b === DQUOTE || b === SQUOTE) {
            this.quote = b;
          } else if (b === GT) {
            if (this.lastSignificant !== SLASH) this.open();
            this.state = State.Text;
          } else if (!isSpace(b)) {
            this.lastSignificant = b;
          }
          break;
        case State.Close:
          if (b === GT) {
            this.depth--;
            this.state = State.Text;
          }
          break;
        case State.Bang:
          this.pending += String.fromCharCode(b);
          if (this.pending === COMMENT_OPEN) (this.state = State.Comment), (this.run = 0);
          else if (this.pending === CDATA_OPEN) (this.state = State.Cdata), (this.run = 0);
          else if (!COMMENT_OPEN.startsWith(this.pending) && !CDATA_OPEN.startsWith(this.pending)) {
            throw new OfficeFileRefused('doctype', 'Tệp chứa khai báo DOCTYPE/ENTITY, không có trong tệp Office hợp lệ; tệp không được đọc.');
          }
          break;
        case State.Comment: // ends at -->
          if (b === GT && this.run >= 2) this.state = State.Text;
          this.run = b === 0x2d ? this.run + 1 : 0;
          break;
        case State.Cdata: // ends at ]]>
          if (b === GT && this.run >= 2) this.state = State.Text;
          this.run = b === 0x5d ? this.run + 1 : 0;
          break;
        case State.Instruction: // ends at ?>
          if (b === GT && this.run >= 1) this.state = State.Text;
          this.run = b === QUESTION ? 1 : 0;
          break;
      }
      i++;
    }
  }

  private element(): void {
    const { limits } = this;
    if (++this.elements > limits.maxElements) {
      throw new OfficeFileRefused('elements', `Tệp có hơn ${count(limits.maxElements)} phần tử XML (giới hạn ${count(limits.maxElements)}); tệp không được đọc.`);
    }
    const colon = this.name.indexOf(String.fromCharCode(COLON));
    const local = colon < 0 ? this.name : this.name.slice(colon + 1);
    if (local === 'row' && ++this.rows > limits.maxRows) {
      throw new OfficeFileRefused('rows', `Tệp có hơn ${count(limits.maxRows)} dòng (giới hạn ${count(limits.maxRows)} dòng mỗi tệp); hãy chia thành nhiều tệp.`);
    }
    if (local === 'c' && ++this.cells > limits.maxCells) {
      throw new OfficeFileRefused('cells', `Tệp có hơn ${count(limits.maxCells)} ô dữ liệu (giới hạn ${count(limits.maxCells)} ô); tệp không được đọc.`);
    }
    if (local === 'si' && ++this.strings > limits.maxCells) {
      throw new OfficeFileRefused('cells', `Tệp có hơn ${count(limits.maxCells)} chuỗi văn bản (giới hạn ${count(limits.maxCells)}); tệp không được đọc.`);
    }
  }

  private open(): void {
    if (++this.depth > this.limits.maxDepth) {
      throw new OfficeFileRefused('depth', `Tệp có phần XML lồng sâu hơn ${count(this.limits.maxDepth)} cấp (giới hạn ${count(this.limits.maxDepth)} cấp); tệp không được đọc.`);
    }
  }
}
