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

/**
 * Asks for a picture until it is made, honouring Retry-After; gives up after a bounded number of asks, or when
 * stillWanted() turns false (the element now shows something else).
 * @param {string} href
 * @param {() => boolean} stillWanted
 * @returns {Promise<Response | null>} the answer, or null when given up
 */
async function ask(href, stillWanted = () => true) {
  for (let asked = 0; asked < maxAsks && stillWanted(); asked++) {
    let response;
    try {
      response = await fetch(href, { credentials: 'same-origin' });
    } catch {
      return null;
    }

    if (response.status !== 202) {
      return stillWanted() ? response : null;
    }

    const seconds = Number(response.headers.get('Retry-After')) || 2;
    await new Promise((resolve) => { setTimeout(resolve, seconds * 1000); });
  }

  return null;
}

/** @param {HTMLImageElement} img */
async function load(img) {
  const href = img.dataset.thumb;
  const response = await ask(href, () => img.dataset.thumb === href);
  if (!response) {
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
}

/**
 * A document's pages, one picture each, in an element the page leaves empty for this. The first page says how many
 * there are (X-Page-Count); every page then gets a placeholder of a page's proportions, loaded as it scrolls into view.
 * @param {HTMLElement} container with data-pages: the address of a page, "{page}" standing for its number
 * @param {HTMLElement | null} scroller what scrolls the pages, or null for the page itself
 */
export async function watchPages(container, scroller = null) {
  if (container.dataset.pagesWatched) {
    return;
  }

  container.dataset.pagesWatched = 'true';
  const pageHref = (page) => container.dataset.pages.replace('{page}', String(page));
  const first = await ask(pageHref(1));
  if (!first || !first.ok) {
    container.dataset.missing = String(first?.status ?? 0);
    return;
  }

  const count = Math.max(1, Number(first.headers.get('X-Page-Count')) || 1);
  container.dataset.pageCount = String(count);
  for (let page = 1; page <= count; page++) {
    const img = document.createElement('img');
    img.className = 'strata-page';
    img.alt = `Page ${page} of ${count}`;
    img.dataset.page = String(page);
    img.dataset.thumb = pageHref(page);
    // The frame is as large as the picture, so what is drawn over a page (comment pins) can be placed in fractions of it.
    const frame = document.createElement('div');
    frame.className = 'strata-page-frame';
    frame.dataset.page = String(page);
    frame.append(img);
    container.append(frame);
  }

  watchThumbnails(container, scroller);
}
