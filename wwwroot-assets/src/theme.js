// The theme chosen in this browser, shared by the app and the pages that have no circuit (a public link's): kept in
// localStorage, and in a cookie so that the server writes such a page in it rather than switching after it shows.
const key = 'strata.theme';

export const savedTheme = () => localStorage.getItem(key);

// The theme a page shows: also what the server writes the next page in.
export const showTheme = (theme) => {
  document.cookie = `strata-theme=${theme}; path=/; max-age=31536000; samesite=lax`;
};

export const chooseTheme = (theme) => {
  localStorage.setItem(key, theme);
  showTheme(theme);
};
