/** Escapes LIKE's wildcards (and its escape character) in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `text%`: rows starting with the text (a region path, an action prefix). */
export function likePrefix(text: string): string {
  return `${escapeLike(text)}%`;
}

/** `%text%`: rows containing the text (name and address search). */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}
