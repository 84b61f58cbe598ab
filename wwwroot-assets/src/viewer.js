// The browser's time zone and language, so that the server can write dates as this viewer reads them.
export const viewer = () => ({
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  language: navigator.language,
});
