export { watchPages, watchThumbnails } from './thumbnails.js';
export { attachPins, detachPins, showPins, videoTime, seekVideo } from './pins.js';
export { setDraft } from './comment-box.js';

// Keeps the folder view's focused row in sight while the keyboard moves it. The row is found by its index, not by the
// focus mark: keys come faster than renders, and the mark may not have moved yet. Virtualize draws only the rows near
// the scroll position, so a row far off (Home, End) has no element yet: the list is scrolled to where the row will be
// (every row is as high as the next), and Virtualize draws it there.

/**
 * @param {HTMLElement} listing the scrolling list
 * @param {number} index the focused item
 * @param {number} rowHeight the height of a row (of tiles, in the grid)
 * @param {number} perRow items per row (1 in the list)
 * @param {number} headHeight the sticky header above the rows (0 in the grid)
 */
export function reveal(listing, index, rowHeight, perRow, headHeight) {
  const drawn = listing.querySelector(`[data-index="${index}"]`);
  if (drawn) {
    drawn.scrollIntoView({ block: 'nearest' });
    return;
  }

  const top = headHeight + Math.floor(index / perRow) * rowHeight;
  if (top - headHeight < listing.scrollTop) {
    listing.scrollTop = top - headHeight;
  } else if (top + rowHeight > listing.scrollTop + listing.clientHeight) {
    listing.scrollTop = top + rowHeight - listing.clientHeight;
  }
}

/** How many rows the list shows at once: what PageUp and PageDown move the focus by. */
export function rowsInView(listing, rowHeight, headHeight) {
  return Math.max(1, Math.floor((listing.clientHeight - headHeight) / rowHeight));
}

/**
 * Suppresses the browser's own action (scrolling, going back, selecting the page's text) for the keys the folder view
 * handles. Blazor's @onkeydown:preventDefault takes the value of the last render, so it would decide a key press by
 * the one before it; this decides each press as it happens.
 * @param {HTMLElement} listing the list or grid that has the keyboard
 * @param {{key: string, ctrl: boolean, gridOnly: boolean}[]} keys from FolderShortcuts.Suppressed
 */
export function suppressKeys(listing, keys) {
  if (listing.dataset.keysSuppressed) {
    return;
  }

  listing.dataset.keysSuppressed = 'true';
  listing.addEventListener('keydown', (e) => {
    const grid = listing.dataset.view === 'grid';
    const handled = keys.some((k) => k.key.toLowerCase() === e.key.toLowerCase()
      && k.ctrl === (e.ctrlKey || e.metaKey) && !e.altKey && (grid || !k.gridOnly));
    if (handled) {
      e.preventDefault();
    }
  });
}
