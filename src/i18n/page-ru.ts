/** The app page's own namespaces in ru: their own chunk, fetched only for a ru portal (load-messages.ts). */
import home from './ru/home.json'
import install from './ru/install.json'
import setup from './ru/setup.json'

export const ruPage = { home, install, setup }
