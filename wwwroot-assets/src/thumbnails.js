// Replaces a listing's icons with thumbnails, asking the server only for rows in (or near) view. A thumbnail still
// being made answers 202 with Retry-After: ask again then, a bounded number of times. Anything else that is not an
// image (no preview for the type, a failure) leaves the icon. Blazor reuses elements as the listing scrolls, changing
// an image's data-thumb: the image is then cleared and watched again.

const maxAsks = 30;

/**
 * @param {HTMLElement} listing the list or grid, watched once however often it is drawn
 * @param {HTMLElement | null} scroller what scrolls the rows into view: the listing itself, or null for the page
 */
export function watchThumbnails(listing, scroller = listing) {
  if (listing.dataset.thumbnailsWatched) {
    return;
  }

  listing.dataset.thumbnailsWatched = 'true';
  const inView = new IntersectionObserver((entries) => {
    for (const entry of entries.filter((e) => e.isIntersecting)) {
      inView.unobserve(entry.target);
      load(entry.target);
    }
  }, { root: scroller, rootMargin: '200px' });

  const scan = () => {
    for (const img of listing.querySelectorAll('img[data-thumb]')) {
      if (img.dataset.thumbFor !== img.dataset.thumb) {
        img.dataset.thumbFor = img.dataset.thumb;
        img.removeAttribute('src');
        delete img.dataset.ready;
        delete img.dataset.missing;
        inView.observe(img);
      }
    }
  };
  new MutationObserver(scan).observe(listing, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-thumb'] });
  scan();
}

/** @param {HTMLImageElement} img */
async function load(img) {
  const href = img.dataset.thumb;
  for (let ask = 0; ask < maxAsks && img.dataset.thumb === href; ask++) {
    let response;
    try {
      response = await fetch(href, { credentials: 'same-origin' });
    } catch {
      return;
    }

    if (response.status === 202) {
      const seconds = Number(response.headers.get('Retry-After')) || 2;
      await new Promise((resolve) => { setTimeout(resolve, seconds * 1000); });
      continue;
    }

    if (img.dataset.thumb !== href) {
      return;
    }

    if (response.ok) {
      const url = URL.createObjectURL(await response.blob());
      img.addEventListener('load', () => { URL.revokeObjectURL(url); img.dataset.ready = 'true'; }, { once: true });
      img.addEventListener('error', () => URL.revokeObjectURL(url), { once: true });
      img.src = url;
    } else {
      // Kept for whoever inspects the page: why the icon stayed (404 no preview, 422 failed).
      img.dataset.missing = String(response.status);
    }

    return;
  }
}
