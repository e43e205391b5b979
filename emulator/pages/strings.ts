/**
 * The portal chrome's own words (menu, tabs, fault panel) in the portal
 * languages the emulator offers. The app's texts live in src/i18n; these are
 * the emulated Bitrix24's.
 */

export const PORTAL_LANGS = ['en', 'ru'] as const
export type PortalLang = (typeof PORTAL_LANGS)[number]

const en = {
  portal_name: 'Bitrix24 (emulator)',
  start_title: 'Emulated Bitrix24 portal',
  start_intro: 'This portal plays Bitrix24 around the app: open a card, a list or the app page.',
  menu_label: 'Portal menu',
  menu_crm: 'CRM',
  menu_smart_processes: 'Smart processes',
  menu_app: 'Smart Process Studio',
  menu_start: 'Start',
  user_label: 'Acting as',
  lang_label: 'Language',
  role_1: 'administrator',
  role_2: 'employee, no admin rights',
  role_3: 'second administrator',
  tab_general: 'General',
  tabs_label: 'Item card sections',
  field: 'Field',
  value: 'Value',
  item_title: '{type}: {title}',
  list_title: '{type}: items',
  list_empty: 'There are no items yet.',
  list_item: 'Item',
  toolbar_label: 'List toolbar',
  toolbar_add: 'Add item',
  toolbar_apps: 'Applications',
  slider_close: 'Close',
  app_page_title: 'Smart Process Studio',
  app_not_installed_employee: 'The administrator has not finished installing this application yet.',
  app_install_notice: 'Installing the application: finish the setup inside it.',
  not_found: 'Not found',
  not_found_type: 'There is no CRM type {id}.',
  not_found_item: 'There is no item {id} of this type.',
  tab_hint_unbound: 'The app tab shows once {code} is bound and the install is finished.',
  open_card: 'open card of item {id}',
  open_list: 'items',
  faults_title: 'Fault switches',
  fault_latency: 'Added latency, ms',
  fault_error_rate: 'Error rate, %',
  fault_rate_limit: 'Rate limit (2/s, burst 50)',
  fault_refresh_silent: 'Refresh does not answer',
  fault_drop_relations: 'Drop relations to type',
  fault_expire: 'Expire tokens now',
  fault_other_admin: 'Another admin edits this type',
  fault_apply: 'Apply',
  fault_saved: 'Fault switches saved.',
  fault_expired: 'All tokens issued so far have expired.',
  fault_other_admin_done: 'Another administrator changed {flag}{relation}.',
  fault_other_admin_relation: ' and linked type {id}',
  pick_user: 'Choose a user',
} as const

export type StringKey = keyof typeof en

const ru: Record<StringKey, string> = {
  portal_name: 'Битрикс24 (эмулятор)',
  start_title: 'Эмулятор портала Битрикс24',
  start_intro: 'Этот портал играет роль Битрикс24 вокруг приложения: откройте карточку, список или страницу приложения.',
  menu_label: 'Меню портала',
  menu_crm: 'CRM',
  menu_smart_processes: 'Смарт-процессы',
  menu_app: 'Smart Process Studio',
  menu_start: 'Начало',
  user_label: 'Пользователь',
  lang_label: 'Язык',
  role_1: 'администратор',
  role_2: 'сотрудник без прав администратора',
  role_3: 'второй администратор',
  tab_general: 'Общие',
  tabs_label: 'Разделы карточки',
  field: 'Поле',
  value: 'Значение',
  item_title: '{type}: {title}',
  list_title: '{type}: элементы',
  list_empty: 'Элементов пока нет.',
  list_item: 'Элемент',
  toolbar_label: 'Панель списка',
  toolbar_add: 'Добавить элемент',
  toolbar_apps: 'Приложения',
  slider_close: 'Закрыть',
  app_page_title: 'Smart Process Studio',
  app_not_installed_employee: 'Администратор ещё не завершил установку этого приложения.',
  app_install_notice: 'Установка приложения: завершите настройку в нём.',
  not_found: 'Не найдено',
  not_found_type: 'Нет типа CRM {id}.',
  not_found_item: 'Нет элемента {id} этого типа.',
  tab_hint_unbound: 'Вкладка приложения появится, когда {code} будет привязан и установка завершена.',
  open_card: 'открыть карточку элемента {id}',
  open_list: 'элементы',
  faults_title: 'Переключатели сбоев',
  fault_latency: 'Добавочная задержка, мс',
  fault_error_rate: 'Доля ошибок, %',
  fault_rate_limit: 'Ограничение частоты (2/с, запас 50)',
  fault_refresh_silent: 'Обновление токена не отвечает',
  fault_drop_relations: 'Терять связи с типом',
  fault_expire: 'Истечь токены сейчас',
  fault_other_admin: 'Другой администратор меняет этот тип',
  fault_apply: 'Применить',
  fault_saved: 'Переключатели сбоев сохранены.',
  fault_expired: 'Все выданные токены истекли.',
  fault_other_admin_done: 'Другой администратор изменил {flag}{relation}.',
  fault_other_admin_relation: ' и связал тип {id}',
  pick_user: 'Выберите пользователя',
}

export const STRINGS: Record<PortalLang, Record<StringKey, string>> = { en, ru }

/** The portal's word for `key` in `lang`, with `{name}` parameters filled in (as text; escape when rendering). */
export function t(lang: PortalLang, key: StringKey, params: Record<string, string | number> = {}): string {
  return STRINGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
