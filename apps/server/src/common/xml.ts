/**
 * Text and attribute values for XML written by hand (Torznab feeds, NFO files): characters XML
 * 1.0 cannot carry at all are dropped (site titles have contained control characters), the five
 * markup characters become entities.
 */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}
