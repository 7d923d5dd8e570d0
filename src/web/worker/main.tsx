/** Start-up of the 百姓管家 grid-worker app. */
import { startMobileApp } from '../shared/mobile-start.tsx';
import { App } from './App.tsx';
import { dictionaries } from './i18n/index.ts';
import './styles.css';
import './mongolian.css';

startMobileApp(App, dictionaries);
