import { createContext, useContext } from 'react';
import type { CommandRegistry } from '../commands/registry.js';
import type { AppController } from './app-controller.js';
import type { LibraryActions } from './library-actions.js';
import type { ReviewController } from '../review/review-controller.js';

/** The app's controller, library actions and commands, given to components by the root. */
export interface Controllers {
  app: AppController;
  library: LibraryActions;
  /** Every command with its keys: the outline, the palette, the keyboard help and the menus read it. */
  commands: CommandRegistry;
  review: ReviewController;
}

export const ControllerContext = createContext<Controllers | null>(null);

export function useControllers(): Controllers {
  const controllers = useContext(ControllerContext);
  if (!controllers) throw new Error('Throughline: a component rendered outside the app root has no controller.');
  return controllers;
}
