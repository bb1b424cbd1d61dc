/** bench/results.json: the last run's figures (not committed); each bench script fills its section. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('./results.json', import.meta.url));

export function saveSection(section: string, data: unknown): void {
  let all: Record<string, unknown> = {};
  try {
    if (existsSync(FILE)) all = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    all = {};
  }
  all.machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version, at: new Date().toISOString() };
  all[section] = data;
  writeFileSync(FILE, JSON.stringify(all, null, 2) + '\n');
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
