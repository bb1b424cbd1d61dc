/** Ids and timestamps of stored records (one place: every writer stamps the same way). */
export function newId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

export const now = (): string => new Date().toISOString();
