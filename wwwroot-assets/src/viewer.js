// The browser's time zone and language, so that the server can write dates as this viewer reads them. Also kept in a
// cookie, so that the next page the server renders before its circuit starts has them too.
export const viewer = () => {
  const clock = {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    language: navigator.language,
  };
  document.cookie = `strata-clock=${encodeURIComponent(`${clock.timeZone}|${clock.language}`)}; path=/; max-age=31536000; samesite=lax`;
  return clock;
};
