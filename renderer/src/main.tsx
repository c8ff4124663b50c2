import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

const container = document.getElementById('root');
if (!container) throw new Error('Throughline: the page has no #root element to mount into.');
createRoot(container).render(<StrictMode><App /></StrictMode>);
