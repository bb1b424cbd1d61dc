/**
 * The 进展情况报告 as a Word 公文, laid out as the 通报 is (GB/T 9704, xlsx/docxLayout.ts): the
 * title, the opening paragraph, per task its heading in 黑体 carrying the figure reached and the
 * 进展 text in 仿宋 under it, then the signing office and the date at the right.
 */
import type { PlanReport } from '../engine/plan/report';
import { deepWritable } from '../model';
import { HEADING_FONT, layout, loadDocx } from './docxLayout';

export async function exportPlanReport(written: PlanReport): Promise<Uint8Array> {
  const r = deepWritable(written);
  const d = await loadDocx();
  const { AlignmentType, Packer } = d;
  const { body, paragraphs, title, document } = layout(d);
  const children = [
    title(r.title),
    ...paragraphs(r.opening),
    ...r.sections.flatMap((s) => [body(s.heading, { font: HEADING_FONT }), ...paragraphs(s.text)]),
    body(''),
    ...(r.signer ? [body(r.signer, { indent: false, align: AlignmentType.RIGHT })] : []),
    ...(r.date ? [body(r.date, { indent: false, align: AlignmentType.RIGHT })] : []),
  ];
  return new Uint8Array(await Packer.toArrayBuffer(document(r.title, children)));
}
