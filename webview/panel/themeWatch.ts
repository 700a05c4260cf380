// Notices VS Code changing the colour theme: it swaps the body's class (vscode-light, vscode-dark, vscode-high-contrast…)
// and rewrites the --vscode-* variables on the root element.

/** Calls `onChange` once after each theme change; returns a function that stops watching. */
export function watchTheme(onChange: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    // The class and the variables change in separate mutations: one redraw after both.
    timer = setTimeout(onChange, 50);
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ["class"] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class", "style"] });
  return () => {
    clearTimeout(timer);
    observer.disconnect();
  };
}
