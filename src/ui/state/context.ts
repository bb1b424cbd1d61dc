import { createContext, useContext } from 'solid-js';
import type { AppState } from './appState';

/** The page's app state (plain object of signals and actions), for components deep in the tree. */
export const AppContext = createContext<AppState>();

export function useApp(): AppState {
  const app = useContext(AppContext);
  if (!app) throw new Error('AppContext missing');
  return app;
}
