/** A test helper for the portal layer's failures. Tests only. */
import type { AppError } from '@/domain/errors'

/** The error `p` rejects with (as an AppError, the portal layer's only kind); throws when `p` resolves instead. */
export async function rejectionOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  }
  catch (e) {
    return e as AppError
  }
  throw new Error('expected a rejection')
}
