/**
 * OAuth tokens of the app: access tokens expire after a configurable
 * lifetime (401 expired_token, PLATFORM.md §2), refresh tokens get new ones.
 * Kept in memory only: after a restart the pages issue fresh ones.
 */
import { randomBytes } from 'node:crypto'
import type { IssuedTokens } from '../contract'
import { errors } from './errors'

interface AccessEntry { userId: number, expiresAt: number }

export class TokenStore {
  private readonly access = new Map<string, AccessEntry>()
  private readonly refresh = new Map<string, number>()

  constructor(
    private readonly ttlSeconds: number,
    private readonly memberId: () => string,
    private readonly now: () => number,
  ) {}

  issue(userId: number): IssuedTokens {
    const accessToken = randomBytes(16).toString('hex')
    const refreshToken = randomBytes(16).toString('hex')
    this.access.set(accessToken, { userId, expiresAt: this.now() + this.ttlSeconds * 1000 })
    this.refresh.set(refreshToken, userId)
    return { accessToken, refreshToken, expiresIn: this.ttlSeconds, memberId: this.memberId() }
  }

  /** New tokens for a refresh token (the old refresh token is spent); null when unknown. */
  refreshTokens(refreshToken: string): IssuedTokens | null {
    const userId = this.refresh.get(refreshToken)
    if (userId === undefined)
      return null
    this.refresh.delete(refreshToken)
    return this.issue(userId)
  }

  /** The user of an access token, or the wire error: 401 expired_token / invalid_token. */
  authenticate(accessToken: string): number {
    const entry = this.access.get(accessToken)
    if (!entry)
      throw errors.invalidToken()
    if (entry.expiresAt <= this.now())
      throw errors.expiredToken()
    return entry.userId
  }

  expireAll(): void {
    const past = this.now() - 1
    for (const entry of this.access.values())
      entry.expiresAt = past
  }
}
