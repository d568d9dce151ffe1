/** A uPlot chart that fills its container's width and redraws on resize. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

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
    const plot = new uPlot({ ...options, width: el.clientWidth || 600, height }, data, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [options, data, height]);
  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
