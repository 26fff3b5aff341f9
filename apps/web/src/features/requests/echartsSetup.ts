/**
 * ECharts with only what the dashboard draws (bars, lines, axes, tooltip, legend, canvas). This
 * module is reached only through a dynamic import, so ECharts lands in a chunk of its own that only
 * people who open the dashboard ever download.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
