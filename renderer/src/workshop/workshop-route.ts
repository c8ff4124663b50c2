/** The hash of the workshop screen (Plan ▸ Host a workshop, desktop app). */
export const workshopScreenHash = '#/workshop';
