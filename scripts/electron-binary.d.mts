export interface DownloadMarker {
  version: string | null
  failedAt: number
  reason: string
}
export const RETRY_AFTER_DAYS: number
export function markerPath(root: string): string
export function installedBinary(root: string): string | null
export function electronVersion(root: string): string | null
export function readMarker(path: string): DownloadMarker | null
export function shouldTryDownload(state: { marker: DownloadMarker | null; version: string | null; now: number; retry?: boolean }): boolean
export function nextTry(marker: DownloadMarker): Date
export function failureReason(output: string, status: number | null): string
export function downloadBinary(root: string, options?: { verbose?: boolean; timeoutMs?: number; now?: number }): { exe: string } | { reason: string; exe?: undefined }
