import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { registerServiceWorker } from './app/pwa';
import { getLanguage, loadDictionary } from './i18n';
import './app/global.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');

const root = createRoot(container);
const render = () =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// A visitor who chose English earlier gets its dictionary before the first paint; should it
// not load, the page renders with the Chinese messages rather than not at all.
loadDictionary(getLanguage()).then(render, render);

registerServiceWorker();
