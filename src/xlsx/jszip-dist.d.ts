/** The browser build of JSZip, typed as the package (src/xlsx/jszip.ts). */
declare module 'jszip/dist/jszip.min.js' {
  import JSZip from 'jszip';
  export default JSZip;
}
