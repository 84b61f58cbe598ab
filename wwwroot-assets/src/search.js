// The top bar's search box: "/" and Ctrl+K (⌘K) take the keyboard to it from anywhere but a field being typed in,
// and its results' thumbnails load as the folder view's do. The results list is drawn in MudBlazor's popover layer,
// outside the box, so that layer is what is watched.
import { watchThumbnails } from './thumbnails.js';

const isTyping = (target) =>
  target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, [contenteditable=true]') !== null);

/** @param {HTMLElement} box the search box's root, holding its field and (on a phone) the icon that opens it */
export function attachSearchBox(box) {
  if (document.body.dataset.searchKeys) {
    return;
  }

  document.body.dataset.searchKeys = 'true';
  document.addEventListener('keydown', (e) => {
    const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey;
    const ctrlK = e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
    if ((!slash && !ctrlK) || isTyping(e.target)) {
      return;
    }

    // The box of the page now shown: Blazor may have drawn a new one since this listener was added.
    const current = document.querySelector('[data-testid=search]') ?? box;
    const field = current.querySelector('input');
    e.preventDefault();
    if (field && field.offsetParent !== null) {
      field.focus();
      field.select();
    } else {
      current.querySelector('[data-search-toggle]')?.click();
    }
  });

  const popovers = document.querySelector('.mud-popover-provider');
  if (popovers) {
    watchThumbnails(popovers, null);
  }
}
