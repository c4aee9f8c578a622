import { describe, expect, it } from 'vitest'
import { identify, type NodeInspector, sameDevice } from './port-identity'

const nodes: Record<string, { target: string; node: string }> = {}
const inspect: NodeInspector = (path) => nodes[path] ?? null

describe('port identity', () => {
  it('a USB adapter is known by what the OS lists, whatever its node: a re-plug re-creates the node', () => {
    nodes['/dev/ttyUSB0'] = { target: '/dev/ttyUSB0', node: 'first' }
    const before = identify('/dev/ttyUSB0', { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' }, inspect)
    nodes['/dev/ttyUSB0'] = { target: '/dev/ttyUSB0', node: 'second' }
    expect(sameDevice(before, identify('/dev/ttyUSB0', { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' }, inspect))).toBe(true)
    expect(sameDevice(before, identify('/dev/ttyUSB0', { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001' }, inspect))).toBe(false)
  })

  it('a serial number the adapter had must be there again; until the OS lists the port, it cannot be told', () => {
    const before = identify('COM7', { path: 'COM7', vendorId: '0403', productId: '6001', serialNumber: 'FT1' }, inspect)
    expect(sameDevice(before, identify('COM7', { path: 'COM7', vendorId: '0403', productId: '6001' }, inspect))).toBe(false)
    expect(sameDevice(before, identify('COM7', { path: 'COM7', vendorId: '0403', productId: '6001', serialNumber: 'FT2' }, inspect))).toBe(false)
    expect(sameDevice(before, identify('COM7', undefined, inspect))).toBeNull()
  })

  it('a port without a USB identity is its node: another target, or the same number re-created, is another device', () => {
    nodes['/tmp/app'] = { target: '/dev/pts/4', node: '25:7:34820:100' }
    const before = identify('/tmp/app', undefined, inspect)
    expect(sameDevice(before, identify('/tmp/app', undefined, inspect))).toBe(true)
    nodes['/tmp/app'] = { target: '/dev/pts/9', node: '25:12:34825:200' }
    expect(sameDevice(before, identify('/tmp/app', undefined, inspect))).toBe(false)
    nodes['/tmp/app'] = { target: '/dev/pts/4', node: '25:7:34820:300' }
    expect(sameDevice(before, identify('/tmp/app', undefined, inspect))).toBe(false)
    expect(sameDevice(before, identify('/tmp/app', { path: '/tmp/app', vendorId: '0403' }, inspect))).toBe(false)
    delete nodes['/tmp/app']
    expect(sameDevice(before, identify('/tmp/app', undefined, inspect))).toBeNull()
  })

  it('a Windows COM name without a USB identity has nothing to compare: it comes back as itself', () => {
    expect(sameDevice(identify('COM3', undefined, inspect), identify('COM3', undefined, inspect))).toBe(true)
  })
})
