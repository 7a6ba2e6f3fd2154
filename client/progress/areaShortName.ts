/**
 * The header's area bars need a name the eye can read at a glance, in the room a bar has at
 * 1366×768. The CCHC areas (Nghị quyết 76/NQ-CP and the PAR index) all read "Cải cách …",
 * "Công tác … cải cách hành chính", "Xây dựng và phát triển …": the words that tell them apart come
 * after those openings. Names without them (an agency's own area) are shown as they are; the
 * header's cell cuts a long one with an ellipsis and the full name stays in the row's text for
 * screen readers.
 */
const OPENINGS = [/^công tác\s+/i, /^cải cách\s+/i, /^xây dựng và phát triển\s+/i, /^xây dựng\s+/i];
const ENDINGS = [/\s+(?:cải cách hành chính|hành chính nhà nước|nhà nước)$/i];

/** Known CCHC areas whose distinguishing words are still long: the short form officials use. */
const KNOWN: Record<string, string> = {
  'chính quyền điện tử, chính quyền số': 'Chính quyền số',
};

export function areaShortName(name: string): string {
  let short = name.trim().replace(/\s+/g, ' ');
  for (const opening of OPENINGS) short = short.replace(opening, '');
  for (const ending of ENDINGS) short = short.replace(ending, '');
  short = KNOWN[short.toLocaleLowerCase('vi')] ?? short;
  if (!short) return name.trim();
  return short.charAt(0).toLocaleUpperCase('vi') + short.slice(1);
}
