import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StatusApp } from './status/StatusApp.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StatusApp />
  </StrictMode>,
);
