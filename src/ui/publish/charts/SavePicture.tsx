/**
 * 保存为图片: a chart as a PNG for the 通报 (white background, as pasted into Word; drawn at the
 * chart's own pixel size, which follows the screen's scaling).
 */
import { download } from '../../shared/files';

export function savePicture(canvas: HTMLCanvasElement | undefined, fileName: string): void {
  if (!canvas || !canvas.width) return;
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const g = out.getContext('2d');
  if (!g) return;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(canvas, 0, 0);
  out.toBlob((blob) => {
    if (blob) void blob.arrayBuffer().then((b) => download(new Uint8Array(b), fileName, 'image/png'));
  }, 'image/png');
}

export function SavePicture(props: { canvas: () => HTMLCanvasElement | undefined; fileName: string; what: string }) {
  return (
    <button type="button" class="no-print save-picture" aria-label={`把${props.what}保存为图片`} onClick={() => savePicture(props.canvas(), props.fileName)}>
      保存为图片（PNG）
    </button>
  );
}
