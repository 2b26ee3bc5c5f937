// The dashboard's charts, drawn with plotly.js (its basic bundle, from the Plotly.Blazor NuGet package at build time)
// from the figures the page computed on the server (#dashboard-figures).
(function () {
  const source = document.getElementById("dashboard-figures");
  if (!source || typeof Plotly === "undefined") return;
  const f = JSON.parse(source.textContent);
  if (!f.months) return; // the page showed why there are no figures
  const font = { family: '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif', size: 12 };
  const layout = (extra) => Object.assign({ font, margin: { t: 10, r: 24, b: 70, l: 70 }, height: 300, legend: { orientation: "h", y: -0.25 } }, extra);
  const config = { displaylogo: false, responsive: true, locale: "zh-CN" };
  const yuan = { tickformat: ",.0f", separatethousands: true, rangemode: "tozero" };

  Plotly.newPlot("chart-alerts",
    f.alerts.length ? f.alerts.map((r) => ({ type: "bar", name: r.name, x: f.months, y: r.counts })) : [{ type: "bar", x: f.months, y: f.months.map(() => 0), name: "无预警" }],
    layout({ barmode: "stack", showlegend: true, xaxis: { type: "category" }, yaxis: { title: { text: "条" }, rangemode: "tozero", dtick: 1 } }), config);
  Plotly.newPlot("chart-budget", [
    { type: "bar", name: "预算", x: f.villages, y: f.budget, marker: { color: "#9fb3c8" } },
    { type: "bar", name: "实际", x: f.villages, y: f.actual, marker: { color: "#b3261e" } },
  ], layout({ barmode: "group", yaxis: yuan }), config);
  Plotly.newPlot("chart-cash", [
    { type: "bar", name: "库存现金", x: f.villages, y: f.cash, marker: { color: "#2f7d32" } },
    { type: "bar", name: "银行存款", x: f.villages, y: f.bank, marker: { color: "#1c5d99" } },
  ], layout({ barmode: "stack", yaxis: yuan }), config);
  Plotly.newPlot("chart-arrears", [
    { type: "bar", name: "欠款", x: f.villages, y: f.arrears, marker: { color: "#a35c00" } },
  ], layout({ yaxis: yuan, showlegend: false }), config);
})();
