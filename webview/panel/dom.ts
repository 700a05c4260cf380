// Building DOM elements in script: text always as text (never parsed HTML), no style attributes (the CSP refuses them).

/** What `h` sets on a new element. */
export interface ElementProps {
  className?: string;
  id?: string;
  text?: string;
  title?: string;
  /** Plain attributes (aria-*, role, data-*, slot…); `style` is not one: the panel's CSP forbids inline styles. */
  attrs?: Record<string, string>;
}

/** A new `tag` element with `props` and `children`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.id) element.id = props.id;
  if (props.title) element.title = props.title;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** A `vscode-button` with `text`, calling `onClick` when pressed (by mouse or keyboard). */
export function button(text: string, onClick: () => void, props: ElementProps & { secondary?: boolean } = {}): HTMLElement {
  const b = h("vscode-button", { ...props, text });
  if (props.secondary) b.setAttribute("secondary", "");
  b.addEventListener("click", onClick);
  return b;
}
