import { z } from 'zod';

/**
 * Evidence files (API.md "Evidence files"): the shapes the server answers with and the board reads,
 * and which kinds of document are accepted. Pure: no I/O here; the server sniffs bytes, the board
 * shows names and sizes.
 */

/** An uploaded file as every answer names it. `type` is the media type judged from the bytes. */
export const FileRefSchema = z.object({
  id: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1),
  type: z.string().min(1),
  size: z.number().int().positive(),
});
export type FileRef = z.infer<typeof FileRefSchema>;

/** A file on an object: the reference, and who attached it when (the event that carried it). */
export interface AttachedFile extends FileRef {
  at: string;
  by: { id: string; username: string };
}

/** Ids are random (128 bits, base64url): never guessable, never a path. */
export const FILE_ID = /^[A-Za-z0-9_-]{22}$/;

/** What an event body may carry beside its text: at most this many files per event. */
export const MAX_FILES_PER_EVENT = 20;
export const FileIds = z.array(z.string().trim().min(1).max(64)).max(MAX_FILES_PER_EVENT);

/** Accepted document and image types: what a unit's results and an inspector's photos are. */
export const ACCEPTED_TYPES = {
  'application/pdf': 'PDF',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
} as const;
export type AcceptedType = keyof typeof ACCEPTED_TYPES;

export const isAcceptedType = (type: string): type is AcceptedType => Object.hasOwn(ACCEPTED_TYPES, type);

/** Shown in the browser (a PDF viewer, an image); everything else is downloaded. */
export const opensInline = (type: string) => type === 'application/pdf' || type === 'image/jpeg' || type === 'image/png';

/** Default upload limit (MAX_FILE_MB). */
export const DEFAULT_MAX_FILE_MB = 20;

/** Files an entry's payload carries (absent on entries without files). */
export function filesOfPayload(payload: Record<string, unknown> | undefined): FileRef[] {
  const files = payload?.files;
  return Array.isArray(files) ? (files as FileRef[]) : [];
}

/** The files an event carried, as attached to its object, oldest first. */
export function attach(existing: readonly AttachedFile[] | undefined, files: readonly FileRef[], at: string, by: { id: string; username: string }): AttachedFile[] {
  return [...(existing ?? []), ...files.map((f) => ({ id: f.id, sha256: f.sha256, name: f.name, type: f.type, size: f.size, at, by }))];
}
