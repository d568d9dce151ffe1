/** A uPlot chart that fills its container's width and redraws on resize. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

/** Each series' last point with a value (the x series: the latest of them); -1 when none. */
export function latestIdxs(data: uPlot.AlignedData): number[] {
  const last = data.map((ys) => {
    for (let i = ys.length - 1; i >= 0; i--) if (ys[i] != null) return i;
    return -1;
  });
  last[0] = Math.max(-1, ...last.slice(1));
  return last;
}

export function Chart({
  options,
  data,
  height = 260,
  label,
}: {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // uPlot's legend reads "--" until the pointer is over the chart: show each series' latest
    // value instead whenever nothing is hovered, so the legend says something at a glance
    const idxs = latestIdxs(data);
    const resting = idxs.some((i) => i >= 0);
    const showLatest = (u: uPlot) => {
      if (resting && u.legend.idx == null)
        u.setLegend({ idxs: idxs.map((i) => (i < 0 ? null : i)) }, false);
    };
    const hooks = {
      ...options.hooks,
      setLegend: [...(options.hooks?.setLegend ?? []), showLatest],
    };
    const plot = new uPlot({ ...options, hooks, width: el.clientWidth || 600, height }, data, el);
    showLatest(plot);
    const ro = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [options, data, height]);
  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
