/**
 * A file name Windows accepts, for every file the app hands to the person (downloads, the files
 * inside a zip): the characters it forbids (\ / : * ? " < > | and controls) become "_", a name
 * ending in a dot or space loses them, and a device name — CON, PRN, AUX, NUL, COM1–9, LPT1–9, with
 * any extension (NUL.txt-2023年一季度.xlsx is the device NUL to Explorer) — gets a "_" in front.
 */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/iu;
const MAX_BASE = 150;

export function windowsFileName(base: string, extension: string): string {
  let name = [...base.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) || (ch >= '\uD800' && ch <= '\uDFFF' && ch.length === 1) ? '_' : ch))
    .join('')
    .slice(0, MAX_BASE)
    .replace(/[. ]+$/u, '')
    .trim();
  if (!name) name = '未命名';
  if (DEVICE.test(name.split('.')[0]!.trim())) name = `_${name}`;
  return `${name}.${extension}`;
}
