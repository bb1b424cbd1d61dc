export const WORKER_TYPE: string;
export function splitInlineWorker(html: string): string;
export function joinedWorker(html: string): string;
