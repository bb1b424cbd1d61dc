import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import JSZip from 'jszip';
import { createService } from '../../src/service/service';
import { describe, expect, it } from 'vitest';
import { scorePeriod } from '../../src/engine';
import { bulletinDocument } from '../../src/engine/bulletin/document';
import { exportBulletinDocx } from '../../src/xlsx/exportBulletinDocx';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { docxTables, docxText } from '../support/docx';

describe('导出 Word: the 通报 as a government notice', () => {
  it('title, body, 附件 list, issuer and date, six tables, A4 and the fonts', async () => {
    const p = samplePeriod();
    p.issuer = '大冶市科技创新行动领导小组办公室';
    p.bulletin = { recipients: '各乡镇(场)：', date: '2023年4月10日' };
    const doc = bulletinDocument(p, scorePeriod(p));
    const zip = await JSZip.loadAsync(await exportBulletinDocx(doc));
    const xml = await zip.file('word/document.xml')!.async('string');
    const paras = docxText(xml);
    expect(paras[0]).toBe('关于大冶市2023年科技创新行动一季度工作进展情况的通报');
    expect(paras[1]).toBe('各乡镇(场)：');
    expect(paras[2]).toBe('现将2023年科技创新行动一季度工作进展情况通报如下：');
    expect(paras).toContain('一、目标任务进展情况');
    expect(paras.find((t) => t.startsWith('（一）全市指标整体完成情况。'))).toContain('全市规上企业研发投入实绩数为 257255.4 万元，完成任务数 104.64%');
    expect(paras).toContain('金牛镇、东岳街道、东风农场和茗山乡等 4 个乡镇(场)本期考核数据不全，暂不参与排名，以上合计不含其缺少的数据。');
    expect(paras).toContain('附件：1. 各乡镇 2023 年规上企业研发投入完成情况表');
    const issuerAt = paras.indexOf('大冶市科技创新行动领导小组办公室');
    expect(paras[issuerAt + 1]).toBe('2023年4月10日');
    for (let n = 1; n <= 6; n++) expect(paras).toContain(`附件 ${n}`);
    // The tables: the same rows as the 附件 (序号, 乡镇, 实绩数, 任务数, 完成率; 合计), the ranking.
    const tables = docxTables(xml);
    expect(tables).toHaveLength(6);
    doc.completion.forEach((t, i) => {
      expect(tables[i]!.slice(2, 2 + t.rows.length)).toEqual(t.rows.map((r) => [String(r.no), r.name, r.actualText, r.targetText, r.rateText]));
      expect(tables[i]!.at(-1)).toEqual(['合计', t.sum.actualText, t.sum.targetText, t.sum.rateText]);
    });
    expect(tables[0]![2]).toEqual(['1', '大冶湖高新区', '132585.2', '130000', '101.99%']);
    expect(tables[5]![1]).toEqual(['1', '高新区', '85.06']);
    // A4 with GB/T 9704 margins; 二号 title font, 三号 仿宋 body; "— 1 —" page numbers.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('<w:sz w:val="44"/>');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    const footer = await zip.file(/word\/footer\d*\.xml/)[0]!.async('string');
    expect(footer).toContain('PAGE');
    expect(docxText(footer).join('')).toMatch(/^— .*—$/);
  });

  it('ticked charts go after the 附件, each on its own page as wide as the text (附图 1, its title, the PNG)', async () => {
    const p = samplePeriod();
    // A 2×1 PNG: what the page sends is placed as it is.
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwQZGBgAHfwD/VP8dkoAAAAASUVORK5CYII=', 'base64'));
    const zip = await JSZip.loadAsync(await exportBulletinDocx(bulletinDocument(p, scorePeriod(p)), [{ title: '各乡镇(场)考核得分', png, width: 960, height: 480 }]));
    const xml = await zip.file('word/document.xml')!.async('string');
    const paras = docxText(xml);
    expect(paras.slice(paras.indexOf('附图 1'), paras.indexOf('附图 1') + 2)).toEqual(['附图 1', '各乡镇(场)考核得分']);
    expect(paras.indexOf('附图 1')).toBeGreaterThan(paras.indexOf('附件 6'));
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/') && !zip.files[n]!.dir);
    expect(media).toHaveLength(1);
    expect(Buffer.from(await zip.file(media[0]!)!.async('uint8array')).equals(Buffer.from(png))).toBe(true);
    // 156 mm wide (the text block), half as tall: EMU = px × 9525.
    const ext = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(xml)!;
    expect([Number(ext[1]), Number(ext[2])]).toEqual([589 * 9525, 295 * 9525]);
  });

  it('the worker refuses a picture that is not a PNG (a page may send anything), naming it; a real one is placed', async () => {
    const s = createService({ indexedDB: new IDBFactory() });
    await s.init();
    const pid = s.state().periods[0]!.id;
    await expect(s.exportBulletinWord(pid, [{ title: '图', png: new Uint8Array([1, 2, 3]), width: 10, height: 10 }])).rejects.toThrow('第 1 张附图不是可用的 PNG 图片，未导出。');
    await expect(s.exportBulletinWord(pid, 'x' as never)).rejects.toThrow('附图的格式不正确');
    const out = await s.exportBulletinWord(pid, []);
    expect(out.fileName).toBe('关于大冶市2023年科技创新行动一季度工作进展情况的通报.docx');
  });
});
