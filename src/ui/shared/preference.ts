/**
 * A preference kept in localStorage: what the page remembers for the person (a form half filled
 * in, where they were), losing which loses no data of the workbook. All file:// pages of a profile
 * share one localStorage, so everything read back is checked against a valibot schema and dropped
 * when it does not fit; writing never throws (storage full or blocked). One key prefix for all.
 */
import * as v from 'valibot';

const PREFIX = 'kaohe-gongzuobu:';

export interface Preference<T> {
  /** The stored value, or undefined when there is none or it does not fit the schema. */
  read(key: string): T | undefined;
  write(key: string, value: T): void;
  remove(key: string): void;
}

/**
 * `legacyKey`: where an earlier build kept the same thing as a plain string (read when the new key
 * holds nothing, removed with it), so an upgrade loses nothing typed.
 */
export function preference<S extends v.GenericSchema>(name: string, schema: S, legacyKey?: (key: string) => string): Preference<v.InferOutput<S>> {
  // kaohe-gongzuobu:<name>, or kaohe-gongzuobu:<name>:<key> for one of many (a workbook's, a period's).
  const full = (key: string) => (key ? `${PREFIX}${name}:${key}` : `${PREFIX}${name}`);
  return {
    read(key) {
      try {
        const raw = localStorage.getItem(full(key));
        const old = raw === null && legacyKey ? localStorage.getItem(legacyKey(key)) : null;
        if (raw === null && old === null) return undefined;
        const r = v.safeParse(schema, raw !== null ? JSON.parse(raw) : old);
        return r.success ? r.output : undefined;
      } catch {
        return undefined;
      }
    },
    write(key, value) {
      try {
        localStorage.setItem(full(key), JSON.stringify(value));
      } catch {
        /* storage full or blocked: a preference only */
      }
    },
    remove(key) {
      try {
        localStorage.removeItem(full(key));
        if (legacyKey) localStorage.removeItem(legacyKey(key));
      } catch {
        /* blocked */
      }
    },
  };
}
