// The comment box's text is the browser's: the server never renders it (a render could carry an older draft back
// while later keystrokes are on their way), and sets it only when it changes it itself (a mention put in, a draft
// posted, a comment taken up for editing).

/** @param {HTMLTextAreaElement} box @param {string} text */
export function setDraft(box, text) {
  if (box.value === text) {
    return;
  }

  box.value = text;
  if (document.activeElement === box) {
    box.setSelectionRange(text.length, text.length);
  }
}
