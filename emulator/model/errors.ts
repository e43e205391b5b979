/**
 * Errors of the emulated portal, as the wire carries them: HTTP status plus
 * `{error, error_description}` (docs/platform.md "Errors"). Controller errors speak the
 * token's language (docs/platform.md "Errors": "texts come in the portal's language");
 * system errors (_includes/system-errors.md) are English only.
 */
import type { PortalLang } from '../contract'

export class RestError extends Error {
  readonly status: number
  /** Bitrix24 sends numeric 0 for some controller errors ("SPA not found"): crm-type-get.md. */
  readonly code: string | number
  /** The Russian text, where the docs give one; English otherwise. */
  readonly ru: string | undefined
  /** More keys of the body: the rest module's ArgumentException adds `argument` (api-reference/entity/entities/entity-add.md). */
  readonly extra: Record<string, unknown> | undefined

  constructor(status: number, code: string | number, description: string, ru?: string, extra?: Record<string, unknown>) {
    super(description)
    this.name = 'RestError'
    this.status = status
    this.code = code
    this.ru = ru
    this.extra = extra
  }

  /** The wire body of this error, in the caller's language. */
  toBody(lang: PortalLang = 'en'): { error: string | number, error_description: string, [key: string]: unknown } {
    return { error: this.code, error_description: lang === 'ru' && this.ru ? this.ru : this.message, ...this.extra }
  }
}

/** crm.type.* controller errors (REST docs crm-type-*.md "Обработка ошибок", docs/platform.md "Errors") and system errors. */
export const errors = {
  // crm-type-list.md, crm-type-get.md: 400 ACCESS_DENIED "Доступ запрещен"
  accessDenied: () => new RestError(400, 'ACCESS_DENIED', 'Access denied', 'Доступ запрещен'),
  // crm-item-get.md: 400 ACCESS_DENIED "У Вас нет прав на просмотр этого элемента" (English text not in the docs)
  itemReadDenied: () => new RestError(400, 'ACCESS_DENIED', 'You do not have permission to view this item', 'У Вас нет прав на просмотр этого элемента'),
  /** rest module methods (app.option.set) answer 403 for non-admins. */
  restAccessDenied: () => new RestError(403, 'ACCESS_DENIED', 'Access denied! Admin permissions required'),
  // rest/lib/api/placement.php checkPermission: new AccessException() → 403 ACCESS_DENIED "Access denied!" (rest/lib/accessexception.php)
  placementAccessDenied: () => new RestError(403, 'ACCESS_DENIED', 'Access denied!'),
  // crm-type-get.md: HTTP 400 {"error": 0, "error_description": "Смарт-процесс не найден"}; English "SPA not found" (docs/platform.md "Errors")
  typeNotFound: () => new RestError(400, 0, 'SPA not found', 'Смарт-процесс не найден'),
  // crm-item-list.md, crm-item-get.md
  itemTypeNotFound: () => new RestError(400, 'NOT_FOUND', 'SPA not found', 'Смарт-процесс не найден'),
  itemNotFound: () => new RestError(400, 'NOT_FOUND', 'Element not found', 'Элемент не найден'),
  // The Russian text as crm-automated-solution-add.md prints the same rule for its title.
  titleRequired: () => new RestError(400, 'BX_ERROR', 'Required field "Title" is not filled in', 'Не заполнено обязательное поле «Название»'),
  outOfRange: () => new RestError(400, 'INVALID_ARG_VALUE', 'entityTypeId is out of allowed range'),
  entityTypeIdTaken: () => new RestError(400, 'INVALID_ARG_VALUE', 'entityTypeId is already in use'),
  // crm-type-add.md: CREATE_DYNAMIC_TYPE_RESTRICTED "Превышено максимальное количество смарт-процессов" (plan or limit)
  maxTypes: () => new RestError(400, 'CREATE_DYNAMIC_TYPE_RESTRICTED', 'Maximum number of smart processes exceeded', 'Превышено максимальное количество смарт-процессов'),
  // crm-type-update.md
  updateRestricted: () => new RestError(400, 'UPDATE_DYNAMIC_TYPE_RESTRICTED', 'You cannot change the smart process settings due to your plan restrictions', 'Вы не можете изменить настройки смарт-процесса из-за ограничений вашего тарифа'),
  // crm-type-delete.md
  hasItems: () => new RestError(400, 'BX_ERROR', 'You cannot delete an entity type that has items', 'Вы не можете удалить тип сущности, у которого есть элементы'),
  // crm/lang/{en,ru}/lib/Model/Dynamic/TypeTable.php CRM_TYPE_TABLE_DISABLING_CATEGORIES_IF_MORE_THAN_ONE (TypeTable::onBeforeUpdate)
  categoriesDisableRefused: () => new RestError(400, 'BX_ERROR', 'You cannot disable pipelines if there more than one of them.', 'Воронки могут быть отключены, только если их меньше 2'),
  // same file, CRM_TYPE_TABLE_DISABLING_RECYCLEBIN_WHILE_NOT_EMPTY
  recyclebinDisableRefused: () => new RestError(400, 'BX_ERROR', 'Remove all items of this type from the Recycle Bin before disabling it.', 'Перед отключением корзины удалите из неё все элементы этого типа'),
  // crm-category-*.md: NOT_FOUND "Смарт-процесс не найден"; English: crm/lang/en/lib/Service/Localization.php CRM_TYPE_TYPE_NOT_FOUND
  categoryTypeNotFound: () => new RestError(400, 'NOT_FOUND', 'Smart Process Automation was not found', 'Смарт-процесс не найден'),
  // crm-category-*.md: ENTITY_TYPE_NOT_SUPPORTED "Entity type `{entityTypeName}` is not supported"
  categoryNotSupported: (name: string) => new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${name} is not supported`),
  // crm-category-add.md: 0 "Field 'NAME' is required" (the docs give the English text only)
  categoryNameRequired: () => new RestError(400, 0, 'Field \'NAME\' is required'),
  // crm-category-delete.md; crm/lang/{en,ru}/lib/Model/ItemCategoryTable.php CRM_CATEGORY_TABLE_DELETE_ERROR_DEFAULT / _ITEMS
  categoryDeleteDefault: () => new RestError(400, 'BX_ERROR', 'This is a default pipeline', 'Эта воронка является воронкой по умолчанию'),
  categoryDeleteItems: () => new RestError(400, 'BX_ERROR', 'There are items in this pipeline', 'Найдены элементы, относящиеся к воронке'),
  // api-reference/entity/**: rest module errors (rest/classes/general/rest_entity.php), HTTP 400, English only.
  entityArgumentNull: (name: string) => new RestError(400, 'ERROR_ARGUMENT', `Argument '${name}' is null or empty`, undefined, { argument: name }),
  // entity-get.md: {"error": "ERROR_ARGUMENT", "error_description": "Entity code is too long. Max length is 13 characters.", "argument": ""}
  entityCodeTooLong: (max: number) => new RestError(400, 'ERROR_ARGUMENT', `Entity code is too long. Max length is ${max} characters.`, undefined, { argument: '' }),
  entityArgument: (text: string, argument: string) => new RestError(400, 'ERROR_ARGUMENT', text, undefined, { argument }),
  entityNotFound: () => new RestError(400, 'ERROR_ENTITY_NOT_FOUND', 'Entity not found'),
  entityExists: () => new RestError(400, 'ERROR_ENTITY_ALREADY_EXISTS', 'Entity already exists'),
  entityItemNotFound: () => new RestError(400, 'ERROR_ITEM_NOT_FOUND', 'Item not found'),
  entityPropertyNotFound: () => new RestError(400, 'ERROR_PROPERTY_NOT_FOUND', 'Property not found'),
  entityPropertyExists: (text = 'Property already exists') => new RestError(400, 'ERROR_PROPERTY_ALREADY_EXISTS', text),
  entityCore: (text: string, ru?: string) => new RestError(400, 'ERROR_CORE', text, ru),
  missingParam: (name: string) => new RestError(400, 100, `Could not find value for parameter {${name}}`),
  methodNotFound: () => new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'),
  expiredToken: () => new RestError(401, 'expired_token', 'The access token provided has expired.'),
  invalidToken: () => new RestError(401, 'invalid_token', 'The access token provided is invalid.'),
  noAuth: () => new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'),
  invalidCredentials: () => new RestError(401, 'INVALID_CREDENTIALS', 'Invalid request credentials'),
  // _includes/system-errors.md (its text names the webhook token; an app's OAuth token gets the OAuth 2.0 wording)
  insufficientScope: () => new RestError(403, 'insufficient_scope', 'The request requires higher privileges than provided by the access token'),
  // _includes/system-errors.md: the admin limited the app to some users
  userAccess: () => new RestError(403, 'user_access_error', 'The user does not have access to the application'),
  // _includes/system-errors.md
  batchMethodNotAllowed: () => new RestError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage'),
  queryLimit: () => new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'),
  internal: () => new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'),
  batchTooLarge: () => new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded'),
  invalidRequest: (text: string) => new RestError(400, 'INVALID_REQUEST', text),
}
