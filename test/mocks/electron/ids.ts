/** Ids for fake frames, webContents and windows, unique across the electron fake. */
let nextId = 1;
export const fakeId = (): number => nextId++;
