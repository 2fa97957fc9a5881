/** Electron's nativeImage: images built from PNG buffers. Part of the electron fake (test/mocks/electron.ts). */
import type {
  CreateFromBufferOptions,
  AddRepresentationOptions,
  NativeImage as ElectronNativeImage,
} from 'electron';

export class NativeImage implements Pick<ElectronNativeImage, 'addRepresentation' | 'isEmpty' | 'setTemplateImage' | 'isTemplateImage'> {
  readonly representations: { scaleFactor: number; buffer: Buffer }[] = [];
  template = false;
  addRepresentation(options: AddRepresentationOptions): void {
    if (!options.buffer) throw new Error('fake: only buffer representations are modelled');
    this.representations.push({ scaleFactor: options.scaleFactor ?? 1, buffer: options.buffer });
  }
  isEmpty(): boolean {
    return this.representations.length === 0;
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
}

export const nativeImage: { createFromBuffer(buffer: Buffer, options?: CreateFromBufferOptions): NativeImage; createEmpty(): NativeImage } = {
  createFromBuffer(buffer, options) {
    const image = new NativeImage();
    image.addRepresentation({ buffer, scaleFactor: options?.scaleFactor ?? 1 });
    return image;
  },
  createEmpty: () => new NativeImage(),
};
