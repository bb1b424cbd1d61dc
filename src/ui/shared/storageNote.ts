/**
 * The storage note (浏览器只能“尽力保存”) once closed stays closed, in this profile, until the risk it
 * speaks of changes — the browser's answer about keeping the data (persist()) is what it is about.
 * It came back on every open and covered the totals and buttons.
 */
import * as v from 'valibot';
import { createSignal } from 'solid-js';
import { preference } from './preference';

const closed = preference('storage-note', v.object({ risk: v.pipe(v.string(), v.maxLength(100)) }));

/** The risk the note speaks of, in one word: how this page is opened and what the browser promised. */
const riskOf = (persisted: boolean | null) => `${location.protocol}|${persisted === true ? 'persisted' : 'best-effort'}`;

export function createStorageNote(persisted: () => boolean | null) {
  const [version, setVersion] = createSignal(0);
  return {
    shown: () => (version(), persisted() === false && closed.read('')?.risk !== riskOf(persisted())),
    close() {
      closed.write('', { risk: riskOf(persisted()) });
      setVersion((n) => n + 1);
    },
  };
}
