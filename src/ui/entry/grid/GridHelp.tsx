/** The grid's one-paragraph help; on a small screen it is one line, the rest in its tooltip. */
const HELP =
  '方向键/Tab/Enter 移动，直接输入即覆盖，F2 或双击修改，Esc 取消，Delete 清除，Ctrl+C/Ctrl+V 复制粘贴（可直接粘贴从 Excel/WPS 复制的区域，按列位置对应，计算列不能粘贴），' +
  'Ctrl+Z/Ctrl+Y 撤销/重做。输入“/”表示不适用，实绩数输入“未出”表示数据未出（暂取任务数）。灰底为计算结果，不可编辑。';

export function GridHelp() {
  return (
    <p class="hint no-print" title={HELP}>
      {HELP}
    </p>
  );
}
