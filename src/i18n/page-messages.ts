/**
 * The namespaces only the app page (DEFAULT) uses, in every locale at once,
 * for tests and checks. The app does not import this module: AppHome has
 * page-en.ts in its chunk and loads ru through load-messages.ts.
 */
import { enPage } from './page-en'
import { ruPage } from './page-ru'

import enBulk from './en/bulk.json'
import enHistory from './en/history.json'
import enMap from './en/map.json'
import ruBulk from './ru/bulk.json'
import ruHistory from './ru/history.json'
import ruMap from './ru/map.json'

export const pageMessages = { en: { ...enPage, history: enHistory, bulk: enBulk, map: enMap }, ru: { ...ruPage, history: ruHistory, bulk: ruBulk, map: ruMap } } as const
