import type { FrameMessage } from './protocol.js'

/** Runs one frame command for a hosted app session; unknown commands are logged and not answered. */
export function handleCommand(session: object, msg: FrameMessage, reply: (payload?: unknown) => void): unknown
