// The request log: every ModelArts / IAM request, as tests and the control API read it (never the
// Authorization header). A request still in flight at reset() (one delayed by latency, say) belongs
// to the state before it, so it is logged only if no reset came between its arrival and its answer.

export interface RequestLogEntry {
  /** ISO time the request arrived (emulator clock). */
  time: string;
  method: string;
  /** Raw path as received, without the query. */
  path: string;
  /** Raw query string without `?`, '' when none. */
  query: string;
  /** Status answered; 0 when the connection was dropped by a fault. */
  status: number;
  /** The access key of the Authorization header, when there was one. Never the secret or the signature. */
  accessKey?: string;
  requestId: string;
  durationMs: number;
  /** True when a fault rule applied. */
  fault?: boolean;
  /** The body answered to a write (POST, PATCH, DELETE), so tests can compare what a client shows with what was sent. */
  responseBody?: string;
  /** The body and Content-Type of a write as received, so tests can check what a client sent (a write carries no secrets). */
  requestBody?: string;
  contentType?: string;
  /** Serial number of the connection that carried the request (1, 2, …): equal numbers mean a reused connection. */
  connection: number;
}

export class RequestLog {
  /** Live: cleared in place, so the array handed out stays the log. */
  readonly entries: RequestLogEntry[] = [];
  private generation = 0;

  /** Oldest entries are dropped beyond `max`. */
  constructor(private readonly max: number) {}

  /** Taken when a request arrives, given back to add() when it is answered. */
  get current(): number {
    return this.generation;
  }

  add(entry: RequestLogEntry, generation: number): void {
    if (generation !== this.generation) return;
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  /** Empties the log; requests in flight are then not logged. */
  restart(): void {
    this.entries.length = 0;
    this.generation++;
  }
}
