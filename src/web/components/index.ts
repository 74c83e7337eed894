export * from './base';
export * from './content';
export * from './form';
export * from './moj';
export * from './charts';
