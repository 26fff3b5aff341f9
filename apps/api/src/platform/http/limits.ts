/** Largest upload accepted: household import files, receipts, ballot scans, instruction attachments. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Largest photo attached to a request (phone cameras stay well under it). */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** Largest JSON body accepted. */
export const MAX_BODY_BYTES = 1024 * 1024;
