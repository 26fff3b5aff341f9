/**
 * The fonts generated documents are set in: Noto Sans SC (思源黑体's Google Fonts build, SIL Open
 * Font License), regular and bold, as static TrueType files from the
 * `@expo-google-fonts/noto-sans-sc` package. TrueType outlines (not CFF) because pdf-lib's fontkit
 * subsets them reliably, so a document embeds only the few hundred glyphs it uses instead of 10 MB.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

/** The raw bytes of the document fonts. */
export interface DocumentFontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

let cached: Promise<DocumentFontBytes> | undefined;

/**
 * Reads the font files once per process and keeps their bytes (about 20 MB) for every later
 * document; a failed read is not cached, so a later call tries again.
 */
export function documentFonts(): Promise<DocumentFontBytes> {
  cached ??= Promise.all([readFile(require.resolve(FILES.regular)), readFile(require.resolve(FILES.bold))])
    .then(([regular, bold]) => ({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) }))
    .catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
  return cached;
}
