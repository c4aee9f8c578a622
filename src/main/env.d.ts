/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly FIELDBENCH_VERSION?: string
}
