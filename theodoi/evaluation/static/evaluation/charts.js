/* The judgement's charts, drawn with Apache ECharts (our own static copy) from the data
   the page carries in <script type="application/json" id="chart-data">. Every chart has
   its table beside it in the page: without JavaScript, or in print, the tables show.
   Clicking a segment, a cell or a bar opens the tasks or indicators it counts. */
(function () {
  "use strict";

  var charts = (window.theodoiCharts = {});
  var font = 'system-ui, "Segoe UI", Roboto, Arial, sans-serif';

  function go(url) {
    if (url) window.location.href = url;
  }

  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function ink(hex) {
    // Dark text on light segments, white on dark ones.
    var n = parseInt(hex.slice(1), 16);
    var lum = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
    return lum > 160 ? "#1d2733" : "#fff";
  }

  // Rows named on the left (groups, units, indicators), their names cut at `label` px.
  function rowsAxis(names, label) {
    return { type: "category", data: names, inverse: true, axisLabel: { width: label, overflow: "truncate" } };
  }

  function stack(spec, label, width) {
    return {
      option: {
        // A half-width chart wraps its legend on two lines.
        grid: { left: label + 12, right: 24, top: width < 800 ? 64 : 40, bottom: 24 },
        legend: { top: 0, left: 0, type: "plain" },
        tooltip: {
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: function (items) {
            var lines = [escape(spec.full[items[0].dataIndex])];
            items.forEach(function (p) {
              if (p.value) lines.push(p.marker + escape(p.seriesName) + ": <b>" + p.value + "</b>");
            });
            return lines.join("<br>");
          },
        },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: rowsAxis(spec.categories, label),
        series: spec.series.map(function (s) {
          return {
            name: s.name,
            type: "bar",
            stack: "total",
            barMaxWidth: 26,
            data: s.data,
            itemStyle: { color: s.colour },
            label: {
              show: true,
              color: ink(s.colour),
              formatter: function (p) {
                return p.value ? String(p.value) : "";
              },
            },
            cursor: "pointer",
          };
        }),
      },
      height: Math.max(160, (width < 800 ? 80 : 56) + 34 * spec.categories.length),
      click: function (p) {
        if (p.componentType === "series" && p.value) go(spec.series[p.seriesIndex].urls[p.dataIndex]);
      },
    };
  }

  function heat(spec, label) {
    var dark = { 0: true, 1: true, 2: true }; // exceeded, met, not met: white text
    return {
      option: {
        grid: { left: label + 12, right: 8, top: 30, bottom: 8 },
        tooltip: {
          formatter: function (p) {
            var c = p.data;
            var lines = [escape(spec.full[c.value[1]]), "Năm " + spec.years[c.value[0]]];
            if (c.shown) lines.push("Số liệu: <b>" + escape(c.shown) + "</b>");
            lines.push(escape(spec.legend[c.value[2]].label));
            if (c.target) lines.push("Mục tiêu" + (c.milestone ? " (mốc kế hoạch)" : "") + ": " + escape(c.target));
            return lines.join("<br>");
          },
        },
        xAxis: { type: "category", data: spec.years, position: "top", splitArea: { show: false } },
        yAxis: rowsAxis(spec.rows, label),
        series: [
          {
            type: "heatmap",
            cursor: "pointer",
            data: spec.cells.map(function (c) {
              return {
                value: [c[0], c[1], c[2]],
                shown: c[3],
                url: c[4],
                target: c[5],
                milestone: c[6],
                itemStyle: {
                  color: spec.legend[c[2]].colour,
                  borderColor: c[6] ? "#1d2733" : "#fff",
                  borderWidth: c[6] ? 2 : 1,
                },
                label: { color: dark[c[2]] ? "#fff" : "#1d2733" },
              };
            }),
            label: {
              show: true,
              fontSize: 11,
              formatter: function (p) {
                return p.data.shown || "";
              },
            },
          },
        ],
      },
      height: Math.max(140, 44 + 26 * spec.rows.length),
      click: function (p) {
        if (p.data) go(p.data.url);
      },
    };
  }

  function score(spec, label) {
    return {
      option: {
        grid: { left: label + 12, right: 48, top: 8, bottom: 24 },
        tooltip: {
          formatter: function (p) {
            return escape(spec.full[p.dataIndex]) + ": <b>" + String(p.value).replace(".", ",") + "</b> điểm";
          },
        },
        xAxis: { type: "value", min: 0, max: 100 },
        yAxis: rowsAxis(spec.categories, label),
        series: [
          {
            type: "bar",
            barMaxWidth: 22,
            cursor: "pointer",
            data: spec.data.map(function (v) {
              return { value: v, itemStyle: { color: v >= 80 ? "#2e7d32" : v >= 50 ? "#ef8c00" : "#c62828" } };
            }),
            label: {
              show: true,
              position: "right",
              formatter: function (p) {
                return String(p.value).replace(".", ",");
              },
            },
          },
        ],
      },
      height: Math.max(140, 30 + 32 * spec.categories.length),
      click: function (p) {
        go(spec.urls[p.dataIndex]);
      },
    };
  }

  function trajectory(spec) {
    var unit = spec.unit || "";
    function fmt(v) {
      return v == null ? "—" : String(Math.round(v * 10) / 10).replace(".", ",") + (unit === "%" ? "%" : unit ? " " + unit : "");
    }
    return {
      option: {
        grid: { left: 56, right: 24, top: 40, bottom: 24 },
        legend: { top: 0, left: 0 },
        tooltip: {
          trigger: "axis",
          valueFormatter: fmt,
        },
        xAxis: { type: "category", data: spec.years, boundaryGap: false },
        yAxis: { type: "value", max: unit === "%" ? 100 : null, axisLabel: { formatter: fmt } },
        series: [
          {
            name: spec.labels.values,
            type: "line",
            data: spec.values,
            connectNulls: true,
            symbolSize: 9,
            lineStyle: { width: 3, color: "#0b5cad" },
            itemStyle: { color: "#0b5cad" },
            label: { show: true, position: "top", formatter: function (p) { return p.value == null ? "" : fmt(p.value); } },
          },
          {
            name: spec.labels.targets,
            type: "line",
            data: spec.targets.map(function (v, i) {
              return { value: v, symbolSize: spec.milestones[i] ? 11 : 4 };
            }),
            connectNulls: true,
            symbol: "diamond",
            lineStyle: { type: "dashed", color: "#6b7280" },
            itemStyle: { color: "#6b7280" },
          },
          {
            name: spec.labels.projection,
            type: "line",
            data: spec.projection,
            connectNulls: false,
            symbol: "circle",
            symbolSize: 4,
            lineStyle: { type: "dotted", width: 2, color: "#ef8c00" },
            itemStyle: { color: "#ef8c00" },
          },
        ],
      },
      height: 300,
    };
  }

  var kinds = { stack: stack, heat: heat, score: score, trajectory: trajectory };

  function draw() {
    // The print button needs the script (the policy runs no inline code): shown with it.
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
    var source = document.getElementById("chart-data");
    if (!source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var spec = data[box.dataset.chart];
      if (!spec || !kinds[spec.type]) return;
      // Category labels get at most 38 % of the width, so a phone keeps room for bars.
      var wide = spec.type === "heat" ? 300 : 230;
      var label = Math.min(wide, Math.round(box.clientWidth * 0.38));
      var made = kinds[spec.type](spec, label, box.clientWidth);
      box.style.height = made.height + "px";
      var chart = window.echarts.init(box, null, { renderer: "svg", locale: "EN" });
      chart.setOption(Object.assign({ animation: false, textStyle: { fontFamily: font } }, made.option));
      if (made.click) chart.on("click", made.click);
      charts[box.dataset.chart] = chart;
      var figure = box.closest("figure");
      if (figure) figure.classList.add("has-chart");
    });
    document.querySelectorAll("[data-toggle-table]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var figure = button.closest("figure");
        var showing = figure.classList.toggle("show-table");
        button.textContent = showing ? "Ẩn bảng số liệu" : "Xem bảng số liệu";
        button.setAttribute("aria-expanded", showing ? "true" : "false");
      });
    });
    window.addEventListener("resize", function () {
      Object.keys(charts).forEach(function (k) {
        charts[k].resize();
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
