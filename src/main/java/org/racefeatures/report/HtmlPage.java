package org.racefeatures.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.racefeatures.features.Feature;
import org.racefeatures.features.ValueType;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no font or file from
 * anywhere else, laid out for a 1280 px window. Sections: the header, the flags, the table of
 * features sorted by predictive power, the market's calibration, then one section per feature
 * ({@code <section class="feature" id="f-NAME">}) with its figures and plots.
 */
final class HtmlPage {
  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d232b;
        margin:0 auto;max-width:1240px;padding:16px 20px 48px}
      h1{font-size:24px;margin:8px 0}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ccd}
      h3{font-size:15px;margin:0 0 4px;font-family:ui-monospace,Menlo,Consolas,monospace}
      table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right;white-space:nowrap}
      th{background:#eef1f5;position:sticky;top:0}td.l,th.l{text-align:left}
      table.features tr:nth-child(even) td{background:#f7f8fa}
      table.facts td:first-child{color:#556;text-align:left}table.facts td{text-align:left}
      .flag{color:#a8321a}.muted{color:#778}code{font-family:ui-monospace,Menlo,Consolas,monospace}
      section.feature{border-top:1px solid #dde;padding:10px 0}
      .figures{display:flex;gap:12px;flex-wrap:wrap;align-items:flex-start}
      dl{display:grid;grid-template-columns:max-content auto;gap:0 10px;margin:4px 0 6px;font-size:13px}
      dt{color:#556}dd{margin:0}p.definition{margin:0 0 4px;max-width:900px}
      """;

  private final StringBuilder out = new StringBuilder(1 << 20);
  private final Months span;

  private HtmlPage(Months span) {
    this.span = span;
  }

  /**
   * The page.
   *
   * @param facts the header's rows, label to value, in order
   * @param summaries one per feature, in catalogue order
   */
  static String render(Map<String, String> facts, List<FeatureSummary> summaries, Calibration calibration,
      Months span) {
    return new HtmlPage(span).page(facts, summaries, calibration);
  }

  private String page(Map<String, String> facts, List<FeatureSummary> summaries, Calibration calibration) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width\">")
        .append("<title>racefeatures report</title><style>").append(CSS).append("</style></head><body>\n");
    out.append("<header><h1>Feature report</h1><table class=\"facts\">");
    facts.forEach((k, v) -> out.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v))
        .append("</td></tr>"));
    out.append("</table></header>\n");
    flags(summaries);
    table(sorted(summaries));
    calibration(calibration);
    out.append("<section id=\"details\"><h2>Each feature</h2>\n");
    // Drawing is most of the page's time; each feature's figures are independent of the others'.
    List<String> figures = java.util.stream.IntStream.range(0, summaries.size()).parallel()
        .mapToObj(f -> figures(summaries.get(f), "c" + f)).toList();
    for (int f = 0; f < summaries.size(); f++) {
      feature(summaries.get(f), figures.get(f));
    }
    out.append("</section>\n</body></html>\n");
    return out.toString();
  }

  /** Strongest first by distance of the AUC from 0.5; features without an AUC last, in catalogue order. */
  static List<FeatureSummary> sorted(List<FeatureSummary> summaries) {
    List<FeatureSummary> s = new ArrayList<>(summaries);
    s.sort(Comparator.comparingDouble(FeatureSummary::power).reversed());
    return s;
  }

  private void flags(List<FeatureSummary> summaries) {
    out.append("<section id=\"flags\"><h2>Flags</h2>");
    List<FeatureSummary> flagged = summaries.stream().filter(s -> !s.flags().isEmpty()).toList();
    if (flagged.isEmpty()) {
      out.append("<p>No feature is constant or all NULL, none changes its NULL share by more than 20 points from")
          .append(" one month to the next, and none has an AUC above 0.9.</p>");
    } else {
      out.append("<ul>");
      for (FeatureSummary s : flagged) {
        out.append("<li>").append(link(s.feature())).append(": <span class=\"flag\">")
            .append(esc(String.join("; ", s.flags()))).append("</span></li>");
      }
      out.append("</ul>");
    }
    out.append("</section>\n");
  }

  private void table(List<FeatureSummary> sorted) {
    out.append("<section id=\"summary\"><h2>Features by predictive power</h2>")
        .append("<p class=\"muted\">AUC: of the value against <code>won</code>, over rows where both are present")
        .append(" (0.5 = no signal). PSI: drift from the first 12 months of the span to the last 12, bins at the")
        .append(" first year's deciles and NULL (under 0.1 stable, 0.1 to 0.25 moderate, over 0.25 large).</p>")
        .append("<table class=\"features\"><thead><tr><th>#</th><th class=\"l\">feature</th><th class=\"l\">family</th>")
        .append("<th class=\"l\">type</th><th>NULL %</th><th>mean</th><th>min</th><th>max</th><th>AUC</th>")
        .append("<th class=\"l\">direction</th><th>PSI</th><th class=\"l\">flags</th></tr></thead><tbody>\n");
    int rank = 1;
    for (FeatureSummary s : sorted) {
      Feature f = s.feature();
      out.append("<tr data-feature=\"").append(f.name()).append("\"><td>").append(rank++).append("</td><td class=\"l\">")
          .append(link(f)).append("</td><td class=\"l\">").append(esc(f.section())).append("</td><td class=\"l\">")
          .append(f.type().catalogueName().split(" ")[0]).append("</td><td>").append(percent(s.nullShare()))
          .append("</td><td>").append(number(s.mean())).append("</td><td>").append(value(f, s.min()))
          .append("</td><td>").append(value(f, s.max())).append("</td><td>").append(fixed(s.auc(), 3))
          .append("</td><td class=\"l\">").append(s.direction()).append("</td><td>").append(fixed(s.psi(), 3))
          .append("</td><td class=\"l flag\">").append(s.flags().isEmpty() ? "" : "&#9873; " + s.flags().size())
          .append("</td></tr>\n");
    }
    out.append("</tbody></table></section>\n");
  }

  private void calibration(Calibration c) {
    out.append("<section id=\"calibration\"><h2>Calibration of the market</h2><p class=\"muted\">")
        .append("Observed win rate against <code>sp_implied_prob</code> in 10 equal bins: on sound data the points")
        .append(" lie near the diagonal.</p><div class=\"figures\">").append(Charts.calibration("calibration-plot", c))
        .append("<table><thead><tr><th>bin</th><th>rows</th><th>mean probability</th><th>win rate</th></tr></thead><tbody>");
    for (int b = 0; b < Calibration.BINS; b++) {
      out.append(String.format(Locale.ROOT, "<tr><td>%.1f&ndash;%.1f</td><td>%,d</td><td>%s</td><td>%s</td></tr>",
          b / 10.0, (b + 1) / 10.0, c.rows()[b], fixed(c.meanProbability()[b], 3), fixed(c.winRate()[b], 3)));
    }
    out.append("</tbody></table></div></section>\n");
  }

  /** A feature's histogram (or its top values) and its NULL share by month, as SVG. */
  private String figures(FeatureSummary s, String id) {
    StringBuilder svg = new StringBuilder();
    if (FeatureColumns.isCategory(s.feature())) {
      if (!s.top().isEmpty()) {
        svg.append(Charts.categories(id + "-h", s.top(), s.histogram()));
      }
    } else if (s.histogram().length > 0) {
      svg.append(Charts.histogram(id + "-h", s.histogram(), s.min(), s.max()));
    }
    return svg.append(Charts.nullsByMonth(id + "-n", s.nullShareByMonth(), span)).toString();
  }

  private void feature(FeatureSummary s, String figures) {
    Feature f = s.feature();
    out.append("<section class=\"feature\" id=\"f-").append(f.name()).append("\" data-feature=\"").append(f.name())
        .append("\"><h3>").append(f.name()).append("</h3><p class=\"definition\">").append(esc(f.definition()));
    if (!f.nullRule().isEmpty()) {
      out.append(" <span class=\"muted\">NULL: ").append(esc(f.nullRule())).append("</span>");
    }
    out.append("</p>");
    for (String flag : s.flags()) {
      out.append("<p class=\"flag\">&#9873; ").append(esc(flag)).append("</p>");
    }
    out.append("<div class=\"figures\"><dl>");
    fact("family", esc(f.section()));
    fact("type", esc(f.type().catalogueName()));
    fact("rows", String.format(Locale.ROOT, "%,d", s.rows()));
    fact("NULL", percent(s.nullShare()));
    if (FeatureColumns.isCategory(f)) {
      fact("distinct values", Integer.toString(s.distinct()));
    } else {
      fact("mean", number(s.mean()));
      fact("min", value(f, s.min()));
      fact("max", value(f, s.max()));
      fact("AUC", fixed(s.auc(), 4) + (s.direction().isEmpty() ? "" : " (" + s.direction() + ")"));
    }
    fact("PSI", fixed(s.psi(), 4));
    out.append("</dl>").append(figures).append("</div></section>\n");
  }

  private void fact(String name, String html) {
    out.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
  }

  private static String link(Feature f) {
    return "<a href=\"#f-" + f.name() + "\"><code>" + f.name() + "</code></a>";
  }

  private static String value(Feature f, double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return f.type() == ValueType.INTEGER ? String.format(Locale.ROOT, "%,d", (long) v) : number(v);
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String fixed(double v, int digits) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.1f", 100 * share);
  }

  /** Text as HTML character data or a quoted attribute value. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
