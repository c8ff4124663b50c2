import { createContext, useContext } from 'react';
import type { AppController } from './app-controller.js';
import type { LibraryActions } from './library-actions.js';

/** The app's controller and library actions, given to components by the root. */
export interface Controllers {
  app: AppController;
  library: LibraryActions;
}

export const ControllerContext = createContext<Controllers | null>(null);

export function useControllers(): Controllers {
  const controllers = useContext(ControllerContext);
  if (!controllers) throw new Error('Throughline: a component rendered outside the app root has no controller.');
  return controllers;
}
