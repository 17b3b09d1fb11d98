package org.racefeatures.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultIntervalXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's figures, drawn by JFreeChart onto JFreeSVG's {@link SVGGraphics2D} as inline
 * {@code <svg>} elements. Each takes a prefix unique in the page, because SVG definitions (clip
 * paths) are looked up by id across the whole HTML document.
 */
final class Charts {
  private static final Color BAR = new Color(0x3b6ea5);
  private static final Color NULLS = new Color(0xb5523b);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 9);

  private Charts() {}

  /**
   * Starts loading the chart library, AWT's fonts and the drawing code on a background thread (by
   * drawing one small figure and dropping it), so that this overlaps the caller's reading instead
   * of delaying the first figure. A failure here is left for the first real figure to report.
   */
  static void preload() {
    Thread t = new Thread(() -> {
      try {
        histogram("preload", new long[] {1, 2}, 0, 1);
        nullsByMonth("preload", new double[] {0.5}, new Months(24_000, 24_000));
      } catch (RuntimeException | LinkageError e) {
        // the first real figure reports it
      }
    }, "racefeatures-chart-preload");
    t.setDaemon(true);
    t.start();
  }

  /** A number's histogram: its {@code counts} in equal bins from {@code min} to {@code max}. */
  static String histogram(String id, long[] counts, double min, double max) {
    int n = counts.length;
    double width = n == 0 ? 1 : max == min ? 1 : (max - min) / n;
    double[][] data = new double[6][n];
    for (int b = 0; b < n; b++) {
      double start = min + b * width;
      data[0][b] = start + width / 2;
      data[1][b] = start;
      data[2][b] = start + width;
      data[3][b] = counts[b];
      data[4][b] = 0;
      data[5][b] = counts[b];
    }
    DefaultIntervalXYDataset dataset = new DefaultIntervalXYDataset();
    dataset.addSeries("rows", data);
    JFreeChart chart = ChartFactory.createXYBarChart(null, null, false, null, dataset, PlotOrientation.VERTICAL,
        false, false, false);
    XYPlot plot = chart.getXYPlot();
    XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, BAR);
    renderer.setDrawBarOutline(false);
    small(plot.getDomainAxis());
    small(plot.getRangeAxis());
    return svg(chart, id, 320, 130);
  }

  /** A category's most frequent values and their counts. */
  static String categories(String id, List<String> values, long[] counts) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (int k = 0; k < values.size(); k++) {
      dataset.addValue(counts[k], "rows", values.get(k));
    }
    JFreeChart chart = ChartFactory.createBarChart(null, null, null, dataset, PlotOrientation.HORIZONTAL,
        false, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, BAR);
    CategoryAxis axis = plot.getDomainAxis();
    axis.setTickLabelFont(SMALL);
    axis.setMaximumCategoryLabelWidthRatio(0.4f);
    small(plot.getRangeAxis());
    return svg(chart, id, 320, Math.max(90, 24 + 14 * values.size()));
  }

  /**
   * The share of NULL rows in each month of {@code span} (months without rows left out), one bar a
   * month. The months are numbered (year * 12 + month - 1) on a number axis whose ticks fall on
   * whole months, quarters or years: a time axis would place the same bars through a calendar each,
   * at twice the cost of a histogram.
   */
  static String nullsByMonth(String id, double[] share, Months span) {
    int n = 0;
    for (double s : share) {
      n += Double.isNaN(s) ? 0 : 1;
    }
    double[][] data = new double[6][n];
    int b = 0;
    for (int m = 0; m < share.length; m++) {
      if (!Double.isNaN(share[m])) {
        int month = span.first() + m;
        data[0][b] = month + 0.5;
        data[1][b] = month;
        data[2][b] = month + 1;
        data[3][b] = 100 * share[m];
        data[4][b] = 0;
        data[5][b] = 100 * share[m];
        b++;
      }
    }
    DefaultIntervalXYDataset dataset = new DefaultIntervalXYDataset();
    dataset.addSeries("NULL %", data);
    JFreeChart chart = ChartFactory.createXYBarChart(null, null, false, null, dataset, PlotOrientation.VERTICAL,
        false, false, false);
    XYPlot plot = chart.getXYPlot();
    XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, NULLS);
    renderer.setDrawBarOutline(false);
    NumberAxis range = (NumberAxis) plot.getRangeAxis();
    range.setRange(0, 100);
    range.setLabel("NULL %");
    small(range);
    NumberAxis months = (NumberAxis) plot.getDomainAxis();
    months.setRange(span.first(), span.last() + 1);
    months.setStandardTickUnits(MONTH_TICKS);
    small(months);
    return svg(chart, id, 320, 110);
  }

  /** Ticks every month, quarter, half year, year or several years, labelled as such. */
  private static final TickUnits MONTH_TICKS = new TickUnits();

  static {
    for (int months : new int[] {1, 3, 6, 12, 24, 60, 120, 240}) {
      MONTH_TICKS.add(new NumberTickUnit(months, new MonthFormat(months >= 12)));
    }
  }

  /** A month's number (year * 12 + month - 1) as "YYYY-MM", or "YYYY" for ticks a year or more apart. */
  private static final class MonthFormat extends NumberFormat {
    private final boolean yearOnly;

    MonthFormat(boolean yearOnly) {
      this.yearOnly = yearOnly;
    }

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
      return format(Math.round(number), to, pos);
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
      long year = Math.floorDiv(number, 12);
      long month = Math.floorMod(number, 12) + 1;
      return to.append(yearOnly ? String.valueOf(year) : String.format(Locale.ROOT, "%d-%02d", year, month));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("labels only");
    }
  }

  /** Observed win rate against mean implied probability per bin, with the diagonal. */
  static String calibration(String id, Calibration c) {
    XYSeries observed = new XYSeries("observed win rate");
    for (int b = 0; b < Calibration.BINS; b++) {
      if (c.rows()[b] > 0) {
        observed.add(c.meanProbability()[b], c.winRate()[b]);
      }
    }
    XYSeries perfect = new XYSeries("calibrated");
    perfect.add(0, 0);
    perfect.add(1, 1);
    XYSeriesCollection dataset = new XYSeriesCollection();
    dataset.addSeries(observed);
    dataset.addSeries(perfect);
    JFreeChart chart = ChartFactory.createXYLineChart(null, Calibration.FEATURE + " (bin mean)", "win rate", dataset,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesPaint(0, BAR);
    renderer.setSeriesPaint(1, Color.GRAY);
    renderer.setSeriesShapesVisible(1, false);
    renderer.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
        new float[] {4f, 4f}, 0f));
    plot.setRenderer(renderer);
    ((NumberAxis) plot.getDomainAxis()).setRange(0, 1);
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 1);
    return svg(chart, id, 420, 360);
  }

  private static void small(org.jfree.chart.axis.ValueAxis axis) {
    axis.setTickLabelFont(SMALL);
    axis.setLabelFont(SMALL);
  }

  private static String svg(JFreeChart chart, String id, int width, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(new Color(0xf7f7f7));
    chart.setAntiAlias(true);
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix(id + "-");
    chart.draw(g2, new Rectangle(0, 0, width, height));
    return g2.getSVGElement(id);
  }
}
