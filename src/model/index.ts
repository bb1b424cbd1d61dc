export * from './cell';
export * from './rule';
export * from './workbook';
export * from './result';
export * from './command';
