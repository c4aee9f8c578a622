export { BROKEN_JSON, type HttpFault, type HttpFaultKind } from './faults'
export { loopbackHost } from './loopback'
export { type SimReply, type SimRequest } from './reply'
export { type HttpSimOptions, HttpSimServer, type SimCallEntry, type SimHandler } from './server'
