/**
 * What the page listens to besides its views: Ctrl+Z / Ctrl+Y from anywhere but a text field,
 * another window's commits (on focus and every 2 s), a warning before closing with a write
 * pending, errors no handler reported (said in Chinese), and a retry of failed writes when the
 * browser comes back online or the window regains focus. Also asks for persistent storage.
 */
import { createEffect, createSignal, onCleanup, onMount, type Accessor } from 'solid-js';
import type { AppState } from './appState';
import { userMessage } from '../shared/errors';

const POLL_MS = 2000;

/** Returns whether the browser granted persistent storage (false from file://; null until known). */
export function usePageEvents(app: AppState, started: Accessor<boolean | undefined>, saveToFile: () => Promise<void>): Accessor<boolean | null> {
  const [persisted, setPersisted] = createSignal<boolean | null>(null);
  // Undo/redo from anywhere but a text field (the grid's own editor handles its keys itself).
  // Ctrl+S saves the workbook file from anywhere, as in Excel (caught before the cell editor, which
  // keeps its keys to itself): an open editor is committed first (its blur commits, queued in the
  // worker before the save).
  const onSaveKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 's') return;
    e.preventDefault();
    if (e.repeat) return;
    (document.activeElement as HTMLElement | null)?.blur?.();
    void saveToFile().catch(() => undefined);
  };
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    if (!(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      void app.undo().catch(() => undefined);
    } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
      e.preventDefault();
      void app.redo().catch(() => undefined);
    }
  };
  const onFocus = () => void app.checkExternal();
  onMount(() => {
    window.addEventListener('keydown', onKey);
    window.addEventListener('keydown', onSaveKey, true);
    window.addEventListener('focus', onFocus);
    const timer = window.setInterval(() => started() && void app.checkExternal(), POLL_MS);
    onCleanup(() => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keydown', onSaveKey, true);
      window.removeEventListener('focus', onFocus);
      window.clearInterval(timer);
    });
    // From file:// this resolves false: storage is best-effort, and we say so.
    void navigator.storage?.persist?.().then(setPersisted, () => setPersisted(false));
  });

  // Warn before closing while a save is in flight or a write failed (the journal still keeps the edit).
  createEffect(() => {
    const handler = (e: BeforeUnloadEvent) => {
      if (app.saveState() !== 'saved') e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    onCleanup(() => window.removeEventListener('beforeunload', handler));
  });
  // Nothing unexpected goes unexplained: errors no handler reported get a Chinese sentence too.
  onMount(() => {
    const report = (e: unknown) => {
      if ((e as { reported?: boolean } | null)?.reported) return;
      const m = userMessage(e);
      app.say(m.message, 'error', m.detail);
    };
    const onError = (ev: ErrorEvent) => report(ev.error ?? ev.message);
    const onRejection = (ev: PromiseRejectionEvent) => {
      ev.preventDefault();
      report(ev.reason);
    };
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const retry = () => app.saveState() === 'unsaved' && void app.retrySaves().catch(() => undefined);
    window.addEventListener('online', retry);
    window.addEventListener('focus', retry);
    onCleanup(() => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('online', retry);
      window.removeEventListener('focus', retry);
    });
  });
  return persisted;
}
