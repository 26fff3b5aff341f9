/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the "demo accounts" hint on the sign-in page links to (the project README). */
  readonly VITE_README_URL?: string;
}
