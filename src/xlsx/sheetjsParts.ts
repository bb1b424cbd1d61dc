/**
 * The parts of SheetJS the app uses, imported by name so the bundler keeps only them; this module
 * is what sheetjs.ts loads on first use.
 */
export { read, utils } from '@e965/xlsx';
