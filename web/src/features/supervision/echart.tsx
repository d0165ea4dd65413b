import { useEffect, useRef } from 'react';
import { useLanguage } from '../../i18n';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, TreemapChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, TreemapSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';

// Only what the dashboards draw, so the page's chunk stays small.
echarts.use([
  BarChart,
  LineChart,
  TreemapChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** The options the dashboards' charts may use. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | TreemapSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/**
 * One ECharts chart (canvas) filling its box: it follows the box's size (a window resized,
 * a phone turned), takes new options as they come, and is disposed when it leaves the page.
 */
export function EChart({
  option,
  height = 320,
  label,
}: {
  option: ChartOption;
  height?: number;
  /** What the chart shows, for screen readers. */
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;
  // ECharts' own texts (the screen-reader description of the chart) follow the app's language.
  const language = useLanguage();

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, {
      renderer: 'canvas',
      locale: language === 'en' ? 'EN' : 'ZH',
    });
    chart.current = instance;
    instance.setOption({ aria: { enabled: true }, ...latest.current });
    const resize = () => instance.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [language]);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option]);

  return (
    <div ref={box} className="supervision-chart" style={{ height }} role="img" aria-label={label} />
  );
}
