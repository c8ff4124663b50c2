/**
 * True while an input method (Japanese, Chinese, Korean…) is composing. Its Enter accepts a conversion and
 * its Escape cancels one, so neither is ours to act on: an Enter that ended a title edit there left a
 * half-typed title and the next keys on a new line (review36b finding 6). Browsers mark those keys with
 * `isComposing`; Safari's Enter that ends a composition comes after `compositionend` with only the legacy
 * keyCode 229, so both are read.
 */
export function isComposingKey(event: { nativeEvent: { isComposing: boolean; keyCode: number } }): boolean {
  return event.nativeEvent.isComposing || event.nativeEvent.keyCode === 229;
}
