/**
 * The protocol-file editor's main side: opening files (the shipped ones, an
 * upload, a path, or the desktop app's dialog), checking a framing profile
 * and saving corrections. Lint itself runs in the renderer on the same shared
 * code, as the person types. A capture reads replies from a port for the
 * answer inspector, with the commands of the file as edited.
 */
import { join } from 'node:path'
import { AppError, type upsFilesInvokeMethods } from '@shared/contract'
import type { DeviceModule, ModuleContext } from '../../core/module'
import { captureCommands, captureFromPort, checkedFraming, editedProtocol } from './capture'
import { protocolDocumentsIn } from './documents'
import { framingIssues } from './framing'

export function upsFilesModule(ctx: ModuleContext): DeviceModule<typeof upsFilesInvokeMethods> {
  const documents = protocolDocumentsIn(join(ctx.platform.dataDir, 'ups-files'))
  return {
    id: 'upsFiles',
    handlers: {
      upsFilesOpenBundled: ({ which }) => documents.openBundled(which),
      upsFilesOpenPath: ({ path }) => documents.openPath(path),
      upsFilesPick: async () => {
        if (!ctx.platform.pickFile) throw new AppError('upsNoFileDialog')
        const path = await ctx.platform.pickFile([{ name: 'INI', extensions: ['ini'] }])
        return path === undefined ? null : documents.openPath(path)
      },
      upsFilesUpload: ({ name, base64 }) => documents.upload(name, base64),
      upsFilesCheckFraming: ({ framing }) => framingIssues(framing),
      upsFilesSave: ({ docId, edits, framing }) => documents.save(docId, edits, framing),
      upsFilesCapture: ({ docId, path, edits, framing, command }) => {
        const profile = checkedFraming(framing)
        const commands = captureCommands(editedProtocol(documents.bytesOf(docId), edits, profile), command)
        return captureFromPort(ctx.ports, path, profile, commands, ctx.clock)
      },
    },
  }
}
