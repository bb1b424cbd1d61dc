/**
 * The parts of Chart.js the charts use (bars, lines, two scales, tooltip and legend), imported by
 * name so the bundler keeps only them; this module is what chartLibrary.ts loads on first use.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

export { Chart };
