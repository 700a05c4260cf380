// Text files imported as strings (esbuild's text loader, `?raw` suffix).
declare module "*?raw" {
  const text: string;
  export default text;
}
