/** The log of requests the portal answered, for tests and the fault panel ("60 types bound in 3 batch requests"). */
export interface RequestLogEntry {
  seq: number
  /** ISO time the request arrived. */
  at: string
  /** `rest` (OAuth), `webhook`, or `v1` (vibecode gateway). */
  via: 'rest' | 'webhook' | 'v1'
  /** REST method name, or `GET /v1/...` for the gateway. */
  method: string
  /** The methods of a batch's commands, in order. */
  commands?: string[]
  userId: number | null
  status: number
  /** Error code when the answer is an error. */
  error?: string | number
  durationMs: number
}

export class RequestLog {
  private entries: RequestLogEntry[] = []
  private seq = 0

  constructor(private readonly capacity = 10_000) {}

  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.entries.push({ seq: ++this.seq, ...entry })
    if (this.entries.length > this.capacity)
      this.entries.splice(0, this.entries.length - this.capacity)
  }

  list(): RequestLogEntry[] {
    return [...this.entries]
  }

  clear(): void {
    this.entries = []
  }
}
