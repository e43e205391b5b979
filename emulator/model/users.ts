/**
 * The portal's users and their rights, as the REST docs split them: portal
 * administrator (profile.ADMIN, user.admin), administrative access to the
 * CRM section (crm-type-*.md "Кто может выполнять метод"; portal admins have
 * it too), and read permission per smart process.
 */
export interface PortalUser {
  id: number
  name: string
  lastName: string
  email: string
  /** Portal administrator. */
  isAdmin: boolean
  /** Administrative access to the CRM section (true for every portal admin). */
  isCrmAdmin: boolean
  /** entityTypeIds of smart processes this user may not read; every other type is readable. */
  cannotRead: readonly number[]
}

export const USERS: readonly PortalUser[] = [
  { id: 1, name: 'Alex', lastName: 'Morgan', email: 'alex.morgan@example.com', isAdmin: true, isCrmAdmin: true, cannotRead: [] },
  { id: 2, name: 'Jamie', lastName: 'Lee', email: 'jamie.lee@example.com', isAdmin: false, isCrmAdmin: false, cannotRead: [] },
  { id: 3, name: 'Sam', lastName: 'Taylor', email: 'sam.taylor@example.com', isAdmin: true, isCrmAdmin: true, cannotRead: [] },
  { id: 4, name: 'Dana', lastName: 'Petrova', email: 'dana.petrova@example.com', isAdmin: false, isCrmAdmin: true, cannotRead: [] },
  // Marketing Campaigns (1034, seed.ts) is closed to him.
  { id: 5, name: 'Chris', lastName: 'Novak', email: 'chris.novak@example.com', isAdmin: false, isCrmAdmin: false, cannotRead: [1034] },
]

export function findUser(id: number): PortalUser | undefined {
  return USERS.find(u => u.id === id)
}

/** Portal administrator (user.admin, profile.ADMIN, placement.*). */
export function isAdmin(id: number): boolean {
  return findUser(id)?.isAdmin ?? false
}

/** Administrative access to the CRM section (crm.type.list/fields/add/update/delete). */
export function isCrmAdmin(id: number): boolean {
  const u = findUser(id)
  return (u?.isAdmin ?? false) || (u?.isCrmAdmin ?? false)
}

/** Read permission on a CRM type (crm.type.get, crm.item.list/get): CRM admins read everything. */
export function canReadType(id: number, entityTypeId: number): boolean {
  const u = findUser(id)
  if (!u)
    return false
  return isCrmAdmin(id) || !u.cannotRead.includes(entityTypeId)
}

/** user.current as the portal prints it (upper-case keys, ids as strings). */
export function userToWire(u: PortalUser): Record<string, unknown> {
  return {
    ID: String(u.id),
    XML_ID: null,
    ACTIVE: true,
    NAME: u.name,
    LAST_NAME: u.lastName,
    SECOND_NAME: '',
    EMAIL: u.email,
    PERSONAL_GENDER: '',
    PERSONAL_PHOTO: null,
    TIME_ZONE: '',
    TIME_ZONE_OFFSET: 10800,
    IS_ONLINE: 'Y',
    USER_TYPE: 'employee',
  }
}

/** profile: exactly the fields api-reference/common/users/profile.md shows. */
export function profileToWire(u: PortalUser): Record<string, unknown> {
  return {
    ID: String(u.id),
    ADMIN: u.isAdmin,
    NAME: u.name,
    LAST_NAME: u.lastName,
    PERSONAL_GENDER: '',
    TIME_ZONE: '',
  }
}
