import { afterNextRender, ChangeDetectionStrategy, Component, DestroyRef, effect, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import type { EChartsType } from 'echarts/core';

/** One series of a bar chart: its legend name and one value per category. */
export interface ChartSeries {
  readonly name: string;
  readonly values: readonly number[];
  /** A CSS colour; the chart's palette when absent. */
  readonly color?: string;
}

/** echarts, loaded once and only by pages that draw a chart. */
let echartsLoaded: Promise<typeof import('./bar-chart.echarts')> | null = null;
function loadEcharts(): Promise<typeof import('./bar-chart.echarts')> {
  echartsLoaded ??= import('./bar-chart.echarts');
  return echartsLoaded;
}

/**
 * A grouped bar chart on echarts: categories along one axis, one bar per series. Labels come translated from the
 * page; `valueFormat` formats the axis and tooltips (amounts in the interface language). Sized by its container,
 * redrawn when the data or the size changes; the figures stay readable in a table next to it (charts are not the
 * only way to read them).
 */
@Component({
  selector: 'cm-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div #canvas class="canvas" role="img" [attr.aria-label]="label()" [attr.data-testid]="testId()" [attr.data-ready]="ready() ? 'true' : null"></div>`,
  styles: `
    :host {
      display: block;
    }
    .canvas {
      width: 100%;
      height: var(--cm-chart-height, 280px);
    }
  `,
})
export class BarChartComponent {
  readonly categories = input.required<readonly string[]>();
  readonly series = input.required<readonly ChartSeries[]>();
  /** What the chart shows, for screen readers. */
  readonly label = input.required<string>();
  readonly testId = input<string>('bar-chart');
  readonly horizontal = input(false);
  readonly valueFormat = input<(value: number) => string>((value) => String(value));

  private readonly canvas = viewChild.required<ElementRef<HTMLElement>>('canvas');
  private chart: EChartsType | null = null;
  protected readonly ready = signal(false);

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(async () => {
      const echarts = await loadEcharts();
      if (this.chart) return;
      this.chart = echarts.init(this.canvas().nativeElement, null, { renderer: 'svg' });
      const observer = new ResizeObserver(() => this.chart?.resize());
      observer.observe(this.canvas().nativeElement);
      destroyRef.onDestroy(() => {
        observer.disconnect();
        this.chart?.dispose();
        this.chart = null;
      });
      this.draw();
    });
    effect(() => this.draw());
  }

  private draw(): void {
    const categories = [...this.categories()];
    const series = this.series();
    const format = this.valueFormat();
    const horizontal = this.horizontal();
    if (!this.chart) return;
    const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { interval: 0, hideOverlap: true } };
    const valueAxis = { type: 'value' as const, axisLabel: { formatter: (value: number) => format(value) } };
    this.chart.setOption(
      {
        aria: { enabled: true },
        animation: false,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: unknown) => format(Number(value)) },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? categoryAxis : valueAxis,
        series: series.map((s) => ({ type: 'bar' as const, name: s.name, data: [...s.values], itemStyle: s.color ? { color: s.color } : undefined })),
      },
      { notMerge: true },
    );
    this.ready.set(true);
  }
}
