/** Conversions between money units live with the value policy (model/measure.ts): boxes convert "10亿元" too. */
export { canConvert, convertMeasure, MONEY_UNITS } from '../../model/measure';
