/** Largest upload accepted (household import files). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Largest JSON body accepted. */
export const MAX_BODY_BYTES = 1024 * 1024;
