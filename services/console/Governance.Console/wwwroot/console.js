// The console's few lines of browser code: draw (or redraw) an ECharts chart in an element, from an option the server built.
window.governanceConsole = {
  chart(id, option) {
    const element = document.getElementById(id);
    if (!element || !window.echarts) return;
    const chart = echarts.getInstanceByDom(element) || echarts.init(element, null, { renderer: 'svg' });
    chart.setOption(option, true);
  },
};
