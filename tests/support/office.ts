/**
 * An exported file as an office suite prints it: LibreOffice (headless) converts it to PDF and
 * poppler's pdftotext reads each page's text back. Null when either is not installed (they are
 * Debian packages: libreoffice-calc / libreoffice-writer, poppler-utils); the tests that use it say
 * so and check the file itself instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const has = (cmd: string) => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export const hasOffice = has('soffice') && has('pdftotext') && has('pdfinfo');

// In CI a missing office suite is a failure, not a skip (.ci/run installs it).
if (process.env.CI === 'true' && !hasOffice) {
  throw new Error('CI: LibreOffice or poppler-utils not found; the printed-pages tests must run (apt-get install -y libreoffice-calc libreoffice-writer poppler-utils)');
}

/** The PDF LibreOffice prints of `bytes` (a .xlsx or .docx). */
export function officePdf(bytes: Uint8Array, ext: 'xlsx' | 'docx'): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-office-'));
  const file = join(dir, `doc.${ext}`);
  writeFileSync(file, bytes);
  // A profile of its own: a second soffice on the machine (or a leftover lock) cannot block this one.
  const profile = pathToFileURL(join(dir, 'profile')).href;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
  const pdf = join(dir, 'doc.pdf');
  if (!existsSync(pdf)) throw new Error('LibreOffice made no PDF');
  return readFileSync(pdf);
}

/** Each printed page's text (layout kept, so a row of a table stays on one line). */
export function pageTexts(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' }));
}
