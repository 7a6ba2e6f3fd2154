import { describe, expect, it } from 'vitest';
import { OfficeFileRefused, SPREADSHEET_LIMITS } from '../../../server/office/limits';
import { XmlShape } from '../../../server/office/xmlShape';

/** The XML shape counter: the same counts whatever the chunking, and markup inside text is not markup. */

const XML =
  '<?xml version="1.0"?><!-- <row> in a comment --><x:worksheet a=">" b=\'/>\'><sheetData>' +
  '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"/></row>' +
  '<row r="2"/><![CDATA[<row><c>]]><si><t>«Nhiệm vụ» &lt;row&gt;</t></si>' +
  '</sheetData></x:worksheet>';

function shapeOf(chunks: Uint8Array[], limits = SPREADSHEET_LIMITS) {
  const shape = new XmlShape(limits);
  shape.part();
  for (const chunk of chunks) shape.feed(chunk);
  return { rows: shape.rows, cells: shape.cells, strings: shape.strings, elements: shape.elements };
}

describe('XmlShape', () => {
  const bytes = new TextEncoder().encode(XML);

  it('counts rows, cells, shared strings and elements; not inside comments, CDATA or attribute values', () => {
    expect(shapeOf([bytes])).toEqual({ rows: 2, cells: 2, strings: 1, elements: 9 });
  });

  it('gives the same counts fed one byte at a time', () => {
    expect(shapeOf(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)))).toEqual(shapeOf([bytes]));
  });

  it('judges depth by open elements: self-closed and closed ones do not count', () => {
    const limits = { ...SPREADSHEET_LIMITS, maxDepth: 3 };
    const ok = new TextEncoder().encode('<a><b><c/><c></c><c/></b><b><c>1</c></b></a>');
    expect(shapeOf([ok], limits).elements).toBe(7);
    const deep = new TextEncoder().encode('<a><b><c><d/></c></b></a>');
    expect(shapeOf([deep], { ...limits, maxDepth: 4 }).elements).toBe(4);
    expect(() => shapeOf([new TextEncoder().encode('<a><b><c><d></d></c></b></a>')], limits)).toThrow(OfficeFileRefused);
  });

  it('refuses any <! that is not a comment or CDATA, even split across chunks', () => {
    const doc = new TextEncoder().encode('<a><!ENTITY x "y"></a>');
    expect(() => shapeOf([doc.subarray(0, 5), doc.subarray(5)])).toThrow(/DOCTYPE/);
  });
});
