import { nfc, stripVietnameseMarks } from './text';

/**
 * Download file names for documents whose symbols hold Vietnamese letters (`05/QĐ-SLĐTBXH`): the
 * Unicode name for browsers that read RFC 5987 `filename*`, and an ASCII fallback for the others.
 */
export interface DownloadFileName {
  /** `05-QĐ-SLĐTBXH.pdf`: no `/`, `\`, control characters or quotes. */
  unicode: string;
  /** `05-QD-SLDTBXH.pdf`. */
  ascii: string;
  /** The whole Content-Disposition header value. */
  contentDisposition: string;
}

function clean(s: string): string {
  return (
    nfc(s)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f"*:<>?|/\\]+/g, '-')
      .replace(/\s+/g, ' ')
      .replace(/-+/g, '-')
      .replace(/^[-. ]+|[-. ]+$/g, '')
  );
}

/** RFC 5987 / RFC 8187 `ext-value` encoding of a UTF-8 string. */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `downloadFileName('05/QĐ-SLĐTBXH', 'pdf')` → `05-QĐ-SLĐTBXH.pdf` / `05-QD-SLDTBXH.pdf`, and
 * `attachment; filename="05-QD-SLDTBXH.pdf"; filename*=UTF-8''05-Q%C4%90-SL%C4%90TBXH.pdf`.
 */
export function downloadFileName(
  base: string,
  extension: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): DownloadFileName {
  const stem = clean(base).slice(0, 150) || 'tai-lieu';
  const ext = extension.replace(/^\./, '').replace(/[^A-Za-z0-9]/g, '');
  const unicode = `${stem}.${ext}`;
  const ascii = `${clean(stripVietnameseMarks(stem).replace(/[^\x20-\x7e]/g, '_')) || 'document'}.${ext}`;
  return {
    unicode,
    ascii,
    contentDisposition: `${disposition}; filename="${ascii}"; filename*=UTF-8''${rfc5987(unicode)}`,
  };
}
