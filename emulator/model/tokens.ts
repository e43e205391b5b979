/**
 * OAuth tokens of the app: access tokens expire after a configurable
 * lifetime (401 expired_token, docs/platform.md "Errors"), refresh tokens get new ones.
 * Kept in memory only: after a restart the pages issue fresh ones.
 */
import { randomBytes } from 'node:crypto'
import type { IssuedTokens, PortalLang } from '../contract'
import { errors } from './errors'

interface AccessEntry { userId: number, lang: PortalLang, expiresAt: number }

/** Who an access token speaks for, and in which language (the page's `?lang=` when it was issued). */
export interface TokenSession { userId: number, lang: PortalLang }

export class TokenStore {
  private readonly access = new Map<string, AccessEntry>()
  private readonly refresh = new Map<string, TokenSession>()

  constructor(
    private readonly ttlSeconds: number,
    private readonly memberId: () => string,
    private readonly now: () => number,
  ) {}

  issue(userId: number, lang: PortalLang = 'en'): IssuedTokens {
    const accessToken = randomBytes(16).toString('hex')
    const refreshToken = randomBytes(16).toString('hex')
    this.access.set(accessToken, { userId, lang, expiresAt: this.now() + this.ttlSeconds * 1000 })
    this.refresh.set(refreshToken, { userId, lang })
    return { accessToken, refreshToken, expiresIn: this.ttlSeconds, memberId: this.memberId() }
  }

  /** New tokens for a refresh token (the old refresh token is spent); null when unknown. */
  refreshTokens(refreshToken: string): IssuedTokens | null {
    const session = this.refresh.get(refreshToken)
    if (session === undefined)
      return null
    this.refresh.delete(refreshToken)
    return this.issue(session.userId, session.lang)
  }

  /** The user of an access token, or the wire error: 401 expired_token / invalid_token. */
  authenticate(accessToken: string): number {
    return this.session(accessToken).userId
  }

  /** The user and language of an access token, or the wire error: 401 expired_token / invalid_token. */
  session(accessToken: string): TokenSession {
    const entry = this.access.get(accessToken)
    if (!entry)
      throw errors.invalidToken()
    if (entry.expiresAt <= this.now())
      throw errors.expiredToken()
    return { userId: entry.userId, lang: entry.lang }
  }

  expireAll(): void {
    const past = this.now() - 1
    for (const entry of this.access.values())
      entry.expiresAt = past
  }
}
