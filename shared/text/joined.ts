/** "a", "a and b", "a, b and c": a list in a sentence (each part already isolated or quoted by the caller). */
export function joinedAnd(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
