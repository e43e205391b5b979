/**
 * A native select styled as the kit's inputs (as PortalHistory's): the
 * kit's Select would be a new component for the whole app (component
 * detection registers it for every screen, npm run bench).
 */
export const SELECT_CLASS = 'h-9 w-full rounded-md border border-(--ui-color-divider-default) bg-transparent px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-(--ui-color-accent-main-primary)'

/** A native checkbox in the kit's accent colour. */
export const CHECKBOX_CLASS = 'size-4 cursor-pointer'
