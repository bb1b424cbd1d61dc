/** Worker names: one script, two roles (the engine, and a file reader that can be terminated). */
export const ENGINE_NAME = 'kaohe-engine';
export const READER_NAME = 'kaohe-reader';
