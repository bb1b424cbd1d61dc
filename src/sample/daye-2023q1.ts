/**
 * 大冶市 2023 年一季度 — every value seed 000 (the quarterly bulletin) gives, nothing invented.
 *
 * Sources, in order of precedence:
 *  - 考核得分明细 (score sheet): full-precision actuals (新产品销售收入 248.04906, 技术合同 0.73194 亿元).
 *  - 附件1–5: the 14 units' actuals and targets of the five completion tables.
 *  - Where only a rounded actual and the printed 完成率 exist (新产品销售收入 of 金牛镇, 东岳街道,
 *    东风农场), the precise actual is 完成率 × 任务数; rank by rate needs it (殷祖镇's 3.8).
 * The score sheet omits the detail of 金牛镇, 东岳街道, 东风农场 and part of 茗山乡: those cells stay
 * missing, so those units are scored 数据不全 with the published 附件6 total shown beside them.
 * 殷祖镇's six work items fall on a page break the seed lost; its published total 75.41 is only
 * reachable with full marks on all six (64.1 × 100 / 85), so they are entered as completed, with a remark.
 */
import { cellKey, defaultRankDual, formatRate, toSignificant, type Cell, type Indicator, type Period, type Unit, type Workbook, SCHEMA_VERSION } from '../model';

const U = (id: string, name: string, aliases: string[] = [], fullName?: string): Unit =>
  fullName ? { id, name, fullName, aliases } : { id, name, aliases };

export const SAMPLE_UNITS: Unit[] = [
  U('gxq', '高新区', ['大冶湖高新区', '大冶湖国家高新区', '黄石大冶湖高新区'], '大冶湖高新区'),
  U('lkq', '临空区·还地桥镇', ['临空区•还地桥镇', '临空区・还地桥镇', '临空经济区·还地桥镇', '黄石临空经济区·还地桥镇', '还地桥镇']),
  U('lx', '灵乡镇'),
  U('jh', '金湖街道'),
  U('cg', '陈贵镇'),
  U('ba', '保安镇'),
  U('jsd', '金山店镇'),
  U('djp', '大箕铺镇'),
  U('yz', '殷祖镇'),
  U('lrb', '刘仁八镇'),
  U('jn', '金牛镇'),
  U('dy', '东岳街道'),
  U('dfnc', '东风农场'),
  U('msx', '茗山乡'),
];

const SCI = '科技创新指标';
const WORK = '工作任务';

function ind(p: Omit<Indicator, 'aliases' | 'decimals' | 'padDecimals'> & Partial<Indicator>): Indicator {
  return { aliases: [], decimals: 2, padDecimals: false, ...p };
}

export const SAMPLE_INDICATORS: Indicator[] = [
  ind({ id: 'hitech_output', name: '高新技术产业产值', unit: '亿元', group: SCI, points: 5, rule: { kind: 'proportional' } }),
  ind({
    id: 'tech_sme', name: '科技型中小企业入库数', aliases: ['科技型中小企业入库', '入库科技型中小企业数'], unit: '家', group: SCI,
    points: 10, rule: defaultRankDual(10), decimals: 0, annex: { no: 4, title: '科技型中小企业入库' },
  }),
  ind({
    id: 'tech_contract', name: '登记技术合同成交额', aliases: ['技术合同成交额', '技术合同成交额完成'], unit: '万元', detailUnit: '亿元',
    group: SCI, points: 10, rule: defaultRankDual(10), decimals: 0, annex: { no: 5, title: '技术合同成交额' },
  }),
  ind({ id: 'rd_service_revenue', name: '科学研究与技术服务业营业收入', unit: '亿元', group: SCI, points: 5, rule: { kind: 'proportional' } }),
  ind({ id: 'rd_service_wages', name: '科学研究与技术服务业工资总额', unit: '亿元', group: SCI, points: 5, rule: { kind: 'proportional' } }),
  ind({
    id: 'rd_service_firms', name: '科学研究与技术服务企业进规数', aliases: ['科学研究与技术服务业企业进规数'], unit: '家', group: SCI,
    points: 10, rule: { kind: 'threshold' }, decimals: 0,
  }),
  ind({
    id: 'rd_investment', name: '规上企业研发投入', unit: '万元', group: SCI, points: 5, rule: defaultRankDual(5), decimals: 1,
    annex: { no: 1, title: '规上企业研发投入' },
  }),
  ind({
    id: 'rd_staff', name: '规上企业研发人员', unit: '人', group: SCI, points: 5, rule: defaultRankDual(5), decimals: 0,
    annex: { no: 2, title: '规上企业研发人员' },
  }),
  ind({
    id: 'new_product_sales', name: '规上企业新产品销售收入', unit: '亿元', group: SCI, points: 5, rule: defaultRankDual(5), decimals: 2,
    padDecimals: true, annex: { no: 3, title: '规上企业新产品销售收入' },
  }),
  ind({ id: 'talent', name: '规上企业新招引科技人才', unit: '人', group: SCI, points: 5, rule: { kind: 'proportional' } }),
  ind({ id: 'work_plan', name: '制订落实科技创新行动年度工作计划', unit: '', group: WORK, points: 3, rule: { kind: 'threshold' }, decimals: 0 }),
  ind({ id: 'work_brief', name: '每月报送1篇科技创新行动简报', unit: '', group: WORK, points: 3, rule: { kind: 'threshold' }, decimals: 0 }),
  ind({ id: 'work_summary', name: '每月(季)报送科技创新行动总结', unit: '', group: WORK, points: 3, rule: { kind: 'threshold' }, decimals: 0 }),
  ind({ id: 'work_topic', name: '每月报送1个科技创新工作议题', unit: '', group: WORK, points: 3, rule: { kind: 'threshold' }, decimals: 0 }),
  ind({
    id: 'work_meeting', name: '每季组织1次科技创新行动工作会议', aliases: ['每季度组织1次科技创新行动工作会议'], unit: '', group: WORK,
    points: 3, rule: { kind: 'threshold' }, decimals: 0,
  }),
  ind({ id: 'work_materials', name: '根据安排及时报送有关材料', unit: '', group: WORK, points: 5, rule: { kind: 'threshold' }, decimals: 0 }),
];

/** 附件1–5 as printed: unit → [实绩数, 任务数]. */
const ANNEX: Record<string, Record<string, [number, number]>> = {
  rd_investment: {
    gxq: [132585.2, 130000], lkq: [28251.6, 27000], lx: [26645.4, 26000], jh: [25748.8, 21000], cg: [20059.9, 20000],
    ba: [10312.7, 9000], jsd: [7535.3, 7500], djp: [3024.2, 2800], yz: [882.6, 600], lrb: [770, 600], jn: [615.7, 600],
    dy: [368.7, 350], dfnc: [251.2, 200], msx: [204.1, 200],
  },
  rd_staff: {
    gxq: [4917, 4700], jh: [755, 750], lkq: [711, 600], lx: [508, 500], cg: [505, 480], jsd: [381, 320], ba: [261, 260],
    djp: [179, 170], yz: [31, 24], jn: [27, 24], lrb: [24, 24], dy: [18, 16], dfnc: [12, 11], msx: [11, 10],
  },
  new_product_sales: {
    gxq: [248.05, 210], lkq: [32.04, 26], jh: [26.2, 26], cg: [17.79, 15], lx: [15.92, 15], jsd: [11.18, 11], ba: [3.21, 3.2],
    djp: [1.83, 1.7], jn: [1.27, 1.2], dy: [1.13, 1.1], lrb: [0.64, 0.6], yz: [0.6, 0.6], msx: [0.31, 0.3], dfnc: [0.2, 0.2],
  },
  tech_sme: {
    gxq: [149, 111], lkq: [30, 26], cg: [28, 19], lx: [25, 19], djp: [19, 11], jh: [18, 14], jsd: [13, 9], ba: [12, 12],
    lrb: [9, 6], dy: [8, 6], jn: [7, 5], yz: [6, 5], msx: [5, 5], dfnc: [3, 2],
  },
  tech_contract: {
    gxq: [45630, 41500], lx: [7583, 5000], cg: [7319, 5000], ba: [5728, 5000], jh: [5590, 5000], lkq: [5065, 5000],
    jsd: [3830, 2500], djp: [3469, 2500], lrb: [2343, 1500], jn: [1920, 1500], msx: [1861, 1500], yz: [1789, 1500],
    dfnc: [1000, 1000], dy: [960, 1500],
  },
};

/** Full-precision actuals printed by the score sheet (技术合同 converted from 亿元 to 万元). */
const PRECISE_ACTUALS: Record<string, Record<string, number>> = {
  new_product_sales: {
    gxq: 248.04906, cg: 17.78814, lx: 15.91833, jh: 26.1957, lkq: 32.03669, djp: 1.83181, jsd: 11.17556, lrb: 0.64,
    ba: 3.21312, yz: 0.60115, msx: 0.30528,
  },
  tech_contract: { gxq: 45630, cg: 7319.4, lx: 7583, jh: 5590, lkq: 5065, djp: 3469, jsd: 3830, lrb: 2343, ba: 5728, yz: 1789 },
};

/** 附件3 完成率 of the units whose precise actual the score sheet does not print: actual = rate × target. */
const RATE_DERIVED: Record<string, Record<string, number>> = {
  new_product_sales: { jn: 1.0603, dy: 1.0267, dfnc: 1.0027 },
};

type Entry = [target: number | '/', actual: number | '/' | 'P'];
/** Score-sheet lines for the other indicators: 'P' = pending (actual := target), '/' = not applicable. */
const SCORE_SHEET: Record<string, Record<string, Entry>> = {
  gxq: {
    hitech_output: [112.5, 'P'], rd_service_revenue: [0.0775, 'P'], rd_service_wages: [0.0175, 'P'], rd_service_firms: [1, 0],
    talent: [40, 156], work_plan: [1, 1], work_brief: [3, 7], work_summary: [3, 4], work_topic: [3, 3], work_meeting: [1, 1], work_materials: [11, 16],
  },
  cg: {
    hitech_output: [3, 'P'], rd_service_revenue: [0.2375, 'P'], rd_service_wages: [0.055, 'P'], rd_service_firms: [1, 0],
    talent: [4.25, 4], work_plan: [1, 1], work_brief: [3, 6], work_summary: [3, 3], work_topic: [3, 3], work_meeting: [1, 1], work_materials: [11, 14],
  },
  lx: { hitech_output: [5.25, 'P'], talent: [4.25, 4] },
  jh: { hitech_output: [28.75, 'P'], talent: [3.5, 15] },
  lkq: { hitech_output: [10, 'P'], talent: [6, 5] },
  djp: { hitech_output: [0.375, 'P'], talent: [0.75, 0] },
  jsd: { hitech_output: [3.75, 'P'], talent: [0.75, 0] },
  lrb: { hitech_output: [0.025, 'P'], talent: [0.5, 0], work_topic: [3, 4], work_materials: [11, 12] },
  ba: { hitech_output: [1, 'P'], talent: [1.5, 0] },
  yz: { hitech_output: [0.025, 'P'], talent: [0.5, 0] },
  msx: {
    talent: [0.5, 0], work_plan: [1, 1], work_brief: [3, 3], work_summary: [3, 3], work_topic: [3, 3], work_meeting: [1, 1],
    work_materials: [11, 0],
  },
};

/** Units whose score-sheet block follows "(其它乡镇同上)": 营业收入/工资总额 "/", 进规数 1 → 0, work items as standard. */
const STANDARD_BLOCK_UNITS = ['lx', 'jh', 'lkq', 'djp', 'jsd', 'lrb', 'ba', 'yz'];
const STANDARD_BLOCK: Record<string, Entry> = {
  rd_service_revenue: ['/', '/'], rd_service_wages: ['/', '/'], rd_service_firms: [1, 0],
  work_plan: [1, 1], work_brief: [3, 3], work_summary: [3, 3], work_topic: [3, 3], work_meeting: [1, 1], work_materials: [11, 11],
};

const REMARKS: Record<string, string> = {
  [cellKey('msx', 'work_materials')]: '迟报材料',
};
const YINZU_INFERRED = '原通报此页缺失；按附件6总得分75.41反推为满分（64.1×100÷85）';

export const PUBLISHED_TOTALS: Record<string, number> = {
  gxq: 85.06, cg: 84.77, lx: 84.3, jh: 83.29, lkq: 83.2, djp: 78.47, jsd: 78.12, lrb: 77.59, ba: 76.24, yz: 75.41,
  dy: 74.59, dfnc: 74.41, jn: 70.47, msx: 68.06,
};

function buildCells(): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const [indId, rows] of Object.entries(ANNEX)) {
    for (const [unitId, [actual, target]] of Object.entries(rows)) {
      const precise = PRECISE_ACTUALS[indId]?.[unitId];
      const rate = RATE_DERIVED[indId]?.[unitId];
      const a = precise ?? (rate !== undefined ? toSignificant(rate * target, 12) : actual);
      const cell: Cell = { state: 'value', target, actual: a };
      if (rate !== undefined) cell.remark = `实绩数按附件完成率${formatRate(rate)}×任务数还原`;
      cells[cellKey(unitId, indId)] = cell;
    }
  }
  const put = (unitId: string, indId: string, [target, actual]: Entry) => {
    const key = cellKey(unitId, indId);
    if (target === '/') cells[key] = { state: 'na', target: null, actual: null };
    else if (actual === 'P') cells[key] = { state: 'pending', target, actual: null };
    else cells[key] = { state: 'value', target, actual: actual === '/' ? null : actual };
    const remark = REMARKS[key];
    if (remark) cells[key]!.remark = remark;
  };
  for (const unitId of STANDARD_BLOCK_UNITS) {
    for (const [indId, e] of Object.entries(STANDARD_BLOCK)) put(unitId, indId, e);
  }
  for (const [unitId, rows] of Object.entries(SCORE_SHEET)) {
    for (const [indId, e] of Object.entries(rows)) put(unitId, indId, e);
  }
  for (const indId of ['work_plan', 'work_brief', 'work_summary', 'work_topic', 'work_meeting', 'work_materials']) {
    cells[cellKey('yz', indId)]!.remark = YINZU_INFERRED;
  }
  return cells;
}

export function samplePeriod(): Period {
  return {
    id: 'daye-2023-q1',
    year: 2023,
    quarter: 1,
    asOf: '2023 年 3 月 31 日下午 17:00',
    area: '大冶市',
    units: structuredClone(SAMPLE_UNITS),
    indicators: structuredClone(SAMPLE_INDICATORS),
    cells: buildCells(),
    publishedTotals: { ...PUBLISHED_TOTALS },
  };
}

export function sampleWorkbook(): Workbook {
  return { schemaVersion: SCHEMA_VERSION, id: 'sample-daye-2023', name: '大冶市科技创新行动考核（示例）', periods: [samplePeriod()] };
}
