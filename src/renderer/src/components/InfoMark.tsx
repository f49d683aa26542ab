/**
 * The "more on hover" mark next to a figure whose meaning has a caveat: a letter in a
 * circle drawn with CSS. The symbol ⓘ it replaces is missing from many Linux fonts
 * (headless Chromium here drew an empty box).
 */
export function InfoMark() {
  return <span className="info-mark" aria-hidden="true">i</span>;
}
