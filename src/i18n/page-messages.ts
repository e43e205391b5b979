/**
 * The namespaces only the app page (DEFAULT) uses, imported by it and so
 * bundled in its lazy chunk: the card tab never loads them. AppHome merges
 * them into the global messages when it starts.
 */
import enHome from './en/home.json'
import enInstall from './en/install.json'
import ruHome from './ru/home.json'
import ruInstall from './ru/install.json'

export const pageMessages = {
  en: { home: enHome, install: enInstall },
  ru: { home: ruHome, install: ruInstall },
} as const
