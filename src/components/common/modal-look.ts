/** The kit's modal description grey is 3.45:1 on white (axe: color-contrast); the label colour reads. */
export const MODAL_LOOK = { description: 'text-label' }
