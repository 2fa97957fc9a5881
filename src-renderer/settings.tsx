import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SettingsApp } from './settings/SettingsApp.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SettingsApp />
  </StrictMode>,
);
