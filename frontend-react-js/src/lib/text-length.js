/** Characters as the API counts them: after trimming, one per code point (an emoji counts once). */
export function countCharacters(text) {
  return Array.from(text.trim()).length;
}

export function isPostable(text, max) {
  const length = countCharacters(text);
  return length > 0 && length <= max;
}
