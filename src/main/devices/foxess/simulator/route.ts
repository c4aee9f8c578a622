/** An endpoint of the simulated open API: its method and what it answers in `result` (errors are thrown as SimErrno). */
export interface FoxRoute {
  method: 'GET' | 'POST'
  handle(req: { query: URLSearchParams; body: Record<string, unknown>; key: string }): unknown
}

export type FoxRoutes = Record<string, FoxRoute>
