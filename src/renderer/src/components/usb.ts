/** USB-serial chips installers meet every day, by USB vendor id: shown beside the raw VID:PID. */
const VENDORS: Record<string, string> = {
  '0403': 'FTDI',
  '067b': 'Prolific',
  '10c4': 'Silicon Labs CP210x',
  '1a86': 'WCH CH34x',
  '2341': 'Arduino',
  '0483': 'STMicroelectronics',
  '303a': 'Espressif',
  '1366': 'SEGGER',
  '0557': 'ATEN',
  '04e2': 'Exar',
}

export function usbVendorName(vendorId: string | undefined): string | undefined {
  return vendorId ? VENDORS[vendorId.toLowerCase()] : undefined
}
