/**
 * The `/cs stats` chart: daily conversations (bars) and median first response time
 * (line), as a PNG. vega-lite → vega → SVG → @resvg/resvg-js: no browser, no network.
 * Text needs fonts: system fonts are loaded (Debian: fonts-dejavu-core, and
 * fonts-wqy-microhei for Chinese labels). The renderers (~50 MB) are imported on the first
 * chart, not when the desk starts.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface ChartDay {
  day: string;
  conversations: number;
  medianFirstResponseMin?: number;
}

export interface ChartLabels {
  title: string;
  conversations: string;
  firstResponse: string;
}

export const CHART_FONT = 'DejaVu Sans, WenQuanYi Micro Hei, Liberation Sans, sans-serif';

export function chartSpec(days: readonly ChartDay[], labels: ChartLabels): TopLevelSpec {
  const values = days.map((d) => ({
    day: d.day,
    conversations: d.conversations,
    minutes: d.medianFirstResponseMin === undefined ? null : Math.round(d.medianFirstResponseMin * 10) / 10,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: labels.title,
    width: 640,
    height: 240,
    background: 'white',
    data: { values },
    // Days are local calendar days already: keep them in UTC so the process's own TZ
    // cannot shift a label by a day.
    encoding: {
      x: {
        field: 'day',
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        title: null,
        axis: { format: '%b %d', labelAngle: 0, tickCount: Math.min(10, Math.max(1, days.length)) },
      },
    },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8', opacity: 0.85 },
        encoding: {
          y: { field: 'conversations', type: 'quantitative', title: labels.conversations },
        },
      },
      {
        mark: {
          type: 'line',
          color: '#e45756',
          // Points only while they stay distinct; a year of them is noise.
          point: days.length <= 62 ? { filled: true, size: 18, color: '#e45756' } : false,
          strokeWidth: 2,
        },
        encoding: {
          // Centre the points on the day's bar rather than on its start.
          x: { field: 'day', type: 'temporal', timeUnit: 'utcyearmonthdate', bandPosition: 0.5 },
          y: {
            field: 'minutes',
            type: 'quantitative',
            title: labels.firstResponse,
            axis: { titleColor: '#e45756' },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
    config: { font: CHART_FONT, view: { stroke: null } },
  };
}

export async function chartSvg(days: readonly ChartDay[], labels: ChartLabels): Promise<string> {
  const [{ compile }, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const { spec } = compile(chartSpec(days, labels));
  // No loader: the data is inline, so nothing is ever fetched.
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rendered at 2× for phone screens; system fonts, DejaVu Sans when a family is missing. */
export const RESVG_OPTIONS = {
  font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  fitTo: { mode: 'zoom' as const, value: 2 },
  background: 'white',
};

export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  return new Resvg(svg, RESVG_OPTIONS).render().asPng();
}

export async function renderStatsChart(days: readonly ChartDay[], labels: ChartLabels): Promise<Uint8Array> {
  return svgToPng(await chartSvg(days, labels));
}
