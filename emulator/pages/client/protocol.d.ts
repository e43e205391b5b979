/** A command the app sent to the parent page. */
export interface FrameMessage {
  command: string
  params: unknown
  callbackKey: string
  appSid: string
}
export function parseFrameMessage(data: unknown): FrameMessage | null
export function formatReply(callbackKey: string, payload?: unknown): string
