/**
 * 报送情况: the step before scoring each quarter. Send each township its fill-in template (targets
 * locked), take many returned files in at once through one preview — who reported, who is
 * missing, every conflict — and see who has reported for the period.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import * as client from '../../worker-client/client';
import { useApp } from '../state/context';
import { download } from '../shared/files';
import { createProgressiveList } from '../shared/progressive';
import { ChangesTable, ProblemLists, UnmatchedNames } from '../shared/PreviewParts';
import { ReturnDuplicates } from './ReturnDuplicates';
import { Dialog } from '../shared/Dialog';
import type { Mappings, ReturnsPreview } from '../../service/protocol';
import { timeText as when } from '../shared/timeText';

/** Names listed in a line (a province has 40 000 units): the rest are counted. */
const NAMED = 50;
const names = (list: { unitName: string }[]) => list.slice(0, NAMED).map((r) => r.unitName).join('、') + (list.length > NAMED ? `……等 ${list.length} 个` : '');

const CONFLICT_LABELS = { existing: '与已有数据不同', files: '文件之间不一致', target: '任务数被改动', period: '不是本期的报送表' } as const;

export function ReturnsView(props: { periodId: string; version: number; periodLabel: string }) {
  const app = useApp();
  const engine = client.engine();
  const previewAsk = client.latestOnly();
  const [status] = createResource(() => ({ p: props.periodId, v: props.version }), (k) => engine.returnsStatus(k.p));
  const [preview, setPreview] = createSignal<ReturnsPreview | null>(null);
  const [overwrite, setOverwrite] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  let picker!: HTMLInputElement;
  const reported = () => (status() ?? []).filter((r) => r.fileName);
  const missing = () => (status() ?? []).filter((r) => !r.fileName);
  // Rows added 50 per frame after the first 40: a province's 40 000 at once would hold the page for seconds.
  const rows = createProgressiveList(() => (status.error ? [] : (status() ?? [])), 50, 40);

  const template = async (unitIds: string[] | 'zip') => {
    try {
      const pid = props.periodId;
      const out = await app.run(() => (unitIds === 'zip' ? engine.exportReturnTemplateZip(pid) : engine.exportReturnTemplate(pid, unitIds)));
      download(out.bytes, out.fileName);
    } catch (e) {
      app.fail(e);
    }
  };
  const pick = async () => {
    const files = [...(picker.files ?? [])];
    picker.value = ''; // the same files again must fire change again
    if (!files.length) return;
    try {
      setBusy(true);
      const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), lastModified: f.lastModified })));
      setOverwrite(false);
      const pid = props.periodId;
      // Files chosen again before the first preview came: only the newest choice is previewed.
      const got = await app.run(() => previewAsk(engine.previewReturns(pid, read)));
      if (got !== client.OVERTAKEN) setPreview(got);
    } catch (e) {
      app.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (p: ReturnsPreview) => {
    try {
      setBusy(true);
      const choice = overwrite();
      const out = await app.run(() => engine.applyReturns(p.periodId, p.token, choice));
      app.adoptOutcome(out);
      if (out.ok) {
        setPreview(null);
        app.say(`已导入 ${p.reported.length} 个单位的报送，可按 Ctrl+Z 撤销。${p.missing.length ? `尚未报送：${p.missing.length} 个单位。` : ''}`);
      }
    } catch (e) {
      app.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const choose = async (p: ReturnsPreview, unitId: string, fileName: string) => {
    try {
      setBusy(true);
      const got = await app.run(() => previewAsk(engine.chooseReturnFile(p.token, unitId, fileName)));
      if (got !== client.OVERTAKEN) setPreview(got);
    } catch (e) {
      app.fail(e);
    } finally {
      setBusy(false);
    }
  };
  /** A name no township goes by, mapped to one (or skipped): the preview as it now is. */
  const mapName = async (p: ReturnsPreview, kind: 'unit' | 'indicator', key: string, chosen: string) => {
    const mappings: Mappings = { units: {}, indicators: {} };
    for (const u of p.unmatched) if (u.chosen) (u.kind === 'unit' ? mappings.units : mappings.indicators)[u.key] = u.chosen;
    const to = kind === 'unit' ? mappings.units : mappings.indicators;
    if (chosen) to[key] = chosen;
    else delete to[key];
    try {
      setBusy(true);
      const got = await app.run(() => previewAsk(engine.mapReturnNames(p.token, mappings)));
      if (got !== client.OVERTAKEN) setPreview(got);
    } catch (e) {
      app.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const cancel = (p: ReturnsPreview) => {
    void engine.discardReturns(p.token);
    setPreview(null);
  };

  return (
    <section class="sheet">
      <h2 class="title">报送情况 — {props.periodLabel}</h2>
      <p class="subtitle">
        先把报送模板发给各乡镇（任务数已填好并锁定，乡镇只填完成任务数和备注），收回后一次选择多个文件导入；导入前会列出已报送、未报送和所有不一致之处。
      </p>
      <div class="inline-form no-print">
        <button type="button" onClick={() => void template('zip')} title="一个压缩包，每个乡镇一个文件（乡镇-期次.xlsx），各自只有本乡镇的表">
          下载全部乡镇的报送模板（每个乡镇一个文件，.zip）
        </button>
        <button type="button" onClick={() => void template([])}>
          下载为一个工作簿（每个乡镇一个工作表）
        </button>
        <label class="pick-button">
          导入乡镇报送文件（可多选）…
          <input ref={picker} type="file" multiple accept=".xlsx,.xls,.xlsm,.et,.csv" aria-label="导入乡镇报送文件" onChange={() => void pick()} />
        </label>
        <Show when={busy()}>
          <span class="muted">正在读取…</span>
        </Show>
      </div>
      <p data-testid="returns-summary">
        已报送 {reported().length} / {(status() ?? []).length} 个单位
        <Show when={missing().length > 0}>；未报送：{names(missing())}</Show>
      </p>
      <table class="grid" aria-label="报送情况">
        <thead>
          <tr>
            <th>序号</th>
            <th>乡镇</th>
            <th>报送情况</th>
            <th>报送文件</th>
            <th>导入时间</th>
            <th>已填指标</th>
            <th class="no-print">模板</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r, i) => (
              <tr data-unit={r.unitId}>
                <td class="num">{i() + 1}</td>
                <td class="text">{r.unitName}</td>
                <td classList={{ flag: !r.fileName }}>{r.fileName ? '已报送' : '未报送'}</td>
                <td class="text">{r.fileName ?? ''}</td>
                <td>{r.at ? when(r.at) : ''}</td>
                <td class="num" classList={{ flag: r.filled < r.expected }}>
                  {r.filled} / {r.expected}
                </td>
                <td class="no-print">
                  <button type="button" onClick={() => void template([r.unitId])} aria-label={`下载${r.unitName}的报送模板`}>
                    下载
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>

      <Show when={preview()}>
        {(p) => (
          <Dialog title={`导入乡镇报送：${p().files.length} 个文件`} label="报送导入预览" busy={busy()} onCancel={() => cancel(p())}>
              <p data-testid="returns-reported">
                已报送 {p().reported.length} 个单位：{names(p().reported) || '无'}
              </p>
              <p data-testid="returns-missing" classList={{ flag: p().missing.length > 0 }}>
                未报送 {p().missing.length} 个单位{p().missing.length ? `：${names(p().missing)}` : ''}
              </p>
              <table class="grid small" aria-label="报送文件">
                <thead>
                  <tr>
                    <th>文件</th>
                    <th>乡镇</th>
                    <th>填写的数值</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={p().files}>
                    {(f) => (
                      <tr>
                        <td class="text">{f.fileName}</td>
                        <td class="text">{names(f.units.map((unitName) => ({ unitName }))) || '（无）'}</td>
                        <td class="num">{f.values}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <UnmatchedNames unmatched={p().unmatched} units={p().names.units} indicators={p().names.indicators} disabled={busy()} onChoose={(kind, key, chosen) => void mapName(p(), kind, key, chosen)} />
              <ReturnDuplicates duplicates={p().duplicates} busy={busy()} onChoose={(unitId, fileName) => void choose(p(), unitId, fileName)} />
              <Show when={p().conflicts.length > 0}>
                <section class="import-errors" data-testid="returns-conflicts">
                  <h3>不一致之处（{p().conflicts.length} 处）</h3>
                  <ul>
                    <For each={p().conflicts}>
                      {(c) => (
                        <li>
                          【{CONFLICT_LABELS[c.kind]}】{c.text}
                        </li>
                      )}
                    </For>
                  </ul>
                  <Show when={p().overwriteCount > 0}>
                    <label>
                      <input type="checkbox" checked={overwrite()} onChange={(e) => setOverwrite(e.currentTarget.checked)} />
                      用报送的数值替换工作簿中已有的 {p().overwriteCount} 个不同数值（不勾选则保留已有的）
                    </label>
                  </Show>
                </section>
              </Show>
              <ProblemLists errors={p().errors} warnings={p().warnings} errorsTitle={`以下 ${p().errors.length} 处有误，不会导入：`} />
              <h3>
                将导入 {p().takeCount + (overwrite() ? p().overwriteCount : 0)} 个单元格
                {p().changesTotal > p().changes.length ? `（下面列出前 ${p().changes.length} 项，共 ${p().changesTotal} 项）` : ''}
              </h3>
              <ChangesTable label="报送的数值" changes={p().changes} newHeader="报送值" whereHeader="位置" />
              <div class="modal-actions">
                <button type="button" class="primary" disabled={busy() || p().takeCount + (overwrite() ? p().overwriteCount : 0) + p().reported.length === 0} onClick={() => void confirm(p())}>
                  确认导入
                </button>
                <button type="button" data-safe onClick={() => cancel(p())}>
                  取消
                </button>
              </div>
          </Dialog>
        )}
      </Show>
    </section>
  );
}
