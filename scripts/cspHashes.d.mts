export function inlineScripts(html: string): string[];
export function sha256(text: string): string;
export function withScriptHashes(html: string): string;
