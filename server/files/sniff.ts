import { fileTypeFromFile } from 'file-type';
import { isAcceptedType, type AcceptedType } from '../../machines/files';

/**
 * The type of a stored upload, judged from its bytes by `file-type` (the zip-based office formats
 * by the entries inside, not by the name). Word 97 and Excel 97 files are both OLE compound files
 * to a sniffer (so are installers and mail): such a file is taken as DOC or XLS only when its name
 * says so, anything else in that container is refused. Undefined: not an accepted type.
 */
export async function judgeType(path: string, name: string): Promise<AcceptedType | undefined> {
  const found = await fileTypeFromFile(path);
  if (!found) return undefined;
  if (found.mime === 'application/x-cfb') {
    const ext = name.toLowerCase().split('.').pop();
    if (ext === 'doc') return 'application/msword';
    if (ext === 'xls') return 'application/vnd.ms-excel';
    return undefined;
  }
  return isAcceptedType(found.mime) ? found.mime : undefined;
}
