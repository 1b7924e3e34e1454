// Plots that know an app's outputs, chosen by the job's app. Each takes (job, result, outputs)
// and answers a section, or null when the job has nothing it can plot.
import { astraPlots, generatorPlots } from './astra.js';
import { sourceFinderPlots } from './sourcefinder.js';
import { hyphyPlots } from './hyphy.js';

export function plotsFor(app) {
  if (app === 'astra') return astraPlots;
  if (app === 'generator') return generatorPlots;
  if (app === 'source-finder') return sourceFinderPlots;
  if (app.startsWith('hyphy-')) return hyphyPlots;
  return null;
}
