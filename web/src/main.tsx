import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { RouterProvider } from './router';
import { setLanguage } from './i18n';
import './styles.css';

setLanguage(new URLSearchParams(window.location.search).get('lang') ?? 'ru');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider>
      <App />
    </RouterProvider>
  </StrictMode>,
);
