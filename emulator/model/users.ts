/** The portal's users: 1 = admin, 2 = employee without admin rights, 3 = a second admin. */
export interface PortalUser {
  id: number
  name: string
  lastName: string
  email: string
  isAdmin: boolean
}

export const USERS: readonly PortalUser[] = [
  { id: 1, name: 'Alex', lastName: 'Morgan', email: 'alex.morgan@example.com', isAdmin: true },
  { id: 2, name: 'Jamie', lastName: 'Lee', email: 'jamie.lee@example.com', isAdmin: false },
  { id: 3, name: 'Sam', lastName: 'Taylor', email: 'sam.taylor@example.com', isAdmin: true },
]

export function findUser(id: number): PortalUser | undefined {
  return USERS.find(u => u.id === id)
}

export function isAdmin(id: number): boolean {
  return findUser(id)?.isAdmin ?? false
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

/** profile: the short profile with ADMIN. */
export function profileToWire(u: PortalUser): Record<string, unknown> {
  return {
    ID: String(u.id),
    ADMIN: u.isAdmin,
    NAME: u.name,
    LAST_NAME: u.lastName,
    PERSONAL_GENDER: '',
    PERSONAL_PHOTO: null,
    TIME_ZONE: '',
    TIME_ZONE_OFFSET: 10800,
  }
}
