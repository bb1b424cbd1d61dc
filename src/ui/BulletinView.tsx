import { createResource, Show } from 'solid-js';
import * as client from '../worker-client/client';
import { useApp } from './context';

/** 通报稿: §一 of the quarterly bulletin drafted from the numbers, ready to copy. */
export function BulletinView(props: { periodId: string; version: number }) {
  const app = useApp();
  const [draft] = createResource(() => ({ p: props.periodId, r: props.version }), (k) => client.engine().bulletin(k.p));
  return (
    <section class="sheet">
      <h2 class="title">通报稿（一、目标任务进展情况）</h2>
      <Show when={draft()}>
        {(d) => (
          <>
            <p class="no-print">
              <button
                type="button"
                onClick={async () => {
                  try {
                    await navigator.clipboard.writeText(d().text);
                    app.say('通报稿已复制，可粘贴到 Word/WPS。');
                  } catch {
                    app.say('浏览器不允许直接复制，请选中文字后按 Ctrl+C。', 'warn');
                  }
                }}
              >
                复制全文
              </button>
            </p>
            <div class="draft" data-testid="bulletin-draft">
              {d().text}
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
