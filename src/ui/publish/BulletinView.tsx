/**
 * 通报: the notice as it will be published — title, 主送, the body (§一 drafted from the figures,
 * the rest the person's own), 成文日期 — kept per period as it is typed, and 导出 Word with the
 * 附件 tables. When the figures change under an edited §一 both texts are shown and the person
 * chooses. Text typed and not yet kept is also held in this browser (a preference), so closing the tab mid-typing
 * loses nothing (offered back on return).
 */
import * as v from 'valibot';
import { preference } from '../shared/preference';
import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import * as client from '../../worker-client/client';
import type { BulletinPage, BulletinPatch } from '../../service/protocol';
import { useApp } from '../state/context';
import { download } from '../shared/files';
import { CheckedBox } from '../shared/CheckedBox';
import { bulletinFieldProblem } from '../../model';
import { chartPictures } from './charts/chartPictures';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Keep the body this long after the last keystroke. */
const KEEP_AFTER_MS = 700;

/** The body as typed and not yet kept, per workbook and period (earlier builds kept it under kaohe.bulletin.<wb>.<period>). */
const backups = preference('bulletin-draft', v.pipe(v.string(), v.maxLength(200_000)), (key) => `kaohe.bulletin.${key.replace('|', '.')}`);

export function BulletinView(props: { periodId: string; version: number }) {
  const app = useApp();
  const [doc] = createResource(() => ({ p: props.periodId, r: props.version }), (k) => client.engine().bulletinDocument(k.p));
  const [restorable, setRestorable] = createSignal<string | null>(null);
  let bodyBox!: HTMLTextAreaElement;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: Promise<void> = Promise.resolve();
  const key = () => `${app.session()?.workbookId ?? ''}|${props.periodId}`;

  const save = (patch: BulletinPatch, label: string) => {
    // Sent at once (never held back behind an earlier answer, where closing the tab would lose it):
    // the worker's one queue keeps the order, and each is a patch over what is kept.
    pending = app.saveBulletin(props.periodId, patch, label).catch(() => undefined);
    return pending;
  };
  /** A field of its own box: its refusal shown there (CheckedBox), not as a notice. */
  const saveAtBox = (patch: BulletinPatch, label: string) => {
    const p = app.saveBulletinAtBox(props.periodId, patch, label);
    pending = p.catch(() => undefined);
    return p;
  };
  const keepBody = (d: BulletinPage) => {
    clearTimeout(timer);
    timer = undefined;
    const text = bodyBox.value;
    if (text === d.body) return pending;
    const k = key();
    return save({ body: text, basedOn: d.basedOn }, '修改通报正文').then(() => {
      if (backups.read(k) === text) backups.remove(k);
    });
  };

  // The stored text goes into the box only while it is not being typed in.
  createEffect(() => {
    const d = doc.latest;
    if (!d) return;
    if (document.activeElement !== bodyBox && timer === undefined && bodyBox.value !== d.body) bodyBox.value = d.body;
    const left = backups.read(key());
    setRestorable(left !== undefined && left !== d.body ? left : null);
  });
  onCleanup(() => {
    const d = doc.latest;
    if (timer !== undefined && d) void keepBody(d);
  });

  // The charts to put in the Word file (after the 附件), as ticked.
  const [withTotals, setWithTotals] = createSignal(false);
  const [withRates, setWithRates] = createSignal(false);
  const exportWord = async () => {
    const d = doc.latest;
    if (d && timer !== undefined) await keepBody(d);
    await pending;
    try {
      const which = { totals: withTotals(), rates: withRates() };
      const pictures = which.totals || which.rates ? await chartPictures(await client.engine().periodView(props.periodId, 'completion', 0), which) : [];
      const out = await client.engine().exportBulletinWord(props.periodId, pictures);
      download(out.bytes, out.fileName, DOCX);
      app.say(`已导出 ${out.fileName}`);
    } catch (e) {
      app.fail(e);
    }
  };

  return (
    <section class="sheet bulletin">
      <h2 class="title">通报</h2>
      <Show when={doc.latest}>
        {(d) => (
          <>
            <p class="no-print toolbar">
              <button type="button" class="primary" onClick={() => void exportWord()}>
                导出 Word
              </button>
              <span class="picture-choice">
                附图：
                <label>
                  <input type="checkbox" checked={withTotals()} onChange={(e) => setWithTotals(e.currentTarget.checked)} />
                  考核得分柱状图
                </label>
                <label>
                  <input type="checkbox" checked={withRates()} onChange={(e) => setWithRates(e.currentTarget.checked)} />
                  各指标完成率柱状图
                </label>
              </span>
              <button
                type="button"
                onClick={async () => {
                  try {
                    await navigator.clipboard.writeText(bodyBox.value);
                    app.say('通报正文已复制，可粘贴到 Word/WPS。');
                  } catch {
                    app.say('浏览器不允许直接复制，请选中文字后按 Ctrl+C。', 'warn');
                  }
                }}
              >
                复制正文
              </button>
              <Show when={d().status !== 'fresh'}>
                <button type="button" onClick={() => void save({ body: null, basedOn: null }, '通报正文恢复为草稿')}>
                  正文恢复为草稿
                </button>
              </Show>
              <span class="hint">正文随输入自动保存；开头一句和「一、」按本期数字生成，均可修改，其余由您填写。</span>
            </p>
            <Show when={restorable()}>
              {(text) => (
                <div class="notice warn no-print" role="alert">
                  上次关闭页面时有未保存的通报正文。
                  <button type="button" onClick={() => { bodyBox.value = text(); void keepBody(d()); setRestorable(null); }}>
                    恢复
                  </button>
                  <button type="button" onClick={() => { backups.remove(key()); setRestorable(null); }}>
                    放弃
                  </button>
                </div>
              )}
            </Show>
            <Show when={d().status === 'changed'}>
              <div class="notice warn" role="alert" data-testid="bulletin-changed">
                <p>本期数字已变化，您编辑过的「一、」仍是旧数字。左为您的正文，右为按最新数字生成的「一、」。</p>
                <div class="side-by-side">
                  <div class="draft">{d().body}</div>
                  <div class="draft">{d().drafted}</div>
                </div>
                <button type="button" onClick={() => void save({ body: null, basedOn: null }, '通报采用新数字')}>
                  采用新数字（替换我的正文）
                </button>
                <button type="button" onClick={() => void save({ body: d().body, basedOn: d().drafted }, '通报保留我的正文')}>
                  保留我的正文
                </button>
              </div>
            </Show>
            <div class="bulletin-form">
              <label>
                标题
                <CheckedBox label="通报标题" class="wide-input" value={d().edits.title ?? ''} placeholder={d().title} check={(v) => bulletinFieldProblem('title', v)} onCommit={(v) => saveAtBox({ title: v }, '修改通报标题')} />
              </label>
              <label>
                主送
                <CheckedBox label="主送" class="wide-input" value={d().edits.recipients ?? ''} placeholder="如 各乡镇(场)、市直有关单位：" check={(v) => bulletinFieldProblem('recipients', v)} onCommit={(v) => saveAtBox({ recipients: v }, '修改通报主送')} />
              </label>
              <textarea
                ref={bodyBox}
                aria-label="通报正文"
                data-testid="bulletin-body"
                class="draft"
                rows={16}
                onInput={(e) => {
                  backups.write(key(), e.currentTarget.value);
                  clearTimeout(timer);
                  timer = setTimeout(() => void keepBody(d()), KEEP_AFTER_MS);
                }}
                onBlur={() => {
                  if (timer !== undefined) void keepBody(d());
                }}
              />
              <p class="annex-list">
                <For each={d().annexTitles}>{(t, i) => <span>{`${i() === 0 ? '附件：' : ''}${i() + 1}. ${t}`}</span>}</For>
              </p>
              <p class="issuer-line">
                发文单位：{d().issuer || '（未填，在「规则」中填写）'}
              </p>
              <label>
                成文日期
                <CheckedBox label="成文日期" value={d().edits.date ?? ''} placeholder="如 2023年4月10日" check={(v) => bulletinFieldProblem('date', v)} onCommit={(v) => saveAtBox({ date: v }, '修改成文日期')} />
              </label>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
