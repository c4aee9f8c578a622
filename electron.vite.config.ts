import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string }
const alias = { '@shared': resolve(import.meta.dirname, 'src/shared'), '@locales': resolve(import.meta.dirname, 'locales') }

export default defineConfig({
  main: {
    resolve: { alias },
    define: { 'import.meta.env.FIELDBENCH_VERSION': JSON.stringify(pkg.version) },
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          web: resolve(import.meta.dirname, 'src/main/web.ts'),
          cli: resolve(import.meta.dirname, 'src/main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // bundle everything (zod, the contract) into one CommonJS file: a sandboxed preload can only require('electron')
      externalizeDeps: false,
      rollupOptions: {
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    resolve: { alias },
    plugins: [react()],
    build: {
      sourcemap: false,
      minify: true,
    },
  },
})
