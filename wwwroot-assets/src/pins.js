// Comment pins over a preview. Blazor owns the state (which pins, which is open, whether one is being drawn); this
// draws it over the pictures that show the file (the image, or each page's frame, which watchPages makes as the first
// page arrives) and turns clicks, drags and keys there into calls back. Positions are fractions of the picture, so a
// pin stays on its spot at every size the picture is drawn at.

const surfaceSelector = '.strata-pin-image, .strata-page-frame';

/** Pixels a press may move and still count as a click on a spot rather than a box. */
const dragThreshold = 5;

/**
 * @typedef {{id: number, number: number, kind: string, page: number | null, x: number, y: number,
 *   width: number | null, height: number | null, resolved: boolean, label: string}} Pin
 */

/**
 * Starts drawing pins in root (the element around the preview) and reporting to dotnet: OpenPin(id),
 * PinDrawn({kind, page, x, y, width, height}) and CancelPin() when Escape is pressed while a pin is drawn or written.
 * @param {HTMLElement} root
 * @param {any} dotnet a DotNetObjectReference
 */
export function attachPins(root, dotnet) {
  if (root.pins) {
    return;
  }

  const state = { dotnet, pins: [], selected: null, drawing: null };
  root.pins = state;
  root.tabIndex = -1;
  // Pages arrive after the first one is fetched: draw on each frame as it is added.
  state.observer = new MutationObserver((records) => {
    if (records.some((r) => [...r.addedNodes].some((n) => n instanceof HTMLElement && n.matches(surfaceSelector)))) {
      draw(root);
    }
  });
  state.observer.observe(root, { subtree: true, childList: true });
  // Escape ends drawing or writing a pin, before the dialog around sees it and closes.
  state.onKey = (e) => {
    if (e.key === 'Escape' && modeOf(root) !== 'off') {
      e.preventDefault();
      e.stopPropagation();
      // Ended here at once, so that a second Escape closes the dialog as it would have before pin mode.
      state.drawing = null;
      root.dataset.pinMode = 'off';
      draw(root);
      // The composer is about to go with the focus in it: keep the focus in the dialog for its next key.
      root.focus({ preventScroll: true });
      state.dotnet.invokeMethodAsync('CancelPin');
    }
  };
  document.addEventListener('keydown', state.onKey, true);
  draw(root);
}

/**
 * Shows the pins, in the mode Blazor writes on root as data-pin-mode (so that keys and clicks follow what the page
 * shows): 'off', 'draw' (a press on a picture pins a spot, a drag a box) or 'compose' (the spot is chosen: it stays
 * shown while the comment is written).
 * @param {HTMLElement} root
 * @param {Pin[]} pins
 * @param {number | null} selected the pin whose thread is open
 */
export function showPins(root, pins, selected) {
  const state = root.pins;
  if (!state) {
    return;
  }

  if (modeOf(root) === 'off') {
    state.drawing = null;
  }

  Object.assign(state, { pins, selected });
  draw(root);
  keepFocus(root);
}

/** @param {HTMLElement} root */
function modeOf(root) {
  return root.dataset.pinMode || 'off';
}

/**
 * A composer or button that went away took the focus with it: it is put back in the preview, where the dialog's keys
 * (Escape closes it) still reach the dialog.
 */
function keepFocus(root) {
  if (!document.activeElement || document.activeElement === document.body) {
    root.focus({ preventScroll: true });
  }
}

/** @param {HTMLElement} root */
export function detachPins(root) {
  const state = root.pins;
  if (!state) {
    return;
  }

  state.observer.disconnect();
  document.removeEventListener('keydown', state.onKey, true);
  delete root.pins;
}

/** The video's position, in seconds. @param {HTMLElement} root */
export function videoTime(root) {
  return root.querySelector('video')?.currentTime ?? 0;
}

/** Takes the video to a pin's start, paused there. @param {HTMLElement} root @param {number} seconds */
export function seekVideo(root, seconds) {
  const video = root.querySelector('video');
  if (video) {
    video.pause();
    video.currentTime = seconds;
  }
}

/** @param {HTMLElement} root */
function draw(root) {
  const state = root.pins;
  for (const surface of root.querySelectorAll(surfaceSelector)) {
    const layer = layerOf(surface, root);
    const page = surface.dataset.page ? Number(surface.dataset.page) : null;
    layer.replaceChildren();
    // Only while drawing is the layer something to reach with the keyboard (Enter pins its middle).
    if (modeOf(root) === 'draw') {
      layer.tabIndex = 0;
      layer.setAttribute('role', 'button');
      layer.setAttribute('aria-label', `Pin a comment ${page ? `on page ${page}` : 'on the picture'}: click a spot or drag a box; Enter pins its middle`);
    } else {
      for (const attribute of ['tabindex', 'role', 'aria-label']) {
        layer.removeAttribute(attribute);
      }
    }

    for (const pin of state.pins.filter((p) => (p.page ?? null) === page)) {
      layer.append(pinElement(pin, state));
    }

    if (state.drawing && state.drawing.page === page) {
      layer.append(draft(state.drawing));
    }
  }
}

/** The layer over a surface that holds its pins, made on first use. */
function layerOf(surface, root) {
  let layer = surface.querySelector(':scope > .strata-pin-layer');
  if (!layer) {
    layer = document.createElement('div');
    layer.className = 'strata-pin-layer';
    surface.append(layer);
  }

  if (!layer.dataset.listening) {
    layer.dataset.listening = 'true';
    layer.addEventListener('pointerdown', (e) => startDrag(e, layer, surface, root));
    layer.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target === layer && root.pins && modeOf(root) === 'draw') {
        e.preventDefault();
        finish(root, { kind: 'Point', page: pageOf(surface), x: 0.5, y: 0.5, width: null, height: null });
      }
    });
  }

  return layer;
}

function pageOf(surface) {
  return surface.dataset.page ? Number(surface.dataset.page) : null;
}

/** @param {Pin} pin */
function pinElement(pin, state) {
  const button = place(document.createElement('button'), pin);
  button.className = pin.kind === 'Rectangle' ? 'strata-pin strata-pin-area' : 'strata-pin strata-pin-point';

  button.type = 'button';
  button.dataset.testid = 'pin';
  button.dataset.id = String(pin.id);
  button.dataset.number = String(pin.number);
  button.setAttribute('aria-label', `Comment ${pin.number}: ${pin.label}`);
  button.title = pin.label;
  button.classList.toggle('strata-pin-resolved', pin.resolved);
  button.classList.toggle('strata-pin-selected', pin.id === state.selected);
  if (pin.kind !== 'Rectangle') {
    button.textContent = String(pin.number);
  }

  button.addEventListener('click', (e) => {
    e.stopPropagation();
    state.dotnet.invokeMethodAsync('OpenPin', pin.id);
  });
  return button;
}

/** The spot or box being pinned, before it is posted. */
function draft(drawn) {
  const element = place(document.createElement('div'), drawn);
  element.className = drawn.kind === 'Rectangle' ? 'strata-pin-draft strata-pin-area' : 'strata-pin-draft strata-pin-point';
  element.dataset.testid = 'pin-draft';
  return element;
}

/** Puts a marker at a point, or over a rectangle's area. */
function place(element, area) {
  element.style.left = percent(area.x);
  element.style.top = percent(area.y);
  if (area.kind === 'Rectangle') {
    element.style.width = percent(area.width);
    element.style.height = percent(area.height);
  }

  return element;
}

function percent(fraction) {
  return `${fraction * 100}%`;
}

/** A press on a picture while drawing: follows the pointer until it is let go, then reports a spot or a box. */
function startDrag(e, layer, surface, root) {
  const state = root.pins;
  if (!state || modeOf(root) !== 'draw' || e.target !== layer || e.button !== 0) {
    return;
  }

  e.preventDefault();
  layer.setPointerCapture(e.pointerId);
  const bounds = layer.getBoundingClientRect();
  const at = (event) => ({
    x: clamp((event.clientX - bounds.left) / bounds.width),
    y: clamp((event.clientY - bounds.top) / bounds.height),
  });
  const start = at(e);
  const from = { x: e.clientX, y: e.clientY };
  const page = pageOf(surface);
  const area = (event) => {
    const end = at(event);
    const x = Math.min(start.x, end.x);
    const y = Math.min(start.y, end.y);
    return { kind: 'Rectangle', page, x, y, width: Math.max(start.x, end.x) - x, height: Math.max(start.y, end.y) - y };
  };
  const dragged = (event) => Math.abs(event.clientX - from.x) >= dragThreshold || Math.abs(event.clientY - from.y) >= dragThreshold;
  const move = (event) => {
    if (dragged(event)) {
      state.drawing = area(event);
      draw(root);
    }
  };
  const up = (event) => {
    layer.removeEventListener('pointermove', move);
    layer.removeEventListener('pointerup', up);
    layer.removeEventListener('pointercancel', up);
    if (event.type === 'pointercancel') {
      state.drawing = null;
      draw(root);
      return;
    }

    const drawn = area(event);
    finish(root, dragged(event) && drawn.width > 0 && drawn.height > 0
      ? drawn
      : { kind: 'Point', page, x: start.x, y: start.y, width: null, height: null });
  };
  layer.addEventListener('pointermove', move);
  layer.addEventListener('pointerup', up);
  layer.addEventListener('pointercancel', up);
}

function finish(root, drawn) {
  const state = root.pins;
  state.drawing = drawn;
  root.dataset.pinMode = 'compose';
  draw(root);
  state.dotnet.invokeMethodAsync('PinDrawn', drawn);
}

function clamp(value) {
  return Math.min(1, Math.max(0, value));
}
