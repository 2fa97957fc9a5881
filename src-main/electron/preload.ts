/**
 * Sandboxed preload (bundled to dist/electron/preload.cjs: a sandboxed preload cannot require
 * local files). Exposes the named RendererApi methods as window.walltrack — never ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcRendererApi } from './preloadApi.js';

contextBridge.exposeInMainWorld('walltrack', createIpcRendererApi(ipcRenderer));
