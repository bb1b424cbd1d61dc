import { render } from 'solid-js/web';
import { App } from './ui/App';
import './ui/app.css';

// index.html has shown the "use a newer browser" page already when something the app needs is missing.
if (!(window as { __kaoheUnsupported?: string[] }).__kaoheUnsupported) render(() => <App />, document.getElementById('app')!);
