// A public link's page has no Blazor circuit: this wires its password form and its upload form in plain JS.
import { uploadToLink } from './uploads.js';
import { viewer } from './viewer.js';
import { chooseTheme, savedTheme, showTheme } from './theme.js';
import { watchPages, watchThumbnails } from './thumbnails.js';

// Dates as the app writes them, in the visitor's zone and language: the server does once it has the clock cookie;
// a first visit's page was written in the server's zone, so the browser rewrites its dates.
const clock = viewer();
if (document.querySelector('main[data-clock=server]')) {
  const format = new Intl.DateTimeFormat(clock.language, { dateStyle: 'short', timeStyle: 'short' });
  for (const date of document.querySelectorAll('[data-at]')) date.textContent = format.format(new Date(Number(date.dataset.at)));
}

// The theme as the app chooses it: the choice saved in this browser (the app's toggle or this page's), else the system's.
const themed = document.querySelector('.strata-themed');
const systemDark = matchMedia('(prefers-color-scheme: dark)');
const applyTheme = () => {
  themed.dataset.theme = savedTheme() ?? (systemDark.matches ? 'dark' : 'light');
  showTheme(themed.dataset.theme);
};
applyTheme();
systemDark.addEventListener('change', applyTheme);
document.querySelector('[data-theme-toggle]').addEventListener('click', () => {
  chooseTheme(themed.dataset.theme === 'dark' ? 'light' : 'dark');
  applyTheme();
});

// The unlock cookie proves the password to the page only (it is scoped to the link's page and API), so for the tus
// endpoint the password the visitor typed on this page is kept for this tab and sent in a header.
const passwordKey = (token) => `strata-link-password:${token}`;

const unlockForm = document.querySelector('form[data-link-unlock]');
if (unlockForm) {
  unlockForm.addEventListener('submit', () => {
    sessionStorage.setItem(passwordKey(unlockForm.dataset.linkUnlock), unlockForm.elements.Password.value);
  });
}

// Thumbnails in the listing and the rendition a preview-only link shows, loaded as they scroll into the page.
for (const pictures of document.querySelectorAll('[data-link-thumbnails]')) watchThumbnails(pictures, null);
for (const pages of document.querySelectorAll('[data-pages]')) watchPages(pages);

const card = document.querySelector('[data-link-upload]');
if (card) attachUploadForm(card);

function attachUploadForm(card) {
  const token = card.dataset.linkUpload;
  const input = card.querySelector('input[type=file]');
  const drop = card.querySelector('[data-link-drop]');
  const list = card.querySelector('[data-link-uploads]');
  const passwordField = card.querySelector('[data-link-password-field]');

  const send = (files) => {
    const link = {
      token,
      password: passwordField.querySelector('input').value || sessionStorage.getItem(passwordKey(token)),
      uploader: card.querySelector('input[name=uploader]').value.trim(),
      email: card.querySelector('input[name=email]').value.trim(),
    };
    for (const file of files) sendOne(file, link);
  };

  const sendOne = (file, link) => {
    const row = rowFor(file);
    list.append(row.element);
    uploadToLink(file, link, {
      onProgress: (sent, total) => row.progress(sent, total),
      onSuccess: () => row.finish('done', 'Sent'),
      onError: (message, status) => {
        if (status === 401) {
          passwordField.hidden = false;
          message = 'This link needs its password: type it above and send the file again.';
        }
        row.finish('failed', message);
      },
    });
  };

  input.addEventListener('change', () => {
    send([...input.files]);
    input.value = '';
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('strata-drop-active');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('strata-drop-active'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('strata-drop-active');
    send([...e.dataTransfer.files]);
  });
}

/** One file's line in the list: its name, a progress bar, then "Sent" or why not. */
function rowFor(file) {
  const element = document.createElement('li');
  element.className = 'strata-link-upload';
  element.dataset.testid = 'link-upload-item';
  const name = document.createElement('span');
  name.className = 'strata-name';
  name.textContent = file.name;
  const bar = document.createElement('progress');
  bar.max = file.size || 1;
  bar.value = 0;
  const status = document.createElement('span');
  status.className = 'strata-link-upload-status';
  status.dataset.testid = 'link-upload-status';
  status.setAttribute('role', 'status');
  status.textContent = 'Waiting…';
  element.append(name, bar, status);
  return {
    element,
    progress(sent, total) {
      bar.max = total || 1;
      bar.value = sent;
      status.textContent = `${Math.floor((100 * sent) / (total || 1))}%`;
    },
    finish(outcome, text) {
      element.dataset.outcome = outcome;
      bar.value = outcome === 'done' ? bar.max : bar.value;
      status.textContent = text;
    },
  };
}
