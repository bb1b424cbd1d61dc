import type { Plugin } from 'vite';
export function exceljsWithSharedZip(code: string): string;
export function docxWithSharedZip(code: string): string;
export function sharedJSZip(): Plugin;
