/** Start-up of the 智治乌审 resident app. */
import { startMobileApp } from '../shared/mobile-start.tsx';
import { App } from './app.tsx';
import { dictionaries } from './i18n/index.ts';
import './styles.css';

startMobileApp(App, dictionaries);
