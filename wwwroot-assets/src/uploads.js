// The browser half of Strata's uploads: tus-js-client does the resumable transfer, this file feeds it
// files from the pickers and from drag-and-drop, and reports progress to the Blazor upload panel. It also marks drags of
// rows within the page (a move, which the page carries out).
import { Upload } from 'tus-js-client';

const endpoint = '/api/v1/uploads';
const maxParallel = 3;
// Retries back off up to a minute and then keep trying: a laptop that loses Wi-Fi resumes on its own.
const retryDelays = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000, 60000, 60000];
const progressEveryMs = 250;
const refusedStatuses = [400, 401, 403, 404, 413, 429, 503];

// Chromium sends a File straight from disk but a Blob slice of it through the browser process's blob pipe, which
// costs about twice the CPU on both ends (a 1 GiB request: 5.1 s as the File, 8.3 s as a slice of all of it). So a
// request from the first byte to the end sends the File itself; only a resumed upload sends a slice.
const wholeFileReader = {
  openFile: async (file) => ({
    size: file.size,
    slice: async (start, end) => ({
      value: start === 0 && end >= file.size ? file : file.slice(start, end),
      done: end >= file.size,
    }),
    close() {},
  }),
};

/** Marks a drag of rows (the page keeps which), as opposed to files from the desktop. */
const RowsType = 'application/x-strata-rows';
const uploads = new Map();
let panel = null;
let pickers = {};
let nextId = 1;
let wired = false;

/**
 * Wires the pickers to the panel (a DotNetObjectReference). A button marked data-picks opens its picker (a hidden
 * file input) here, in the click itself: a browser opens a file chooser only during the user's gesture, which a
 * round trip to the server and back could outlast. Drops are taken anywhere inside an element marked
 * data-drop-zone. Both are delegated from the document, so a re-rendered listing needs no re-wiring.
 */
export function attach(dotnetPanel, filesInput, folderInput) {
  panel = dotnetPanel;
  pickers = { files: filesInput, folder: folderInput };
  filesInput.addEventListener('change', () => takeInput(filesInput));
  folderInput.addEventListener('change', () => takeInput(folderInput));
  if (wired) return;
  wired = true;
  wireRowDrags();
  document.addEventListener('click', (e) => {
    const button = e.target.closest?.('[data-picks]');
    if (button && !button.disabled) pickers[button.dataset.picks]?.click();
  });
  document.addEventListener('dragover', (e) => {
    const zone = zoneOf(e);
    if (!zone || !carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    highlight(zone, dropTarget(e, zone));
  });
  document.addEventListener('dragleave', (e) => {
    const zone = zoneOf(e);
    if (zone && !zone.contains(e.relatedTarget)) highlight(zone, null);
  });
  document.addEventListener('drop', async (e) => {
    const zone = zoneOf(e);
    if (!zone || !carriesFiles(e)) return;
    e.preventDefault();
    const target = dropTarget(e, zone);
    highlight(zone, null);
    const entries = await filesOfDrop(e.dataTransfer);
    await enqueue(target.dataset.dropFolder ?? zone.dataset.folder, entries);
  });
}

export function pause(id) {
  const item = uploads.get(id);
  if (item && !item.done) {
    item.paused = true;
    item.upload.abort();
    startQueued();
  }
}

export function resume(id) {
  const item = uploads.get(id);
  if (item && item.paused) {
    item.paused = false;
    item.waiting = true;
    startQueued();
  }
}

export async function cancel(id) {
  const item = uploads.get(id);
  if (item && !item.done) {
    item.done = true;
    uploads.delete(id);
    // true: also terminate it on the server, so the partial upload does not linger until it expires.
    await item.upload.abort(true).catch(() => {});
    startQueued();
  }
}

/** How many uploads this browser left unfinished (kept by tus-js-client for resumption). */
export function unfinishedCount() {
  return Object.keys(localStorage).filter((k) => k.startsWith('tus::')).length;
}

function takeInput(input) {
  const entries = [...input.files].map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
  input.value = '';
  return enqueue(document.querySelector('[data-drop-zone]')?.dataset.folder, entries);
}

async function enqueue(folder, entries) {
  if (entries.length === 0) return;
  const plan = await panel.invokeMethodAsync('PlanAsync', folder, entries.map((e) => e.relativePath));
  if (!plan) return;
  for (const entry of entries) {
    const name = plan.names[entry.relativePath];
    if (name === undefined || name === null) continue;
    const dir = entry.relativePath.split('/').slice(0, -1).join('/');
    // The panel lists a folder's files under their path within it, so that two readme.txt are told apart.
    add(dir ? `${folder}/${dir}` : folder, name, entry.file, dir ? `${dir}/${name}` : name, folder);
  }
  startQueued();
}

function add(folder, name, file, label, root) {
  const id = nextId++;
  const item = { id, file, waiting: true, paused: false, done: false, lastReport: 0 };
  item.upload = new Upload(file, {
    endpoint,
    retryDelays,
    fileReader: wholeFileReader,
    metadata: { filename: name, folder, filetype: file.type || 'application/octet-stream' },
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
    removeFingerprintOnSuccess: true,
    // The fingerprint includes the target, so the same file picked for two folders is two uploads.
    fingerprint: async (f) => ['strata', folder, name, f.size, f.lastModified].join('|'),
    // Each PATCH starts at the offset the server has (after a resume, a retry or a reload): the panel counts speed
    // from there, not from the bytes an earlier session sent.
    onBeforeRequest: (request) => {
      if (request.getMethod() === 'PATCH') panel.invokeMethodAsync('OnOffset', id, Number(request.getHeader('Upload-Offset')));
    },
    onProgress: (sent, total) => report(item, sent, total),
    onSuccess: () => {
      item.done = true;
      uploads.delete(id);
      panel.invokeMethodAsync('OnCompleted', id);
      startQueued();
    },
    onError: (error) => {
      item.done = true;
      uploads.delete(id);
      panel.invokeMethodAsync('OnFailed', id, messageOf(error));
      startQueued();
    },
  });
  uploads.set(id, item);
  panel.invokeMethodAsync('OnQueued', id, label, root, file.size);
}

/**
 * Sends one file to an upload link's folder: the link's token (and the password the visitor typed, if any) go in
 * headers on every request, never in a URL. `link` is { token, password, uploader, email }; `on` has onProgress(sent,
 * total), onSuccess() and onError(message, status). Returns the tus Upload, already started.
 */
export function uploadToLink(file, link, on) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', 'X-Link-Token': link.token };
  if (link.password) headers['X-Link-Password'] = link.password;
  const metadata = { filename: file.name, filetype: file.type || 'application/octet-stream' };
  if (link.uploader) metadata.uploader = link.uploader;
  if (link.email) metadata.email = link.email;
  const upload = new Upload(file, {
    endpoint,
    retryDelays,
    fileReader: wholeFileReader,
    metadata,
    headers,
    // A visitor's upload is not resumed after a reload: the visitor may be a different person on a shared computer.
    storeFingerprintForResuming: false,
    // A refusal (wrong password, link gone, flag off) will not change by retrying.
    onShouldRetry: (error) => !refusedStatuses.includes(error.originalResponse?.getStatus()),
    onProgress: on.onProgress,
    onSuccess: on.onSuccess,
    onError: (error) => on.onError(messageOf(error), error.originalResponse?.getStatus()),
  });
  upload.start();
  return upload;
}

function startQueued() {
  let running = [...uploads.values()].filter((u) => !u.waiting && !u.paused && !u.done).length;
  for (const item of uploads.values()) {
    if (running >= maxParallel) break;
    if (item.waiting && !item.paused) {
      item.waiting = false;
      running++;
      start(item);
    }
  }
}

async function start(item) {
  // After a reload the same file resumes where the earlier page left it.
  const previous = await item.upload.findPreviousUploads();
  if (previous.length > 0) item.upload.resumeFromPreviousUpload(previous[0]);
  panel.invokeMethodAsync('OnStarted', item.id);
  item.upload.start();
}

function report(item, sent, total) {
  const now = performance.now();
  if (now - item.lastReport < progressEveryMs && sent < total) return;
  item.lastReport = now;
  panel.invokeMethodAsync('OnProgress', item.id, sent, total);
}

function messageOf(error) {
  const response = error.originalResponse;
  if (response) {
    try {
      const problem = JSON.parse(response.getBody());
      if (problem.detail) return problem.detail;
    } catch {
      // Not a problem-details body; fall through to the status.
    }
    return `The server answered ${response.getStatus()}.`;
  }
  return error.message || String(error);
}

/**
 * Rows dragged within the page move (with Ctrl: copy) onto a folder row or a step of the trail: this only marks the
 * drag and its target, and the page does the transfer when the drop reaches it. Firefox starts a drag only with data.
 */
function wireRowDrags() {
  document.addEventListener('dragstart', (e) => {
    if (!e.target.closest?.('[data-drag-item]')) return;
    e.dataTransfer.setData(RowsType, '');
    e.dataTransfer.effectAllowed = 'copyMove';
  });
  document.addEventListener('dragover', (e) => {
    if (!carriesRows(e)) return;
    const target = e.target.closest?.('[data-drop-folder]');
    highlight(document.body, target);
    if (!target) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = e.ctrlKey ? 'copy' : 'move';
  });
  // A dragged name is also a link: without this, dropping it would open it.
  document.addEventListener('drop', (e) => {
    if (!carriesRows(e)) return;
    e.preventDefault();
    highlight(document.body, null);
  });
  document.addEventListener('dragend', () => highlight(document.body, null));
}

function carriesRows(e) {
  return e.dataTransfer && [...e.dataTransfer.types].includes(RowsType);
}

function carriesFiles(e) {
  return e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}

function zoneOf(e) {
  return e.target.closest?.('[data-drop-zone]');
}

function dropTarget(e, zone) {
  return e.target.closest?.('[data-drop-folder]') ?? zone;
}

function highlight(view, target) {
  view.querySelectorAll('.strata-drop-target').forEach((el) => el.classList.remove('strata-drop-target'));
  view.classList.remove('strata-drop-active');
  if (target === view) view.classList.add('strata-drop-active');
  else if (target) target.classList.add('strata-drop-target');
}

/** Files of a drop, walking dropped folders (webkitGetAsEntry) so their structure is kept. */
async function filesOfDrop(dataTransfer) {
  const roots = [...dataTransfer.items].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  if (roots.length === 0) return [...dataTransfer.files].map((file) => ({ file, relativePath: file.name }));
  const entries = [];
  for (const root of roots) await walk(root, '', entries);
  return entries;
}

async function walk(entry, prefix, entries) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    entries.push({ file, relativePath: prefix + file.name });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    // readEntries answers in batches (100 in Chromium) until it returns an empty one.
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, `${prefix}${entry.name}/`, entries);
  }
}
