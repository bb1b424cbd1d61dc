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

export function preference<S extends v.GenericSchema>(name: string, schema: S): Preference<v.InferOutput<S>> {
  const full = (key: string) => `${PREFIX}${name}:${key}`;
  return {
    read(key) {
      try {
        const raw = localStorage.getItem(full(key));
        if (raw === null) return undefined;
        const r = v.safeParse(schema, JSON.parse(raw));
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
      } catch {
        /* blocked */
      }
    },
  };
}
