import type { CabinetCommand, FrameMeaning } from '@shared/contract'

/**
 * Every frame of the seed (swap-cabinet-8ch-board.zh.html), as written there
 * (its mixed upper- and lower-case hex included), with what it is: a command
 * the app sends, or an answer from the board. The codec tests, the reader
 * tests and the bench use them as vectors.
 */
export type SeedFrame =
  | { text: string; comment: string; command: CabinetCommand }
  | { text: string; comment: string; answer: FrameMeaning }

export const SEED_FRAMES: SeedFrame[] = [
  { text: 'comm,01,011036000000007E', comment: '协议解析规则 example (查询电量)', command: { kind: 'readEnergy' } },
  { text: 'comm,01,001031ff000000f9', comment: '开全部继电器', command: { kind: 'allRelays', on: true } },
  { text: 'comm,01,001031ff000000f9', comment: '开全部继电器 (立刻返回,逐个开)', answer: { kind: 'allRelaysAck', params: { on: true } } },
  { text: 'comm,01,0010310000000012', comment: '关全部继电器【20240919之前v5062版本之前无效】', command: { kind: 'allRelays', on: false } },
  { text: 'comm,01,0010310000000012', comment: '关全部继电器 (立刻返回,逐个关)', answer: { kind: 'allRelaysAck', params: { on: false } } },
  { text: 'comm,01,001011ff00000001', comment: '开全部锁(逐个开)', command: { kind: 'openAllLocks' } },
  { text: 'comm,01,0010110000ffff5e', comment: '开全部锁 (立刻返回,逐个开)', answer: { kind: 'allLocksAck', params: { data: '0000FFFF' } } },
  { text: 'comm,01,0110111100000060', comment: '单控开锁 1', command: { kind: 'openLock', slot: 1 } },
  {
    text: 'comm,01,01101111000200f1',
    comment: '单控开锁 (返回) 1B(当前锁槽位|开关状态)2B(总次数)1B(0)',
    answer: { kind: 'lockState', params: { slot: 1, open: true, openCount: 2, key: 11, keyValue: 1 } },
  },
  { text: 'comm,01,0210111100000027', comment: '单控开锁 2', command: { kind: 'openLock', slot: 2 } },
  { text: 'comm,01,031011110000001A', comment: '单控开锁 3', command: { kind: 'openLock', slot: 3 } },
  { text: 'comm,01,04101111000000A9', comment: '单控开锁 4', command: { kind: 'openLock', slot: 4 } },
  { text: 'comm,01,0510111100000094', comment: '单控开锁 5', command: { kind: 'openLock', slot: 5 } },
  { text: 'comm,01,06101111000000D3', comment: '单控开锁 6', command: { kind: 'openLock', slot: 6 } },
  { text: 'comm,01,07101111000000EE', comment: '单控开锁 7', command: { kind: 'openLock', slot: 7 } },
  { text: 'comm,01,08101111000000AC', comment: '单控开锁 8', command: { kind: 'openLock', slot: 8 } },
  { text: 'comm,01,011031ff000000c4', comment: '开继电器1/2 (1)', command: { kind: 'relay', relay: 1, on: true } },
  { text: 'comm,01,021031ff00000083', comment: '开继电器1/2 (2)', command: { kind: 'relay', relay: 2, on: true } },
  { text: 'comm,01,031031ff000000BE', comment: '开继电器1/2 (3)', command: { kind: 'relay', relay: 3, on: true } },
  { text: 'comm,01,041031ff0000000D', comment: '开继电器1/2 (4)', command: { kind: 'relay', relay: 4, on: true } },
  { text: 'comm,01,011031000000002f', comment: '关继电器1/2 (1)', command: { kind: 'relay', relay: 1, on: false } },
  { text: 'comm,01,0210310000000068', comment: '关继电器1/2 (2)', command: { kind: 'relay', relay: 2, on: false } },
  { text: 'comm,01,0310310000000055', comment: '关继电器1/2 (3)', command: { kind: 'relay', relay: 3, on: false } },
  { text: 'comm,01,04103100000000E6', comment: '关继电器1/2 (4)', command: { kind: 'relay', relay: 4, on: false } },
  { text: 'comm,01,01103300000000AC', comment: '查询1\\2\\3路电流 (1)', command: { kind: 'readCurrent', channel: 1 } },
  { text: 'comm,01,02103300000000EB', comment: '查询电流 2', command: { kind: 'readCurrent', channel: 2 } },
  { text: 'comm,01,03103300000000D6', comment: '查询电流 3', command: { kind: 'readCurrent', channel: 3 } },
  { text: 'comm,01,0410330000000065', comment: '查询电流 4', command: { kind: 'readCurrent', channel: 4 } },
  { text: 'comm,01,0510330000000058', comment: '查询电流 5', command: { kind: 'readCurrent', channel: 5 } },
  { text: 'comm,01,061033000000001F', comment: '查询电流 6', command: { kind: 'readCurrent', channel: 6 } },
  { text: 'comm,01,0710330000000022', comment: '查询电流 7', command: { kind: 'readCurrent', channel: 7 } },
  { text: 'comm,01,0810330000000060', comment: '查询电流 8', command: { kind: 'readCurrent', channel: 8 } },
  { text: 'comm,01,091033000000005D', comment: '查询电流 9', command: { kind: 'readCurrent', channel: 9 } },
  { text: 'comm,01,01103400000000FD', comment: '查询电压', command: { kind: 'readVoltage' } },
  { text: 'comm,01,01103700000000B3', comment: '内部测温', command: { kind: 'readInternalTemperature' } },
  { text: 'comm,01,01103800000000DC', comment: '外部测温', command: { kind: 'readExternalTemperature' } },
  { text: 'comm,01,0110350000000030', comment: '查询有功功率', command: { kind: 'readActivePower' } },
  { text: 'comm,01,011036000000007E', comment: '查询电量', command: { kind: 'readEnergy' } },
  { text: 'comm,01,010000000000003D', comment: '重启', command: { kind: 'reboot' } },
  { text: 'comm,01,001011ff00000001', comment: '出厂检测 1、开全锁', command: { kind: 'openAllLocks' } },
  { text: 'comm,01,001031ff000000F9', comment: '出厂检测 3、开全部继电器', command: { kind: 'allRelays', on: true } },
  { text: 'comm,01,01103211000000D6', comment: '出厂检测 4、开风扇', command: { kind: 'fan', on: true } },
  { text: 'comm,01,01103300000000AC', comment: '出厂检测 5、查询1路电流 (指令方式)', command: { kind: 'readCurrent', channel: 1 } },
  { text: 'sync,01,01103300000000ac', comment: '出厂检测 5、查询1路电流 (同步方式)', command: { kind: 'readCurrent', channel: 1 } },
]
