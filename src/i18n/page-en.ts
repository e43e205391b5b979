/**
 * The app page's (DEFAULT) own namespaces in en, imported by AppHome and so
 * bundled in its lazy chunk: the card tab never loads them.
 */
import home from './en/home.json'
import install from './en/install.json'
import setup from './en/setup.json'

export const enPage = { home, install, setup }
